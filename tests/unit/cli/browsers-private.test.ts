/**
 * `access-doctor browsers private` and the `browsers.privateWindow` channel, through the app's own wiring:
 * PATH points at a fake `google-chrome` that writes its arguments to a file, so the real detached
 * spawner runs and no browser is started.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliIo, EXIT, runCli } from '../../../electron/cli/main';
import { compose } from '../../../electron/compose';
import { defaultConfig } from '../../../electron/config';
import type { PrivateWindowResult } from '../../../shared/model';
import { captureIo } from './capture-io';

const saved = { path: process.env.PATH, home: process.env.ACCESS_DOCTOR_HOME };
let bin: string;
let argsFile: string;

beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'ad-cli-private-'));
  argsFile = join(bin, 'args');
  const file = join(bin, 'google-chrome');
  writeFileSync(
    file,
    `#!/bin/sh\nPATH=/usr/bin:/bin\nprintf '%s\\n' "$@" > '${argsFile}.tmp'\nmv '${argsFile}.tmp' '${argsFile}'\n`,
  );
  chmodSync(file, 0o755);
  process.env.PATH = bin;
  process.env.ACCESS_DOCTOR_HOME = mkdtempSync(join(tmpdir(), 'ad-cli-private-home-'));
});
afterEach(() => {
  for (const [key, value] of [
    ['PATH', saved.path],
    ['ACCESS_DOCTOR_HOME', saved.home],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function argsWritten(): Promise<string[]> {
  for (let i = 0; i < 200 && !existsSync(argsFile); i++) await new Promise((r) => setTimeout(r, 10));
  return readFileSync(argsFile, 'utf8').trimEnd().split('\n');
}

function io(): { out: { stdout: string; stderr: string }; io: CliIo } {
  return captureIo({ userDataDir: mkdtempSync(join(tmpdir(), 'ad-cli-private-data-')) });
}

describe('browsers private', () => {
  it('opens the target in a private Chrome window and prints the sentence and the command', async () => {
    const t = io();
    const code = await runCli(['browsers', 'private', '--browser', 'chrome', '--target', 'https://claude.ai/x'], t.io);
    expect(code).toBe(EXIT.ok);
    expect(await argsWritten()).toEqual([
      '--incognito',
      '--disable-extensions',
      '--no-first-run',
      'https://claude.ai/x',
    ]);
    expect(t.out.stdout).toContain(
      'Opened claude.ai in a private Google Chrome window with extensions off. Did it load?',
    );
    expect(t.out.stdout).toContain(`${join(bin, 'google-chrome')} --incognito`);
  });

  it('--json gives the result; a browser not found gives instructions', async () => {
    const t = io();
    expect(await runCli(['browsers', 'private', '--browser', 'vivaldi', '--json'], t.io)).toBe(EXIT.ok);
    const result = JSON.parse(t.out.stdout) as PrivateWindowResult;
    expect(result).toMatchObject({ browser: 'vivaldi', launched: false, command: [], target: 'https://chatgpt.com/' });
    expect(result.message).toContain('Open a private window in Vivaldi (Ctrl+Shift+N) and go to chatgpt.com.');
  });

  it('needs a known --browser', async () => {
    const t = io();
    expect(await runCli(['browsers', 'private', '--browser', 'safari'], t.io)).toBe(EXIT.usage);
    expect(t.out.stderr).toContain('needs --browser');
    expect(existsSync(argsFile)).toBe(false);
  });
});

describe('browsers.privateWindow channel', () => {
  it('opens the first target, and refuses what is not an http(s) URL', async () => {
    const app = await compose({
      config: defaultConfig(),
      fetch: async () => {
        throw new Error('no network in this test');
      },
      paths: { config: null, journal: join(bin, 'journal'), ipHistory: null, prefs: null },
      shell: 'cli',
      version: 'test',
    });
    try {
      for (const target of ['-x', 'file:///etc/passwd', '--incognito']) {
        const refused = await app.dispatch('browsers.privateWindow', { browser: 'chrome', target });
        expect(refused.ok, target).toBe(false);
      }
      expect(existsSync(argsFile)).toBe(false);
      const opened = await app.dispatch('browsers.privateWindow', { browser: 'chrome' });
      if (!opened.ok) throw new Error(opened.error.message);
      expect((opened.value as PrivateWindowResult).launched).toBe(true);
      expect(await argsWritten()).toEqual([
        '--incognito',
        '--disable-extensions',
        '--no-first-run',
        'https://chatgpt.com/',
      ]);
    } finally {
      await app.dispose();
    }
  });
});
