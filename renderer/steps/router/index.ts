import { text } from '../../text';
import { lazyStep, type StepDef } from '../step';

export const routerStep: StepDef = {
  id: 'router',
  ...text.steps.router,
  ...lazyStep(
    () => import('./RouterStep'),
    (m) => m.RouterStep,
  ),
};
