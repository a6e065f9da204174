import type { StepDef } from '../step';
import { WatchStep } from './WatchStep';

export const watchStep: StepDef = {
  id: 'watch',
  title: 'Watch',
  purpose: 'Get told when it works again',
  Component: WatchStep,
};
