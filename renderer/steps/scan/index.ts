import { text } from '../../text';
import type { StepDef } from '../step';
import { ScanStep } from './ScanStep';

export const scanStep: StepDef = {
  id: 'scan',
  ...text.steps.scan,
  Component: ScanStep,
};
