/**
 * Hostile answers from the loopback world: a 50 MB body, a trace without ip=, invalid JSON, a redirect
 * loop and slow-loris servers. Each must end in a clear finding or error within the configured time,
 * never a crash, a hang or unbounded memory. Through the CLI subprocess and through the services.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConfigInput, parseConfig } from '../../electron/config';
import { createServices } from '../../electron/services';
import type { Diagnosis, PublicIpResult, StatusResult } from '../../shared/model';
import { followsSentenceRule } from '../../shared/text';
import { GUARD } from '../support/paths';
import { runCli, writeConfig } from '../support/run-cli';
import { startWorld, type World } from './world';

/** Generous slack for process start-up and a loaded CI machine; the deadlines themselves are seconds. */
const MARGIN_MS = 4000;
const HTTP_TIMEOUT_MS = 1500;

let world: World;
let rssProbe: string;

beforeAll(async () => {
  world = await startWorld({ publicIp: '198.51.100.23' });
  const dir = mkdtempSync(join(tmpdir(), 'access-doctor-rss-'));
  rssProbe = join(dir, 'rss.cjs');
  writeFileSync(
    rssProbe,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.AD_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
  );
});
afterAll(() => world.close());

const url = (path: string) => `${world.origin}${path}`;

/** The world config with tight time limits and the given overrides. */
function config(overrides: Partial<ConfigInput> = {}): ConfigInput {
  return world.config({
    http: { timeoutMs: HTTP_TIMEOUT_MS, maxBodyBytes: 1024 * 1024, maxRedirects: 5 },
    ...overrides,
  });
}

async function cli(command: string, overrides: Partial<ConfigInput>) {
  const run = await runCli([command, '--json', '--config', writeConfig(config(overrides))]);
  expect(run.stderr).toBe('');
  return run;
}

/** Runs the CLI and reports its peak resident memory in MB. */
async function cliPeakRss(overrides: Partial<ConfigInput>) {
  const file = join(mkdtempSync(join(tmpdir(), 'access-doctor-rss-')), 'rss');
  const run = await runCli(['diagnose', '--json', '--config', writeConfig(config(overrides))], {
    env: { NODE_OPTIONS: `--require ${GUARD} --require ${rssProbe}`, AD_RSS_FILE: file },
  });
  return { run, peakMb: Number(readFileSync(file, 'utf8')) / 1024 };
}

