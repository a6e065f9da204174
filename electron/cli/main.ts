/**
 * `access-doctor`: the same services as the app, without a window. Exit codes are in exit-codes.ts.
 * Everything printed goes through terminal.ts, so text from outside cannot drive the user's terminal.
 */

import { parseArgs } from 'node:util';
import { sentence } from '../../shared/text';
import { compose } from '../compose';
import { type Config, defaultConfig, loadConfigFile, parseConfig } from '../config';
import { AppFailure } from '../core/errors';
import { appPaths, dataFiles } from '../paths';
import { runCommand } from '../platform/exec';
import type { FetchLike } from '../platform/http';
import type { Services } from '../services';
import { formatPowerCycle, formatReconnect, formatRouterProgress, formatRouterStatus } from '../services/router/format';
import { runBackups } from './backups';
import { runBrowsers } from './browsers';
import { EXIT, exitCodesHelp } from './exit-codes';
import { formatDiagnosis, formatProgress, formatPublicIp, formatStatus } from './format';
import { runProxy } from './proxy';
import { forTerminal, jsonForTerminal } from './terminal';
import { runVpn } from './vpn';
import { runWatch } from './watch';

export { EXIT } from './exit-codes';

const RESET_WARNING =
  'A router reset drops the internet connection for everyone on your network for up to a minute or two.';

export const HELP = `access-doctor: find out why a site says "Access denied" and fix it

Usage: access-doctor <command> [options]

Commands:
  diagnose        run every check at once and explain what blocks you
  ip              show your public IPv4 and IPv6 address
  ip --watch      print a line each time your public IP changes (Ctrl-C stops)
  status          read the service's status page
  router status   find your router over UPnP and show its internet link and WAN address
  router reset    reconnect the router for a new public IP (asks first; --yes to skip)
  router power-cycle
                  guide a restart by hand and watch for the new public IP
  vpn             show whether a VPN carries your traffic (the kernel's route; nothing is sent)
  vpn disconnect [NAME]
                  disconnect the VPN that carries your traffic (asks first; --yes to skip)
  vpn reconnect   reconnect the VPN Access Doctor disconnected
  proxy status    show the system proxy (GNOME, KDE, Windows, macOS) and proxy variables
                  (--desktop gnome|kde picks the Linux desktop)
  proxy compare   probe the targets through a manual proxy and without it: is it the cause?
  proxy off       back up the system proxy setting and turn it off (asks first; --yes to skip)
  proxy restore [ID]
                  put a proxy backup back (no ID: the newest one not restored yet)
  backups list    list what Access Doctor backed up before changing anything
  backups restore ID
                  put a backup back (files byte for byte, settings to their old values)
  browsers list   list browser profiles and the sites' cookies in each (--site DOMAIN to choose)
  browsers clear --browser B --profile P [--site DOMAIN]...
                  delete the sites' cookies and site storage from one profile, backed up first (asks; --yes to skip)
                  B: chrome, chromium, edge, brave, vivaldi, opera or firefox; P: folder or name
  browsers private --browser B [--target URL]
                  open the site in a private window of B with extensions off, to test the browser's state
  help            show this help

Options:
  --json          print machine-readable JSON instead of text
  --config FILE   read endpoints and timeouts from FILE (JSON; see README)
  --target URL    site to check (repeatable; default from config: https://chatgpt.com/)
  --yes           confirm router reset, vpn disconnect, proxy off or browsers clear without asking (needed when not run in a terminal)
  --desktop NAME  with proxy: gnome or kde, when XDG_CURRENT_DESKTOP does not tell
  --watch         with ip: keep watching (router events, router polls, echo services every 10 min)
  --until-unblocked
                  with ip --watch: exit 0 as soon as every target is reachable
  --history FILE  with ip --watch: where the IP history is kept (default: the app's, in its data folder)
  --browser B     with browsers clear or private: which browser
  --profile P     with browsers clear: which profile (its folder or its name)
  --site DOMAIN   with browsers: whose cookies (repeatable; default: browsers.sites in the config, or the
                  targets' domains and their sign-in domains, e.g. chatgpt.com and openai.com)
  --debug         on an unexpected error, print its details
  --version       print the version

Exit codes:
${exitCodesHelp()}
`;

