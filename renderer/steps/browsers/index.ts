import type { StepDef } from '../step';
import { BrowsersStep } from './BrowsersStep';

export const browsersStep: StepDef = {
  id: 'browsers',
  title: 'Browsers',
  purpose: 'Cookies, extensions, settings',
  Component: BrowsersStep,
};
