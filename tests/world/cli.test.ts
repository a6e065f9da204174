import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis, PublicIpResult, StatusResult } from '../../shared/model';
import { closedPort } from '../support/ports';
import { runCli, writeConfig } from '../support/run-cli';
import { rayIdFor, startWorld, type World } from './world';

let world: World;
beforeAll(async () => {
  world = await startWorld({ publicIp: '198.51.100.23', blockedIps: ['198.51.100.23'] });
});
afterAll(() => world.close());

describe('access-doctor diagnose against the loopback world', () => {
  it('reports a 1020 block with its Ray ID, the public IP and the status, and exits 2', async () => {
    world.setPublicIp('198.51.100.23');
    const run = await runCli(['diagnose', '--json', '--config', writeConfig(world.config())]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    const d = JSON.parse(run.stdout) as Diagnosis;
    expect(d.outcome).toBe('blocked');
    expect(d.results.ip?.v4?.ip).toBe('198.51.100.23');
    expect(d.results.access?.[0]).toMatchObject({ verdict: 'blocked', cloudflareCode: 1020, httpStatus: 403 });
    expect(d.results.access?.[0]?.rayId).toBe(`${rayIdFor('198.51.100.23', '/site/')}-AMS`);
    expect(d.results.status).toMatchObject({ ok: true, status: { indicator: 'none', format: 'statuspage' } });
    expect(d.findings.find((f) => f.kind === 'blocked')?.title).toMatch(/Blocked by Cloudflare \(error 1020\)/);
    // No router in this world: the plan guides a restart by hand, then the watch, then the Ray ID, and
    // the support report last.
    expect(d.plan.map((s) => s.id)).toEqual(['power-cycle', 'watch', 'contact-site', 'support-report']);
  });

  it('says ok and exits 0 once the public IP is not blocked', async () => {
    world.setPublicIp('198.51.100.99');
    const run = await runCli(['diagnose', '--json', '--config', writeConfig(world.config())]);
    expect(run.code).toBe(0);
    const d = JSON.parse(run.stdout) as Diagnosis;
    expect(d.outcome).toBe('ok');
    expect(d.results.ip?.v4?.ip).toBe('198.51.100.99');
    expect(d.results.access?.[0]?.verdict).toBe('ok');
  });

  it('prints a readable report without --json', async () => {
    world.setPublicIp('198.51.100.23');
    const run = await runCli(['diagnose', '--config', writeConfig(world.config())]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Blocked by Cloudflare (error 1020) at 127.0.0.1');
    expect(run.stdout).toContain('Ray ID: ');
    expect(run.stdout).toContain('Your public IP: 198.51.100.23');
    expect(run.stdout).toMatch(/What to try next:\n {2}1\. Restart your router by hand/);
  });

  it('exits 3 when it cannot check (connection refused), naming the cause', async () => {
    const port = await closedPort();
    const run = await runCli([
      'diagnose',
      '--json',
      '--config',
      writeConfig(world.config({ targets: [`http://127.0.0.1:${port}/`] })),
    ]);
    expect(run.code).toBe(3);
    const d = JSON.parse(run.stdout) as Diagnosis;
    expect(d.results.access?.[0]).toMatchObject({ verdict: 'unreachable', error: { code: 'net-refused' } });
  });

  it('takes --target over the config, repeatable', async () => {
    world.setPublicIp('198.51.100.23');
    const config = writeConfig(world.config());
    const run = await runCli([
      'diagnose',
      '--json',
      '--config',
      config,
      '--target',
      `${world.origin}/challenge/`,
      '--target',
      `${world.origin}/rate-limited/`,
    ]);
    const d = JSON.parse(run.stdout) as Diagnosis;
    expect(d.results.access?.map((a) => a.verdict)).toEqual(['challenge', 'rate-limited']);
    expect(d.results.access?.[1]?.retryAfterSeconds).toBe(120);
    expect(run.code).toBe(2);
  });
});

describe('access-doctor ip and status', () => {
  it('ip --json returns the world public IP and its trace extras', async () => {
    world.setPublicIp('203.0.113.77');
    const run = await runCli(['ip', '--json', '--config', writeConfig(world.config())]);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as PublicIpResult;
    expect(r.v4).toMatchObject({ ip: '203.0.113.77', loc: 'NL', colo: 'AMS', family: 4 });
    expect(r.v6).toBeUndefined();
  });

  it('ip falls back to the next source when the first has no ip= line', async () => {
    world.setPublicIp('203.0.113.78');
    const config = world.config({
      publicIp: {
        sources: [
          { url: `${world.origin}/hostile/trace-no-ip`, format: 'cloudflare-trace', family: 4 },
          { url: `${world.origin}/ip`, format: 'text', family: 4 },
        ],
      },
    });
    const run = await runCli(['ip', '--json', '--config', writeConfig(config)]);
    const r = JSON.parse(run.stdout) as PublicIpResult;
    expect(r.v4?.ip).toBe('203.0.113.78');
    expect(r.failures[0]?.error.message).toMatch(/no ip= line/);
  });

  it('status reads a major outage with its incident', async () => {
    world.state.statusFile = 'statuspage-summary-major.json';
    try {
      const run = await runCli(['status', '--json', '--config', writeConfig(world.config())]);
      expect(run.code).toBe(0);
      const r = JSON.parse(run.stdout) as StatusResult;
      expect(r).toMatchObject({ ok: true, status: { indicator: 'major' } });
      if (r.ok) expect(r.status.incidents.map((i) => i.name)).toEqual(['Elevated error rates in ChatGPT']);
    } finally {
      world.state.statusFile = 'statuspage-summary-ok.json';
    }
  });

  it('--help lists every command, and a bad config is a clear usage error', async () => {
    const help = await runCli(['--help']);
    for (const command of ['diagnose', 'ip', 'status'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    const bad = await runCli(['ip', '--config', writeConfig({ targets: ['ftp://nope'] })]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/not valid/);
  });
});

describe('access-doctor input it refuses, and output it cleans', () => {
  it('refuses a target with a user name and password, and never prints the password', async () => {
    for (const json of [[], ['--json']]) {
      const run = await runCli([
        'diagnose',
        ...json,
        '--config',
        writeConfig(world.config()),
        '--target',
        `${world.origin.replace('http://', 'http://alice:s3cr3t-pw@')}/site/`,
      ]);
      expect(run.code).toBe(64);
      expect(run.stderr).toBe('--target is not valid:\n  targets[0]: Must not contain a user name or password.\n');
      expect(run.stdout + run.stderr).not.toContain('s3cr3t');
    }
  });

  it.each(['null', '[]', '"https://chatgpt.com/"'])('refuses a config file holding %s', async (text) => {
    const file = writeConfig({});
    writeFileSync(file, text);
    const run = await runCli(['ip', '--json', '--config', file]);
    expect(run.code).toBe(64);
    expect(run.stderr).toBe(`The config file ${file} is not valid: it must be a JSON object ({ … }).\n`);
    expect(run.stdout).toBe('');
  });

  it('refuses /dev/zero as a config at once, with a clear message', async () => {
    const run = await runCli(['ip', '--config', '/dev/zero'], { timeoutMs: 10_000 });
    expect(run.code).toBe(64);
    expect(run.stderr).toBe('The config file /dev/zero is not a regular file (a device or a pipe).\n');
  });

  it('strips terminal control sequences from a status page before printing it', async () => {
    const hostile = '\u001b]0;pwned\u0007\u001b[2J\u001b[31mAll Systems Operational\u001b[0m';
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          page: { id: 'p', name: 'Example', url: 'https://status.example.com', updated_at: '2026-11-25T09:58:02Z' },
          components: [],
          incidents: [{ name: 'Outage\u001b[8m hidden', status: 'investigating', shortlink: null }],
          scheduled_maintenances: [],
          status: { indicator: 'minor', description: hostile },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const config = writeConfig(
        world.config({ status: { url: `http://127.0.0.1:${port}/summary.json`, feedUrl: null, timeoutMs: 2000 } }),
      );
      const text = await runCli(['status', '--config', config]);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('All Systems Operational');
      expect(text.stdout).not.toContain('\u001b');
      const json = await runCli(['status', '--json', '--config', config]);
      expect(json.stdout).not.toContain('\u001b');
      expect((JSON.parse(json.stdout) as StatusResult & { ok: true }).status.description).toBe(hostile);
    } finally {
      server.close();
    }
  });
});
