import { text } from '../../text';
import { lazyStep, type StepDef } from '../step';

export const browsersStep: StepDef = {
  id: 'browsers',
  ...text.steps.browsers,
  ...lazyStep(
    () => import('./BrowsersStep'),
    (m) => m.BrowsersStep,
  ),
};
