import type { StepDef } from '../step';
import { BackupsStep } from './BackupsStep';

export const backupsStep: StepDef = {
  id: 'backups',
  title: 'Backups',
  purpose: 'Undo any change the app made',
  Component: BackupsStep,
};
