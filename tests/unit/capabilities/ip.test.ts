import { describe, expect, it } from 'vitest';
import { ipCapability } from '../../../electron/services/ip/capability';
import { ipFindings } from '../../../electron/services/ip/findings';
import type { Finding, PublicIpResult } from '../../../shared/model';
import { followsSentenceRule } from '../../../shared/text';
import { IPS, PUBLIC_IP } from '../diagnosis/fakes';

const expectRule = (findings: Finding[]) => {
  for (const f of findings) {
    expect(followsSentenceRule(f.title), f.title).toBe(true);
    expect(followsSentenceRule(f.detail), f.detail).toBe(true);
  }
};

describe('ip findings', () => {
  it('nothing to say when the check did not run', () => {
    expect(ipFindings(undefined)).toEqual([]);
  });

  it('names both addresses as copyable facts and says where the address is located', () => {
    const findings = ipFindings({ ...IPS.known(), v6: { ip: '2001:db8::23', family: 6, source: 'trace6' } });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ kind: 'public-ip', severity: 'info' });
    expect(f?.title).toContain(PUBLIC_IP);
    expect(f?.title).toContain('2001:db8::23');
    expect(f?.detail).toContain('NL');
    expect(f?.facts).toEqual([
      { label: 'IPv4', value: PUBLIC_IP, copy: true },
      { label: 'IPv6', value: '2001:db8::23', copy: true },
    ]);
    expectRule(findings);
  });

  it('an IPv6-only answer is still a known address', () => {
    const findings = ipFindings({ v6: { ip: '2001:db8::23', family: 6, source: 'trace6' }, failures: [] });
    expect(findings.map((f) => f.kind)).toEqual(['public-ip']);
    expectRule(findings);
  });

  it.each(['on', 'plus'])('warns when traffic leaves through WARP (warp=%s)', (warp) => {
    const known = IPS.known();
    const findings = ipFindings({ ...known, v4: known.v4 && { ...known.v4, warp } });
    expect(findings.find((f) => f.kind === 'warp')?.severity).toBe('warning');
    expectRule(findings);
  });

  it('warp=off is not WARP', () => {
    expect(ipFindings(IPS.known()).some((f) => f.kind === 'warp')).toBe(false);
  });

  it('no address is a warning that quotes why the first echo service failed', () => {
    const pub: PublicIpResult = {
      failures: [
        { source: 'a', error: { code: 'net-timeout', message: 'a.test did not answer within 5 s' } },
        { source: 'b', error: { code: 'bad-answer', message: 'The answer has no ip= line.' } },
      ],
    };
    const findings = ipFindings(pub);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id: 'public-ip-unknown', kind: 'public-ip-unknown', severity: 'warning' });
    expect(findings[0]?.detail).toContain('a.test did not answer within 5 s');
    expectRule(findings);
    expectRule(ipFindings({ failures: [] }));
  });
});

describe('ip check', () => {
  it('marks fine with the addresses, or not available when no echo service answered', async () => {
    const cap = ipCapability(async () => IPS.known());
    const check = cap.check;
    if (check?.id !== 'ip') throw new Error('the ip capability has an ip check');
    expect(check.summarize(IPS.known())).toEqual({ mark: 'fine', detail: PUBLIC_IP });
    expect(check.summarize(IPS.unknown()).mark).toBe('unavailable');
    expect(await check.run({ targets: [] }, { signal: new AbortController().signal, progress: () => {} })).toEqual(
      IPS.known(),
    );
  });

  it('proposes no fix steps of its own', () => {
    expect(ipCapability(async () => IPS.known()).fixes).toBeUndefined();
  });
});
