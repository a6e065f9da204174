import { text } from '../../text';
import type { StepDef } from '../step';
import { WatchStep } from './WatchStep';

export const watchStep: StepDef = {
  id: 'watch',
  ...text.steps.watch,
  Component: WatchStep,
};
