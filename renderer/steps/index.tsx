import type { ComponentType } from 'react';
import { RouterStep } from './RouterStep';
import { STEP_DEFS, type StepId } from './registry';
import { ScanStep } from './ScanStep';
import { WatchStep } from './WatchStep';

const COMPONENTS: Record<StepId, ComponentType> = { scan: ScanStep, router: RouterStep, watch: WatchStep };

export const STEPS = STEP_DEFS.map((def) => ({ ...def, Component: COMPONENTS[def.id] }));
