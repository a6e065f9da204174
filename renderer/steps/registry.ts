/**
 * The wizard's steps, in the order the wizard walks them; one line per step. Each step's id is a
 * `ViewId` (shared/model.ts), the same name the plan's buttons, the `navigate` event and the tray use.
 */
import type { ViewId } from '../../shared/model';
import { backupsStep } from './backups';
import { browsersStep } from './browsers';
import { reportStep } from './report';
import { routerStep } from './router';
import { scanStep } from './scan';
import type { StepDef } from './step';
import { vpnStep } from './vpn';
import { watchStep } from './watch';

export const STEPS: readonly StepDef[] = [
  scanStep,
  browsersStep,
  vpnStep,
  routerStep,
  watchStep,
  reportStep,
  backupsStep,
];

export function stepById(id: ViewId): StepDef {
  return STEPS.find((s) => s.id === id) ?? scanStep;
}
