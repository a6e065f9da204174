import type { StepDef } from '../step';
import { ScanStep } from './ScanStep';

export const scanStep: StepDef = {
  id: 'scan',
  title: 'Scan',
  purpose: 'Find out what blocks you',
  Component: ScanStep,
};
