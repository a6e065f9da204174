/** Fakes for the tools that cannot run here, answering from tests/fixtures/proxy/ and keeping state. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandResult, RunCommand } from '../../../electron/platform/exec';
import { INTERNET_SETTINGS, parseRegQuery, type RegValue } from '../../../electron/services/proxy/windows';
import { FIXTURES } from '../../support/paths';

export const recording = (name: string) => readFileSync(join(FIXTURES, 'proxy', name), 'utf8');
const ok = (stdout: string): CommandResult => ({ code: 0, stdout, stderr: '' });

/** A registry holding the Internet Settings values, printed back in `reg query`'s recorded format. */
export function fakeReg(start: string, connections = recording('reg-query-connections-autodetect.txt')) {
  const values = new Map<string, RegValue>(parseRegQuery(recording(start)));
  const calls: string[][] = [];
  const render = () =>
    `\r\n${INTERNET_SETTINGS.replace('HKCU', 'HKEY_CURRENT_USER')}\r\n${[...values]
      .map(([n, v]) => `    ${n}    ${v.type}    ${v.data}\r\n`)
      .join('')}\r\n${INTERNET_SETTINGS.replace('HKCU', 'HKEY_CURRENT_USER')}\\Connections\r\n`;
  const run: RunCommand = async (file, args) => {
    calls.push([file, ...args]);
    if (file === 'netsh') return ok(recording('netsh-winhttp-proxy.txt'));
    if (file !== 'reg') throw new Error(`unexpected ${file}`);
    const [verb, key, , name, , type, , data] = args;
    if (verb === 'query') return key === INTERNET_SETTINGS ? ok(render()) : ok(connections);
    if (key !== INTERNET_SETTINGS || !name) return { code: 1, stdout: '', stderr: 'ERROR: Invalid syntax.' };
    if (verb === 'delete')
      return values.delete(name)
        ? ok('The operation completed successfully.')
        : { code: 1, stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.' };
    if (verb === 'add' && type && data !== undefined) {
      values.set(name, { type, data: type === 'REG_DWORD' ? `0x${Number(data).toString(16)}` : data });
      return ok('The operation completed successfully.');
    }
    return { code: 1, stdout: '', stderr: 'ERROR: Invalid syntax.' };
  };
  return { run, values, calls };
}

/** networksetup with per-service state, answering in the recorded formats. */
export function fakeNetworksetup(
  initial: Record<string, { http?: boolean; https?: boolean; socks?: boolean; autoUrl?: boolean; discovery?: boolean }>,
) {
  const state = structuredClone(initial);
  const calls: string[][] = [];
  const run: RunCommand = async (file, args) => {
    calls.push([file, ...args]);
    if (file === '/usr/sbin/scutil')
      return ok(recording(state['Wi-Fi']?.http ? 'scutil-proxy-manual.txt' : 'scutil-proxy-direct.txt'));
    const [verb, service, word] = args;
    if (verb === '-listallnetworkservices') return ok(recording('networksetup-listallnetworkservices.txt'));
    const s = service ? state[service] : undefined;
    if (!s) return { code: 4, stdout: `${service} is not a recognized network service.\n`, stderr: '' };
    const flag = { '-getwebproxy': 'http', '-getsecurewebproxy': 'https', '-getsocksfirewallproxy': 'socks' } as const;
    const setFlag = {
      '-setwebproxystate': 'http',
      '-setsecurewebproxystate': 'https',
      '-setsocksfirewallproxystate': 'socks',
      '-setautoproxystate': 'autoUrl',
      '-setproxyautodiscovery': 'discovery',
    } as const;
    if (verb && verb in flag)
      return ok(
        recording(
          s[flag[verb as keyof typeof flag]] ? 'networksetup-getwebproxy-on.txt' : 'networksetup-getwebproxy-off.txt',
        ),
      );
    if (verb === '-getautoproxyurl')
      return ok(recording(s.autoUrl ? 'networksetup-getautoproxyurl-on.txt' : 'networksetup-getautoproxyurl-off.txt'));
    if (verb === '-getproxyautodiscovery')
      return ok(
        recording(
          s.discovery ? 'networksetup-getproxyautodiscovery-on.txt' : 'networksetup-getproxyautodiscovery-off.txt',
        ),
      );
    if (verb && verb in setFlag && (word === 'on' || word === 'off')) {
      s[setFlag[verb as keyof typeof setFlag]] = word === 'on';
      return ok('');
    }
    return { code: 1, stdout: '', stderr: 'bad' };
  };
  return { run, state, calls };
}
