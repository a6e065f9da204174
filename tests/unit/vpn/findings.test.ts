/** The VPN's findings, its check mark and its "Disconnect the VPN" step, in whole sentences. */
import { describe, expect, it } from 'vitest';
import { VPN_RANK, vpnCapability } from '../../../electron/services/vpn/capability';
import type { AccessResult, DiagnosisResults, VpnStatus } from '../../../shared/model';
import { followsSentenceRule } from '../../../shared/text';

const service = { status: async () => STATUS.none, restore: async () => undefined };
const cap = vpnCapability(service, 'linux');

const STATUS = {
  openvpn: {
    viaTunnel: true,
    interface: 'tun0',
    gateway: null,
    table: null,
    tunnels: [{ name: 'tun0', kind: 'tun', client: null }],
    connections: [],
  },
  warp: {
    viaTunnel: true,
    interface: 'CloudflareWARP',
    gateway: null,
    table: null,
    tunnels: [{ name: 'CloudflareWARP', kind: 'wireguard', client: 'Cloudflare WARP' }],
    connections: [{ driver: 'warp-cli', name: 'Cloudflare WARP', id: 'warp', device: 'CloudflareWARP' }],
  },
  wg: {
    viaTunnel: true,
    interface: 'wg0',
    gateway: null,
    table: '51820',
    tunnels: [{ name: 'wg0', kind: 'wireguard', client: null }],
    connections: [{ driver: 'wg-quick', name: 'wg0', id: 'wg0', device: 'wg0' }],
  },
  idle: {
    viaTunnel: false,
    interface: 'eth0',
    gateway: '192.0.2.1',
    table: null,
    tunnels: [{ name: 'tailscale0', kind: 'wireguard', client: 'Tailscale' }],
    connections: [],
  },
  none: { viaTunnel: false, interface: 'eth0', gateway: '192.0.2.1', table: null, tunnels: [], connections: [] },
  unknown: {
    viaTunnel: null,
    interface: null,
    gateway: null,
    table: null,
    tunnels: [],
    connections: [],
    error: { code: 'vpn-no-route', message: 'This computer has no route to the internet right now.' },
  },
} satisfies Record<string, VpnStatus>;

const blocked: AccessResult = { target: 'https://chatgpt.com/', verdict: 'blocked' } as AccessResult;
const ok: AccessResult = { target: 'https://chatgpt.com/', verdict: 'ok' } as AccessResult;

const run = (results: DiagnosisResults) => {
  const input = { targets: ['https://chatgpt.com/'], results };
  const findings = cap.findings?.(input) ?? [];
  return { findings, steps: cap.fixes?.({ ...input, findings }) ?? [] };
};

describe('vpn findings', () => {
  it('names the interface in plain words', () => {
    const { findings } = run({ vpn: STATUS.openvpn });
    expect(findings.map((f) => f.title)).toEqual(['Your traffic leaves through tun0 (a VPN).']);
    expect(findings[0]?.detail).toContain('Sites often block VPN exits.');
    expect(run({ vpn: STATUS.warp }).findings[0]?.title).toBe(
      'Your traffic leaves through CloudflareWARP (Cloudflare WARP, a VPN).',
    );
    expect(run({ vpn: STATUS.wg }).findings[0]?.facts).toContainEqual({ label: 'Routing table', value: '51820' });
  });

  it('an idle tunnel is mentioned, no tunnel adds nothing, an unreadable path says so', () => {
    expect(run({ vpn: STATUS.idle }).findings[0]).toMatchObject({ kind: 'vpn', severity: 'info' });
    expect(run({ vpn: STATUS.none }).findings).toEqual([]);
    expect(run({ vpn: STATUS.unknown }).findings[0]?.kind).toBe('vpn-unknown');
    expect(run({}).findings).toEqual([]);
  });

  it('every text follows the sentence rule', () => {
    for (const status of Object.values(STATUS)) {
      for (const access of [[blocked], [ok]]) {
        const ip = { v4: { ip: '104.28.0.1', family: 4 as const, source: 'x', warp: 'on' }, failures: [] };
        const { findings, steps } = run({ vpn: status, access, ip });
        for (const text of [
          ...findings.flatMap((f) => [f.title, f.detail]),
          ...steps.flatMap((s) => [s.title, s.why]),
        ]) {
          expect(followsSentenceRule(text), text).toBe(true);
        }
        if (cap.check?.id === 'vpn') {
          const detail = cap.check.summarize(status).detail;
          expect(followsSentenceRule(detail), detail).toBe(true);
        }
      }
    }
  });
});

describe('the Disconnect the VPN step', () => {
  it('comes before the router when a site refuses you through a tunnel', () => {
    const { steps } = run({ vpn: STATUS.wg, access: [blocked] });
    expect(steps).toMatchObject([{ id: 'disconnect-vpn', rank: VPN_RANK, title: 'Disconnect the VPN.' }]);
    expect(VPN_RANK).toBeLessThan(50);
    expect(steps[0]?.why).toContain('Access Doctor can disconnect wg0');
  });

  it('says how by hand when no program here can', () => {
    expect(run({ vpn: STATUS.openvpn, access: [blocked] }).steps[0]?.why).toContain('OpenVPN');
  });

  it('is not offered when every site answers, or when no tunnel carries traffic', () => {
    expect(run({ vpn: STATUS.openvpn, access: [ok] }).steps).toEqual([]);
    expect(run({ vpn: STATUS.none, access: [blocked] }).steps).toEqual([]);
  });

  it('is offered when the sites see WARP even if no tunnel shows here', () => {
    const ip = { v4: { ip: '104.28.0.1', family: 4 as const, source: 'x', warp: 'plus' }, failures: [] };
    expect(run({ vpn: STATUS.none, access: [blocked], ip }).steps[0]?.why).toContain('WARP');
  });
});

describe('the check mark', () => {
  it('fine without a tunnel, a problem with one, unavailable when it cannot be told', () => {
    if (cap.check?.id !== 'vpn') throw new Error('no vpn check');
    expect(cap.check.summarize(STATUS.none).mark).toBe('fine');
    expect(cap.check.summarize(STATUS.openvpn).mark).toBe('problem');
    expect(cap.check.summarize(STATUS.unknown).mark).toBe('unavailable');
  });
});
