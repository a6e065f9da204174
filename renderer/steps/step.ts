import { type ComponentType, lazy } from 'react';
import type { ViewId } from '../../shared/model';

/** One wizard step: a folder under renderer/steps/, registered once by id in registry.ts. */
export interface StepDef {
  id: ViewId;
  title: string;
  /** One line under the title in the step list. */
  purpose: string;
  Component: ComponentType;
  /** Fetches a lazily loaded step's code ahead of its first visit (absent for a step in the first bundle). */
  preload?: () => Promise<unknown>;
}

/**
 * A step whose code is a chunk of its own, fetched on its first visit (or ahead of it, by `preload`): the
 * window opens on Scan, so it parses only Scan's code before the Scan button can be used. `load` must be a
 * literal `() => import('./TheStep')` in the step's own folder, so the bundler makes it a chunk.
 */
export function lazyStep<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return {
    Component: lazy(() => load().then((module) => ({ default: pick(module) }))),
    preload: load,
  } satisfies Pick<StepDef, 'Component' | 'preload'>;
}
