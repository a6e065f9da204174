import { text } from '../../text';
import type { StepDef } from '../step';
import { BrowsersStep } from './BrowsersStep';

export const browsersStep: StepDef = {
  id: 'browsers',
  ...text.steps.browsers,
  Component: BrowsersStep,
};
