import type { ComponentType } from 'react';
import { STEP_DEFS, type StepId } from './registry';
import { ScanStep } from './ScanStep';

const COMPONENTS: Record<StepId, ComponentType> = { scan: ScanStep };

export const STEPS = STEP_DEFS.map((def) => ({ ...def, Component: COMPONENTS[def.id] }));
