import { text } from '../../text';
import { lazyStep, type StepDef } from '../step';

export const vpnStep: StepDef = {
  id: 'vpn',
  ...text.steps.vpn,
  ...lazyStep(
    () => import('./VpnStep'),
    (m) => m.VpnStep,
  ),
};
