import type { StepDef } from '../step';
import { ReportStep } from './ReportStep';

export const reportStep: StepDef = {
  id: 'report',
  title: 'Support report',
  purpose: 'When nothing worked',
  Component: ReportStep,
};