/** The one line printed for an error nobody expected; the details only with --debug. */
export function unexpectedError(what: string, error: unknown, debug: boolean): string {
  const line = `${what} failed unexpectedly.${debug ? '' : ' Run it again with --debug for the details.'}\n`;
  if (!debug) return line;
  const details = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return `${line}${details}\n`;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  isTty: boolean;
  fetch: FetchLike;
  version: string;
  /** The app's data folder (default: where the app keeps it), for the shared journal and IP history. */
  userDataDir?: string;
  /** Whether stdin is a terminal we may ask on; absent means no. */
  stdinIsTty?: boolean;
  /** Asks one question on the terminal and returns the answer line. */
  prompt?(question: string): Promise<string>;
  /** Registers a Ctrl-C handler and returns its remover; defaults to the process's SIGINT/SIGTERM. */
  onInterrupt?(handler: () => void): () => void;
}

function processInterrupt(handler: () => void): () => void {
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // Text from outside (ids, hosts, page text, even argv) is stripped of terminal controls on the way out.
  const stderr = (text: string) => io.stderr(forTerminal(text));
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    stderr(`${sentence(error instanceof Error ? error.message : String(error))}\n\n${HELP}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${io.version}\n`);
    return EXIT.ok;
  }
  const command = positionals[0] ?? 'help';
  if (command === 'help' || values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if ((values.watch || values['until-unblocked'] || values.history) && command !== 'ip') {
    stderr(`--watch, --until-unblocked and --history go with the ip command.\n\n${HELP}`);
    return EXIT.usage;
  }
  if (values['until-unblocked'] && !values.watch) {
    stderr(`--until-unblocked needs --watch.\n\n${HELP}`);
    return EXIT.usage;
  }
  let config: Config;
  try {
    config = values.config ? await loadConfigFile(values.config) : defaultConfig();
    if (values.target?.length) config = parseConfig({ ...config, targets: values.target }, '--target');
  } catch (error) {
    if (!(error instanceof AppFailure)) {
      stderr(unexpectedError('Reading the config', error, values.debug));
      return EXIT.internal;
    }
    stderr(`${sentence(error.message)}\n`);
    return EXIT.usage;
  }
  const files = dataFiles(io.userDataDir ?? appPaths().userData);
  // The app's own wiring: the same services and the journal with every capability's restorer.
  const app = await compose({
    config,
    fetch: io.fetch,
    paths: { config: null, journal: files.journal, ipHistory: files.ipHistory, prefs: null },
    shell: 'cli',
    version: io.version,
  });
  const { services } = app;
  const print = (json: unknown, text: string) =>
    io.stdout(values.json ? `${jsonForTerminal(json, 2)}\n` : `${forTerminal(text)}\n`);
  try {
    switch (command) {
      case 'diagnose': {
        const showProgress = !values.json && io.isTty;
        const diagnosis = await services.diagnose({
          runId: `cli-${Date.now()}`,
          onProgress: showProgress ? (p) => stderr(`${formatProgress(p)}\n`) : undefined,
        });
        print(diagnosis, formatDiagnosis(diagnosis));
        return diagnosis.outcome === 'ok' ? EXIT.ok : diagnosis.outcome === 'blocked' ? EXIT.blocked : EXIT.unknown;
      }
      case 'ip': {
        if (values.watch) {
          return await runWatch({
            services,
            json: values.json,
            untilUnblocked: values['until-unblocked'],
            historyFile: values.history ?? files.ipHistory,
            stdout: io.stdout,
            stderr,
            onInterrupt: io.onInterrupt ?? processInterrupt,
            runCommand: process.platform === 'linux' ? runCommand : undefined,
          });
        }
        const result = await services.publicIp();
        print(result, formatPublicIp(result));
        return result.v4 || result.v6 ? EXIT.ok : EXIT.unknown;
      }
      case 'status': {
        const result = await services.status();
        print(result, formatStatus(result));
        return result.ok ? EXIT.ok : EXIT.unknown;
      }
      case 'router':
        return await runRouter(
          positionals[1],
          services,
          { ...io, stderr },
          { json: values.json, yes: values.yes, print },
        );
      case 'vpn':
        return await runVpn(positionals[1], positionals[2], {
          vpn: services.vpn,
          journal: app.journal,
          yes: values.yes,
          print,
          stderr,
          stdinIsTty: io.stdinIsTty,
          prompt: io.prompt,
        });
      case 'proxy':
        return await runProxy(positionals[1], positionals[2], {
          proxy: services.proxy,
          targets: config.targets,
          desktop: values.desktop,
          yes: values.yes,
          stdinIsTty: Boolean(io.stdinIsTty),
          prompt: io.prompt,
          print,
          stderr,
        });
      case 'browsers':
        return await runBrowsers(positionals[1], {
          services,
          journal: app.journal,
          json: values.json,
          yes: values.yes,
          browser: values.browser,
          profile: values.profile,
          sites: values.site,
          target: values.target?.[0],
          print,
          stderr,
          ask:
            io.stdinIsTty && io.prompt
              ? async (q) => /^y(es)?$/i.test((await (io.prompt as (q: string) => Promise<string>)(q)).trim())
              : undefined,
        });
      case 'backups':
        return await runBackups(positionals[1], positionals[2], { journal: app.journal, print, stderr });
      default:
        stderr(`Unknown command: ${command.slice(0, 80)}.\n\n${HELP}`);
        return EXIT.usage;
    }
  } catch (error) {
    if (error instanceof AppFailure) {
      stderr(`${sentence(error.message)}\n`);
      return EXIT.internal;
    }
    stderr(unexpectedError(`The ${command} command`, error, values.debug));
    return EXIT.internal;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      config: { type: 'string' },
      target: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
      version: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      'until-unblocked': { type: 'boolean', default: false },
      history: { type: 'string' },
      desktop: { type: 'string' },
      browser: { type: 'string' },
      profile: { type: 'string' },
      site: { type: 'string', multiple: true },
      debug: { type: 'boolean', default: false },
    },
  });
}

