import { text } from '../../text';
import type { StepDef } from '../step';
import { VpnStep } from './VpnStep';

export const vpnStep: StepDef = {
  id: 'vpn',
  ...text.steps.vpn,
  Component: VpnStep,
};
