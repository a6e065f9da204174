import { text } from '../../text';
import type { StepDef } from '../step';
import { ReportStep } from './ReportStep';

export const reportStep: StepDef = {
  id: 'report',
  ...text.steps.report,
  Component: ReportStep,
};