async function runRouter(
  sub: string | undefined,
  services: Services,
  io: CliIo,
  opts: { json: boolean; yes: boolean; print: (json: unknown, text: string) => void },
): Promise<number> {
  const showProgress = !opts.json && io.isTty;
  const runId = `cli-${Date.now()}`;
  const ask = async (question: string) =>
    io.stdinIsTty && io.prompt ? /^y(es)?$/i.test((await io.prompt(question)).trim()) : false;
  const powerCycle = async (oldIp: string | null) => {
    // The watcher is interactive by nature: its countdown goes to stderr even with --json.
    const result = await services.router.powerCycle({
      runId,
      oldIp,
      onProgress: (p) => io.stderr(`${formatRouterProgress(p)}\n`),
    });
    opts.print(result, formatPowerCycle(result));
    return result.outcome === 'ip-changed'
      ? EXIT.ok
      : result.outcome === 'same-ip'
        ? EXIT.sameIp
        : result.outcome === 'cancelled'
          ? EXIT.cancelled
          : EXIT.unknown;
  };
  switch (sub) {
    case 'status': {
      const status = await services.router.status();
      opts.print(status, formatRouterStatus(status));
      return status.ok ? EXIT.ok : EXIT.unknown;
    }
    case 'reset': {
      if (!opts.yes) {
        if (!io.stdinIsTty || !io.prompt) {
          io.stderr(
            `${RESET_WARNING}\nRefusing without confirmation: there is no terminal to ask on. Run \`access-doctor router reset --yes\` to confirm.\n`,
          );
          return EXIT.usage;
        }
        if (!(await ask(`${RESET_WARNING}\nReset the router now? [y/N] `))) {
          io.stderr('Nothing changed.\n');
          return EXIT.ok;
        }
      }
      const result = await services.router.reset({
        runId,
        onProgress: showProgress ? (p) => io.stderr(`${formatRouterProgress(p)}\n`) : undefined,
      });
      opts.print(result, formatReconnect(result));
      if (result.outcome === 'reconnected') return result.ipChanged ? EXIT.ok : EXIT.sameIp;
      if (result.outcome === 'not-allowed' || result.outcome === 'failed') {
        if (!opts.json && (await ask('Start the guided restart now? [y/N] '))) return powerCycle(result.oldIp);
        return result.outcome === 'not-allowed' ? EXIT.refused : EXIT.unknown;
      }
      return EXIT.unknown;
    }
    case 'power-cycle':
    case 'powercycle':
      return powerCycle(null);
    default:
      io.stderr(`Unknown router command: ${sub ?? '(none)'}. Use router status, router reset or router power-cycle.\n`);
      return EXIT.usage;
  }
}