describe('a 50 MB body', () => {
  it('as a target: the CLI answers quickly with bounded memory', async () => {
    const baseline = await cliPeakRss({ targets: [url('/site/')] });
    const huge = await cliPeakRss({ targets: [url('/hostile/huge')] });
    expect(huge.run.code).toBe(0);
    const d = JSON.parse(huge.run.stdout) as Diagnosis;
    // The site did answer 200; what matters is that only the capped first MiB was read.
    expect(d.results.access?.[0]).toMatchObject({ target: url('/hostile/huge'), verdict: 'ok', httpStatus: 200 });
    expect(huge.run.elapsedMs).toBeLessThan(HTTP_TIMEOUT_MS + MARGIN_MS);
    // Buffering the whole body would cost well over 50 MB more than a normal run.
    expect(huge.peakMb - baseline.peakMb).toBeLessThan(40);
  });

  it('as the status URL: a clear "too large" status-unknown, without the feed', async () => {
    const huge = url('/hostile/huge');
    const run = await cli('diagnose', { status: { url: huge, feedUrl: huge, timeoutMs: 3000 } });
    const d = JSON.parse(run.stdout) as Diagnosis;
    expect(d.results.status).toMatchObject({
      ok: false,
      source: huge,
      error: { code: 'body-too-large', message: 'The status answer is larger than 2 MiB.' },
    });
    expect(d.findings.find((f) => f.kind === 'status-unknown')?.detail).toMatch(
      /^The status answer is larger than 2 MiB\./,
    );
    expect(run.elapsedMs).toBeLessThan(3000 + MARGIN_MS);
  });

  it('through the HTTP client directly: truncated at the cap, promptly', async () => {
    const services = createServices(parseConfig(config()), (input, init) => fetch(input, init));
    const started = performance.now();
    const res = await services.http.request({ url: url('/hostile/huge'), timeoutMs: 5000, maxBytes: 256 * 1024 });
    expect(res).toMatchObject({ status: 200, truncated: true });
    expect(res.body.length).toBe(256 * 1024);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('a trace with no ip= line', () => {
  it('as the only source: ip exits 3 naming the reason; diagnose says the IP is unknown', async () => {
    const publicIp = {
      sources: [{ url: url('/hostile/trace-no-ip'), format: 'cloudflare-trace' as const, family: 4 as const }],
      timeoutMs: 2000,
    };
    const ip = await cli('ip', { publicIp });
    expect(ip.code).toBe(3);
    const r = JSON.parse(ip.stdout) as PublicIpResult;
    expect(r.v4).toBeUndefined();
    expect(r.failures).toEqual([
      { source: url('/hostile/trace-no-ip'), error: { code: 'bad-answer', message: 'the answer has no ip= line' } },
    ]);
    const diag = JSON.parse((await cli('diagnose', { publicIp })).stdout) as Diagnosis;
    const detail = diag.findings.find((f) => f.kind === 'public-ip-unknown')?.detail ?? '';
    expect(detail).toContain('the answer has no ip= line');
    expect(followsSentenceRule(detail)).toBe(true);
  });

  it('with a fallback: the services use the next source', async () => {
    const services = createServices(
      parseConfig(
        config({
          publicIp: {
            sources: [
              { url: url('/hostile/trace-no-ip'), format: 'cloudflare-trace', family: 4 },
              { url: url('/ip'), format: 'text', family: 4 },
            ],
          },
        }),
      ),
      (input, init) => fetch(input, init),
    );
    const result = await services.publicIp();
    expect(result.v4).toMatchObject({ ip: '198.51.100.23', source: url('/ip') });
    expect(result.failures.map((f) => f.error.code)).toEqual(['bad-answer']);
  });
});

describe('invalid status JSON', () => {
  it('without a working feed: status-unknown naming the bad JSON, and the feed failure too', async () => {
    const run = await cli('diagnose', {
      status: { url: url('/hostile/bad-json'), feedUrl: url('/status/missing.rss'), timeoutMs: 2000 },
    });
    const d = JSON.parse(run.stdout) as Diagnosis;
    const finding = d.findings.find((f) => f.kind === 'status-unknown');
    const detail = finding?.detail ?? '';
    // Both reasons, each its own sentence: the endpoint's first, then the feed's.
    expect(detail).toMatch(/not valid JSON\. The feed fallback failed too: .*HTTP 404\./);
    expect(followsSentenceRule(finding?.title ?? '')).toBe(true);
    expect(followsSentenceRule(detail)).toBe(true);
  });

  it('with the feed: the feed is used instead', async () => {
    const run = await cli('status', {
      status: { url: url('/hostile/bad-json'), feedUrl: url('/status/feed.rss'), timeoutMs: 2000 },
    });
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as StatusResult;
    expect(r).toMatchObject({ ok: true, status: { format: 'feed', source: url('/status/feed.rss') } });
  });
});

describe('a redirect loop', () => {
  it('as a target: unreachable with net-too-many-redirects, exit 3', async () => {
    const run = await cli('diagnose', { targets: [url('/hostile/loop')] });
    expect(run.code).toBe(3);
    const d = JSON.parse(run.stdout) as Diagnosis;
    expect(d.results.access?.[0]).toMatchObject({ verdict: 'unreachable', error: { code: 'net-too-many-redirects' } });
    expect(d.findings.find((f) => f.kind === 'unreachable')?.detail).toMatch(/redirected more than 5 times/);
  });

  it('as the status URL: the same named error', async () => {
    const services = createServices(
      parseConfig(config({ status: { url: url('/hostile/loop'), feedUrl: url('/hostile/loop'), timeoutMs: 2000 } })),
      (input, init) => fetch(input, init),
    );
    const result = await services.status();
    expect(result).toMatchObject({ ok: false, error: { code: 'net-too-many-redirects' } });
  });
});

describe('slow-loris servers', () => {
  it.each(['/hostile/slow-headers', '/hostile/slow-body'])(
    'CLI: %s as a target ends in net-timeout within the time limit',
    async (path) => {
      const run = await cli('diagnose', { targets: [url(path)] });
      expect(run.code).toBe(3);
      const d = JSON.parse(run.stdout) as Diagnosis;
      expect(d.results.access?.[0]).toMatchObject({ verdict: 'unreachable', error: { code: 'net-timeout' } });
      expect(d.results.access?.[0]?.error?.message).toMatch(/did not answer within 1\.5 s/);
      expect(run.elapsedMs).toBeLessThan(HTTP_TIMEOUT_MS + MARGIN_MS);
    },
  );

  it.each(['/hostile/slow-headers', '/hostile/slow-body'])(
    'services: %s as target, IP source and status URL all end at their own deadlines',
    async (path) => {
      const services = createServices(
        parseConfig(
          config({
            publicIp: {
              sources: [
                { url: url(path), format: 'cloudflare-trace', family: 4 },
                { url: url('/ip'), format: 'text', family: 4 },
              ],
              timeoutMs: 500,
            },
            status: { url: url(path), feedUrl: url(path), timeoutMs: 700 },
          }),
        ),
        (input, init) => fetch(input, init),
      );
      const started = performance.now();
      const [probe, ip, status] = await Promise.all([
        services.probe(url(path)),
        services.publicIp(),
        services.status(),
      ]);
      const elapsed = performance.now() - started;
      expect(probe).toMatchObject({ verdict: 'unreachable', error: { code: 'net-timeout' } });
      expect(ip.v4?.ip).toBe('198.51.100.23');
      expect(ip.failures.map((f) => f.error.code)).toEqual(['net-timeout']);
      expect(status).toMatchObject({ ok: false, error: { code: 'net-timeout' } });
      // The longest deadline is the probe's; everything runs side by side.
      expect(elapsed).toBeLessThan(HTTP_TIMEOUT_MS + 2000);
    },
  );
});

describe('a hostile config file', () => {
  it('of 300 MB is refused at once, without reading it into memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'access-doctor-huge-config-'));
    const file = join(dir, 'config.json');
    // Sparse: 300 MB on paper, nothing on disk.
    const fd = openSync(file, 'w');
    writeSync(fd, '}', 300 * 1024 * 1024);
    closeSync(fd);
    const rss = join(dir, 'rss');
    const run = await runCli(['ip', '--json', '--config', file], {
      env: { NODE_OPTIONS: `--require ${GUARD} --require ${rssProbe}`, AD_RSS_FILE: rss },
    });
    expect(run.code).toBe(64);
    expect(run.stderr).toBe(`The config file ${file} is larger than 1 MiB.\n`);
    expect(run.stdout).toBe('');
    // Reading it whole took about 950 MB; a refusal costs what starting the command costs.
    expect(Number(readFileSync(rss, 'utf8')) / 1024).toBeLessThan(200);
  });
});
