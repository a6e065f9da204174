import { text } from '../../text';
import { lazyStep, type StepDef } from '../step';

export const watchStep: StepDef = {
  id: 'watch',
  ...text.steps.watch,
  ...lazyStep(
    () => import('./WatchStep'),
    (m) => m.WatchStep,
  ),
};
