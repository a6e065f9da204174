import type { StepDef } from '../step';
import { VpnStep } from './VpnStep';

export const vpnStep: StepDef = {
  id: 'vpn',
  title: 'Network path',
  purpose: 'VPN or proxy in the way?',
  Component: VpnStep,
};
