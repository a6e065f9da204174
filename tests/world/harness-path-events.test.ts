/**
 * The watch tells the window when the system proxy changes under it: the built harness (the app's
 * wiring, as a subprocess) reads a real GNOME proxy setting (gsettings/dconf on a private session bus),
 * the test changes the setting with gsettings as the desktop's settings app would, and a
 * `proxyChanged` event with the new setting arrives on the harness's event stream.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyStatus } from '../../shared/model';
import { type DesktopSession, missingTools, startDesktopSession } from '../support/desktop-session';
import { type HarnessProcess, startHarnessProcess } from '../support/harness-process';
import { writeConfig } from '../support/run-cli';
import { startWorld, type World } from './world';

const missing = missingTools(['gsettings', 'dconf', 'dbus-daemon']);
if (missing.length > 0) console.warn(`harness path events skipped: ${missing.join(', ')} missing`);

let world: World;
let desktop: DesktopSession;
let harness: HarnessProcess;

const noProxyEnv = Object.fromEntries(
  ['http_proxy', 'https_proxy', 'ftp_proxy', 'all_proxy', 'no_proxy'].flatMap((n) => [
    [n, ''],
    [n.toUpperCase(), ''],
  ]),
);

beforeAll(async () => {
  if (missing.length > 0) return;
  world = await startWorld();
  desktop = await startDesktopSession();
  const config = writeConfig(world.config({ watch: { localPollMs: 100 } }));
  // The harness prints its URL once the watch has started, so the settings' first reading is taken.
  harness = await startHarnessProcess(config, 15_000, ['--data-dir', mkdtempSync(join(tmpdir(), 'ad-path-'))], {
    ...desktop.env,
    ...noProxyEnv,
    XDG_CURRENT_DESKTOP: 'GNOME',
  });
});

afterAll(async () => {
  await harness?.stop();
  await desktop?.stop();
  await world?.close();
});

/** Reads the stream's frames until `wanted` accepts one; the test's own timeout bounds the wait. */
async function waitForEvent(
  stream: ReadableStreamDefaultReader<Uint8Array>,
  wanted: (event: string, payload: unknown) => boolean,
): Promise<unknown> {
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await stream.read();
    if (done) throw new Error('the event stream ended');
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const data = buffer
        .slice(0, end)
        .split('\n')
        .find((l) => l.startsWith('data: '));
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      if (!data) continue;
      const message = JSON.parse(data.slice(6)) as { event: string; payload: unknown };
      if (wanted(message.event, message.payload)) return message.payload;
    }
  }
}

describe.skipIf(missing.length > 0)('harness: the watch forwards network-path changes', () => {
  it('a proxy set in the GNOME settings reaches the window as proxyChanged', async () => {
    const controller = new AbortController();
    const res = await fetch(new URL('/__harness/events', harness.url), { signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no event stream body');
    const gsettings = (...args: string[]) => execFileSync('gsettings', ['set', ...args], { env: desktop.env });
    gsettings('org.gnome.system.proxy.http', 'host', '10.0.0.7');
    gsettings('org.gnome.system.proxy.http', 'port', '3128');
    gsettings('org.gnome.system.proxy', 'mode', 'manual');
    const payload = (await waitForEvent(
      reader,
      (event, p) =>
        event === 'proxyChanged' && (p as ProxyStatus).reports.some((r) => r.source === 'gnome' && r.mode === 'manual'),
    )) as ProxyStatus;
    const gnome = payload.reports.find((r) => r.source === 'gnome');
    expect(gnome?.servers).toContainEqual({ kind: 'http', host: '10.0.0.7', port: 3128 });

    // And back: turning it off in the settings is a change too.
    gsettings('org.gnome.system.proxy', 'mode', 'none');
    const off = (await waitForEvent(
      reader,
      (event, p) =>
        event === 'proxyChanged' && (p as ProxyStatus).reports.every((r) => r.source !== 'gnome' || r.mode === 'none'),
    )) as ProxyStatus;
    expect(off.system).toBe('gnome');
    controller.abort();
  });
});
