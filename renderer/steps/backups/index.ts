import { text } from '../../text';
import { lazyStep, type StepDef } from '../step';

export const backupsStep: StepDef = {
  id: 'backups',
  ...text.steps.backups,
  ...lazyStep(
    () => import('./BackupsStep'),
    (m) => m.BackupsStep,
  ),
};
