import { text } from '../../text';
import type { StepDef } from '../step';
import { RouterStep } from './RouterStep';

export const routerStep: StepDef = {
  id: 'router',
  ...text.steps.router,
  Component: RouterStep,
};
