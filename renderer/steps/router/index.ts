import type { StepDef } from '../step';
import { RouterStep } from './RouterStep';

export const routerStep: StepDef = {
  id: 'router',
  title: 'Reset router',
  purpose: 'Get a new public IP address',
  Component: RouterStep,
};
