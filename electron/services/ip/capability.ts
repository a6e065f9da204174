/** The public IP capability: its check (echo services, v4 and v6 side by side) and its findings. */
import type { PublicIpResult } from '../../../shared/model';
import type { Capability } from '../capability';
import { ipFindings } from './findings';

export function ipCapability(readPublicIp: (signal?: AbortSignal) => Promise<PublicIpResult>): Capability {
  return {
    id: 'ip',
    check: {
      id: 'ip',
      label: 'Public IP address',
      run: (_ctx, io) => readPublicIp(io.signal),
      summarize: (r) => {
        const ips = [r.v4?.ip, r.v6?.ip].filter(Boolean).join(', ');
        return ips ? { mark: 'fine', detail: ips } : { mark: 'unavailable', detail: 'No echo service answered.' };
      },
    },
    findings: ({ results }) => ipFindings(results.ip),
  };
}
