/** runCli end to end with a fake fetch: what reaches the terminal, and how errors are told. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_MEANINGS } from '../../../electron/cli/exit-codes';
import { type CliIo, EXIT, HELP, runCli } from '../../../electron/cli/main';
import { captureIo } from './capture-io';

const ESC = '\u001b';
const STATUS_URL = 'http://127.0.0.1:9/api/v2/summary.json';
const HOSTILE = `${ESC}]0;pwned\u0007${ESC}[2J${ESC}[31mAll Systems Operational${ESC}[0m\u009b5m`;

function configFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'access-doctor-cli-')), 'config.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function io(overrides: Partial<CliIo> = {}) {
  return captureIo({
    fetch: async (input) => {
      if (String(input) !== STATUS_URL) throw new Error('no network in this test');
      const summary = {
        page: { id: 'p', name: 'Example', url: 'https://status.example.com', updated_at: '2026-11-25T09:58:02.215Z' },
        components: [],
        incidents: [],
        scheduled_maintenances: [],
        status: { indicator: 'none', description: HOSTILE },
      };
      return new Response(JSON.stringify(summary), { status: 200, headers: { 'content-type': 'application/json' } });
    },
    ...overrides,
  });
}

/** Control characters a terminal could act on (tab and newline are fine). */
const controls = (text: string) =>
  [...text].filter((ch) => {
    const c = ch.charCodeAt(0);
    return (c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f);
  });

const statusConfig = () => configFile({ status: { url: STATUS_URL, feedUrl: null, timeoutMs: 1000 } });

describe('access-doctor output reaches the terminal without control sequences', () => {
  it('text mode strips escape sequences from a status page description', async () => {
    const { out, io: cliIo } = io();
    expect(await runCli(['status', '--config', statusConfig()], cliIo)).toBe(EXIT.ok);
    expect(out.stdout).toContain('All Systems Operational');
    expect(controls(out.stdout)).toEqual([]);
  });

  it('--json escapes them, and the value reads back unchanged', async () => {
    const { out, io: cliIo } = io();
    expect(await runCli(['status', '--json', '--config', statusConfig()], cliIo)).toBe(EXIT.ok);
    expect(controls(out.stdout)).toEqual([]);
    expect(JSON.parse(out.stdout)).toMatchObject({ ok: true, status: { description: HOSTILE } });
  });

  it('an unknown command from argv is printed without its control characters', async () => {
    const { out, io: cliIo } = io();
    expect(await runCli([`x${ESC}]0;t\u0007y`], cliIo)).toBe(EXIT.usage);
    expect(out.stderr.split('\n')[0]).toBe('Unknown command: xy.');
  });
});

describe('access-doctor refuses credentials in a target', () => {
  it.each([
    [['--target', 'https://alice:s3cr3t-pw@example.com/']],
    [['--target', 'https://alice:s3cr3t-pw@example.com/', '--json']],
  ])('%j: usage error that never prints the password', async (args) => {
    const { out, io: cliIo } = io();
    expect(await runCli(['diagnose', ...args], cliIo)).toBe(EXIT.usage);
    expect(out.stderr).toBe('--target is not valid:\n  targets[0]: Must not contain a user name or password.\n');
    expect(out.stdout).toBe('');
  });

  it('in a config file too', async () => {
    const { out, io: cliIo } = io();
    const file = configFile({ targets: ['http://bob:hunter2-pw@127.0.0.1:1/'] });
    expect(await runCli(['diagnose', '--json', '--config', file], cliIo)).toBe(EXIT.usage);
    expect(out.stderr).toContain('Must not contain a user name or password.');
    expect(out.stderr + out.stdout).not.toContain('hunter2');
  });
});

describe('access-doctor config errors', () => {
  it.each(['null', '[]', '"x"'])('a config file holding %s is a usage error, not the real services', async (text) => {
    let fetched = 0;
    const { out, io: cliIo } = io({
      fetch: async () => {
        fetched++;
        throw new Error('no network');
      },
    });
    const file = configFile(text);
    expect(await runCli(['ip', '--config', file], cliIo)).toBe(EXIT.usage);
    expect(out.stderr).toBe(`The config file ${file} is not valid: it must be a JSON object ({ … }).\n`);
    expect(fetched).toBe(0);
  });
});

describe('access-doctor never prints a stack trace', () => {
  const explode = () => {
    const { out, io: cliIo } = io();
    let calls = 0;
    cliIo.stdout = () => {
      calls++;
      if (calls === 1) throw new TypeError("Cannot read properties of undefined (reading 'v4')");
    };
    return { out, cliIo };
  };

  it('an unexpected error is one line naming what failed', async () => {
    const { out, cliIo } = explode();
    expect(await runCli(['status', '--config', statusConfig()], cliIo)).toBe(EXIT.internal);
    expect(out.stderr).toBe('The status command failed unexpectedly. Run it again with --debug for the details.\n');
  });

  it('--debug adds the details', async () => {
    const { out, cliIo } = explode();
    expect(await runCli(['status', '--debug', '--config', statusConfig()], cliIo)).toBe(EXIT.internal);
    const [first, ...rest] = out.stderr.trimEnd().split('\n');
    expect(first).toBe('The status command failed unexpectedly.');
    expect(rest[0]).toBe("TypeError: Cannot read properties of undefined (reading 'v4')");
    expect(rest.some((l) => /^\s+at /.test(l))).toBe(true);
  });
});

describe('access-doctor messages and exit codes', () => {
  it.each([
    [['status', '--watch'], '--watch, --until-unblocked and --history go with the ip command.'],
    [['ip', '--until-unblocked'], '--until-unblocked needs --watch.'],
    [['status', '--nope'], /^Unknown option '--nope'.*\.$/],
  ])('%j: a usage error in whole sentences', async (args, first) => {
    const { out, io: cliIo } = io();
    expect(await runCli(args, cliIo)).toBe(EXIT.usage);
    const line = out.stderr.split('\n')[0] ?? '';
    if (typeof first === 'string') expect(line).toBe(first);
    else expect(line).toMatch(first);
  });

  it('the help lists every exit code from the one table', () => {
    for (const [code, meaning] of EXIT_MEANINGS) expect(HELP).toContain(`${code} ${meaning}`);
    expect(new Set(EXIT_MEANINGS.map(([code]) => code))).toEqual(new Set(Object.values(EXIT)));
  });
});
