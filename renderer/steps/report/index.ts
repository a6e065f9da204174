import { text } from '../../text';
import { lazyStep, type StepDef } from '../step';

export const reportStep: StepDef = {
  id: 'report',
  ...text.steps.report,
  ...lazyStep(
    () => import('./ReportStep'),
    (m) => m.ReportStep,
  ),
};
