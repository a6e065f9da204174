import type { ComponentType } from 'react';
import type { ViewId } from '../../shared/model';

/** One wizard step: a folder under renderer/steps/, registered once by id in registry.ts. */
export interface StepDef {
  id: ViewId;
  title: string;
  /** One line under the title in the step list. */
  purpose: string;
  Component: ComponentType;
}
