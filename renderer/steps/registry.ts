/**
 * The wizard's steps as data: id, title and a one-line purpose. Components are attached in
 * steps/index.tsx; the order here is the order the wizard walks. Later issues append steps
 * (clear site data, VPN, proxy, router reset, re-test, report).
 */
export const STEP_DEFS = [
  { id: 'scan', title: 'Scan', purpose: 'Find out what blocks you' },
  { id: 'router', title: 'Reset router', purpose: 'Get a new public IP address' },
  { id: 'watch', title: 'Watch', purpose: 'Get told when it works again' },
] as const;

export type StepId = (typeof STEP_DEFS)[number]['id'];
export const firstStepId: StepId = STEP_DEFS[0].id;
