/**
 * `access-doctor`: the same services as the app, without a window. Exit codes: 0 all good,
 * 2 a target is blocked or rate limited, 3 something could not be checked, 1 internal error,
 * 64 usage error.
 */
import { parseArgs } from 'node:util';
import { type Config, defaultConfig, loadConfigFile, parseConfig } from '../config';
import type { FetchLike } from '../platform/http';
import { createServices } from '../services';
import { AppFailure } from '../services/errors';
import { formatDiagnosis, formatProgress, formatPublicIp, formatStatus } from './format';

export const EXIT = { ok: 0, internal: 1, blocked: 2, unknown: 3, usage: 64 } as const;

export const HELP = `access-doctor: find out why a site says "Access denied" and fix it

Usage: access-doctor <command> [options]

Commands:
  diagnose        run every check at once and explain what blocks you
  ip              show your public IPv4 and IPv6 address
  status          read the service's status page
  help            show this help

Options:
  --json          print machine-readable JSON instead of text
  --config FILE   read endpoints and timeouts from FILE (JSON; see README)
  --target URL    site to check (repeatable; default from config: https://chatgpt.com/)
  --version       print the version

Exit codes: 0 all reachable · 2 blocked or rate limited · 3 could not check · 1 error · 64 bad usage
`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  isTty: boolean;
  fetch: FetchLike;
  version: string;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${HELP}`);
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
  let config: Config;
  try {
    config = values.config ? await loadConfigFile(values.config) : defaultConfig();
    if (values.target?.length) config = parseConfig({ ...config, targets: values.target }, '--target');
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const services = createServices(config, io.fetch);
  const print = (json: unknown, text: string) =>
    io.stdout(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
  try {
    switch (command) {
      case 'diagnose': {
        const showProgress = !values.json && io.isTty;
        const diagnosis = await services.diagnose({
          runId: `cli-${Date.now()}`,
          onProgress: showProgress ? (p) => io.stderr(`${formatProgress(p)}\n`) : undefined,
        });
        print(diagnosis, formatDiagnosis(diagnosis));
        return diagnosis.outcome === 'ok' ? EXIT.ok : diagnosis.outcome === 'blocked' ? EXIT.blocked : EXIT.unknown;
      }
      case 'ip': {
        const result = await services.publicIp();
        print(result, formatPublicIp(result));
        return result.v4 || result.v6 ? EXIT.ok : EXIT.unknown;
      }
      case 'status': {
        const result = await services.status();
        print(result, formatStatus(result));
        return result.ok ? EXIT.ok : EXIT.unknown;
      }
      default:
        io.stderr(`Unknown command: ${command}\n\n${HELP}`);
        return EXIT.usage;
    }
  } catch (error) {
    const message = error instanceof AppFailure ? error.message : `Internal error: ${(error as Error).stack ?? error}`;
    io.stderr(`${message}\n`);
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
      version: { type: 'boolean', default: false },
    },
  });
}
