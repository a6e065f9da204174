/** What the public IP check means for the user, in its own words. Pure. */
import type { Finding, PublicIpResult } from '../../../shared/model';
import { sentences } from '../../../shared/text';

export function ipFindings(pub: PublicIpResult | undefined): Finding[] {
  if (!pub) return [];
  const parts = [pub.v4, pub.v6].filter((a) => a !== undefined);
  if (parts.length === 0) {
    return [
      {
        id: 'public-ip-unknown',
        kind: 'public-ip-unknown',
        severity: 'warning',
        title: 'Could not read your public IP address.',
        detail: sentences(
          'No echo service answered, so Access Doctor cannot tell which address sites see',
          pub.failures[0] && `The first one said: ${pub.failures[0].error.message}`,
        ),
      },
    ];
  }
  const findings: Finding[] = [
    {
      id: 'public-ip',
      kind: 'public-ip',
      severity: 'info',
      title: sentences(`Your public IP address is ${parts.map((a) => a.ip).join(' and ')}`),
      detail: sentences(
        `This is the address sites see${pub.v4?.loc ? ` (located in ${pub.v4.loc})` : ''}`,
        'Blocks are usually tied to it',
      ),
      facts: parts.map((a) => ({ label: `IPv${a.family}`, value: a.ip, copy: true })),
    },
  ];
  if (parts.some((a) => a.warp === 'on' || a.warp === 'plus')) {
    findings.push({
      id: 'warp',
      kind: 'warp',
      severity: 'warning',
      title: 'Your traffic goes through Cloudflare WARP.',
      detail: sentences('Some sites block WARP and VPN exits', 'Try once with WARP turned off'),
    });
  }
  return findings;
}
