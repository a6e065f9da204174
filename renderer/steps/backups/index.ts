import { text } from '../../text';
import type { StepDef } from '../step';
import { BackupsStep } from './BackupsStep';

export const backupsStep: StepDef = {
  id: 'backups',
  ...text.steps.backups,
  Component: BackupsStep,
};
