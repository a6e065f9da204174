/**
 * One JSON config. Every network endpoint the app talks to lives here, so tests (and support) can
 * point each of them somewhere else. Built-in defaults aim at the real services.
 */

import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { z } from 'zod';
import { AppFailure } from './core/errors';
import { writeFileAtomic } from './platform/fs';

const httpUrl = z
  .string()
  .max(2048)
  .refine((s) => /^https?:\/\//i.test(s) && URL.canParse(s), 'Must be an http or https URL')
  // A user name or password in a URL would be printed in reports and sent to every redirect: refused.
  .refine((s) => {
    if (!URL.canParse(s)) return true;
    const url = new URL(s);
    return url.username === '' && url.password === '';
  }, 'Must not contain a user name or password');

const ipSource = z
  .object({
    url: httpUrl,
    /** `cloudflare-trace`: `key=value` lines with `ip=`; `text`: the body is the address. */
    format: z.enum(['cloudflare-trace', 'text']).default('cloudflare-trace'),
    /** Which family this source can answer; `any` sources fill whichever is missing. */
    family: z.union([z.literal(4), z.literal(6), z.literal('any')]).default('any'),
  })
  .strict();

/** A site's domain as the browsers' cookie hosts spell it: lower case, at least two labels, no port. */
const siteDomain = z
  .string()
  .max(253)
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'Must be a domain name such as chatgpt.com (lower case, no scheme, no port)',
  );

const DEFAULT_STATUS_URL = 'https://status.openai.com/api/v2/summary.json';
const DEFAULT_STATUS_FEED = 'https://status.openai.com/feed.rss';

const configObject = z
  .object({
    targets: z.array(httpUrl).min(1).max(20).default(['https://chatgpt.com/']),
    /** Where each site's owner takes reports of a wrong block, by host; the support report links to it. */
    supportLinks: z
      .record(z.string().min(1).max(253), httpUrl)
      .refine((r) => Object.keys(r).length <= 50, 'at most 50 entries')
      .default({ 'chatgpt.com': 'https://help.openai.com/' }),
    publicIp: z
      .object({
        sources: z
          .array(ipSource)
          .min(1)
          .max(20)
          .default([
            { url: 'https://1.1.1.1/cdn-cgi/trace', format: 'cloudflare-trace', family: 4 },
            { url: 'https://[2606:4700:4700::1111]/cdn-cgi/trace', format: 'cloudflare-trace', family: 6 },
            { url: 'https://api.ipify.org/', format: 'text', family: 4 },
            { url: 'https://api6.ipify.org/', format: 'text', family: 6 },
          ]),
        timeoutMs: z.number().int().min(100).max(60_000).default(5000),
      })
      .strict()
      .prefault({}),
    status: z
      .object({
        /** Statuspage `summary.json`, an incident.io status endpoint, or a feed: the parser is picked by the answer. */
        url: httpUrl.default(DEFAULT_STATUS_URL),
        /**
         * RSS/Atom fallback when `url` fails or cannot be read; `null` turns it off. When absent it belongs
         * to the status page it backs: OpenAI's feed for the default page, none for any other page (a
         * user watching GitHub's status must not get OpenAI's incidents as the fallback).
         */
        feedUrl: httpUrl.nullable().optional(),
        timeoutMs: z.number().int().min(100).max(60_000).default(6000),
      })
      .strict()
      .prefault({}),
    http: z
      .object({
        timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
        maxBodyBytes: z
          .number()
          .int()
          .min(1024)
          .max(16 * 1024 * 1024)
          .default(1024 * 1024),
        maxRedirects: z.number().int().min(0).max(20).default(5),
        userAgent: z
          .string()
          .max(300)
          .default('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) AccessDoctor/0.1'),
      })
      .strict()
      .prefault({}),
    discovery: z
      .object({
        /** Longest wait for routers to answer SSDP; discovery returns at the first valid one. */
        timeoutMs: z.number().int().min(200).max(30_000).default(3000),
        mx: z.number().int().min(1).max(5).default(1),
        /** Test-only: accept a UPnP device on 127.0.0.0/8. Off by default; the real app never needs it. */
        allowLoopbackDevices: z.boolean().default(false),
        /** Where M-SEARCH goes. The SSDP group by default; tests aim it at a simulated router's unicast port. */
        ssdpAddress: z.ipv4().default('239.255.255.250'),
        ssdpPort: z.number().int().min(1).max(65_535).default(1900),
        /** After a non-default-gateway router answers, how long to wait for the default gateway to answer too. */
        preferDefaultGatewayMs: z.number().int().min(0).max(5000).default(300),
      })
      .strict()
      .prefault({}),
    router: z
      .object({
        /** Deadline of each UPnP HTTP exchange (description, SOAP call). */
        requestTimeoutMs: z.number().int().min(100).max(30_000).default(3000),
        /** Size cap of each UPnP body; a router's description is a few KiB. */
        maxBodyBytes: z
          .number()
          .int()
          .min(1024)
          .max(1024 * 1024)
          .default(256 * 1024),
        /** Longest wait for the link to come back after ForceTermination/RequestConnection. */
        reconnectTimeoutMs: z.number().int().min(500).max(600_000).default(120_000),
        /** How often the router is asked for its state while reconnecting. */
        pollMs: z.number().int().min(50).max(10_000).default(250),
        powerCycle: z
          .object({
            /** How long to keep the router unplugged (many ISPs hand out a new address after ~30 s). */
            unplugSeconds: z.number().int().min(0).max(600).default(30),
            /** Longest the guided watcher waits for the drop and the return. */
            timeoutMs: z.number().int().min(1000).max(3_600_000).default(600_000),
            pollMs: z.number().int().min(100).max(30_000).default(1000),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    browsers: z
      .object({
        /**
         * Whose cookies `browsers list` counts and `browsers clear` deletes (each with its subdomains).
         * Absent: the targets' domains and their known sign-in domains (chatgpt.com → openai.com).
         */
        sites: z.array(siteDomain).min(1).max(50).optional(),
      })
      .strict()
      .prefault({}),
    watch: z
      .object({
        /** Least time between two scheduled asks of the outside echo sources (per family). 10 min keeps idle cost ≤ 12/h. */
        echoIntervalMs: z.number().int().min(200).max(86_400_000).default(600_000),
        /** Router `GetExternalIPAddress` poll when it sends no events (LAN only, cheap). */
        routerPollMs: z.number().int().min(100).max(600_000).default(2000),
        /** Safety poll of the router while its events flow, in case one is lost. */
        routerEventsPollMs: z.number().int().min(1000).max(3_600_000).default(60_000),
        /** Interfaces and default route are compared this often. */
        localPollMs: z.number().int().min(100).max(600_000).default(3000),
        /** Least time between two echo asks triggered by a change (a flapping Wi-Fi must not flood them). */
        echoUrgentGapMs: z.number().int().min(0).max(3_600_000).default(30_000),
        /** Changes of one family within this window are reported once more at its end, not each time. */
        coalesceMs: z.number().int().min(0).max(60_000).default(3000),
        historySize: z.number().int().min(1).max(1000).default(50),
        /** Subscribe to the router's GENA events (off: poll it). */
        routerEvents: z.boolean().default(true),
        /** Blocked targets are re-probed on this slow schedule (doubling up to the max) and after each IP change. */
        unblockMinMs: z.number().int().min(100).max(86_400_000).default(120_000),
        unblockMaxMs: z.number().int().min(100).max(86_400_000).default(1_800_000),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export const configSchema = configObject.transform((c) => ({
  ...c,
  status: {
    ...c.status,
    feedUrl:
      c.status.feedUrl !== undefined
        ? c.status.feedUrl
        : c.status.url === DEFAULT_STATUS_URL
          ? DEFAULT_STATUS_FEED
          : null,
  },
}));

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Largest config file read; a real one is a few KiB. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** One line per problem, naming the field; values are never echoed (a URL may hold a password). */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 20)
    .map((issue) => {
      const where = issue.path
        .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
        .join('');
      const text = issue.message.length > 200 ? `${issue.message.slice(0, 200)}…` : issue.message;
      const sentence = `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
      return `  ${where ? `${where}: ` : ''}${sentence}`;
    })
    .join('\n');
}

/**
 * Checks a config against the schema and fills the defaults. Only a JSON object is a config: `null`,
 * an array or a string is refused, so a mistaken file never silently means "use the real services".
 * `undefined` (no config at all) means the defaults.
 */
export function parseConfig(raw: unknown, origin = 'The config'): Config {
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    throw new AppFailure('config-invalid', `${origin} is not valid: it must be a JSON object ({ … }).`);
  }
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new AppFailure('config-invalid', `${origin} is not valid:\n${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}

export const defaultConfig = (): Config => parseConfig({});

const READ_PROBLEM: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  ENOTDIR: 'a part of the path is not a folder',
};

/**
 * Reads at most `max` bytes of a regular file. The file is opened without blocking (a FIFO must not
 * hang us) and checked on the open handle, so a file swapped after a check cannot slip through; the
 * read stops one byte past the cap, so a file that grows (or a device) cannot make us read it whole.
 */
async function readSmallFile(path: string, max: number, label: string): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') throw new AppFailure('config-missing', `${label} ${path} was not found.`, { cause: error });
    const why = READ_PROBLEM[code];
    throw new AppFailure('config-unreadable', `${label} ${path} cannot be read${why ? ` (${why})` : ''}.`, {
      cause: error,
    });
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new AppFailure('config-unreadable', `${label} ${path} is a folder, not a file.`);
    if (!info.isFile()) {
      throw new AppFailure('config-unreadable', `${label} ${path} is not a regular file (a device or a pipe).`);
    }
    const tooLarge = () =>
      new AppFailure('config-too-large', `${label} ${path} is larger than ${max / (1024 * 1024)} MiB.`);
    if (info.size > max) throw tooLarge();
    const buffer = Buffer.alloc(max + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > max) throw tooLarge();
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    const why = READ_PROBLEM[(error as NodeJS.ErrnoException).code ?? ''];
    throw new AppFailure('config-unreadable', `${label} ${path} cannot be read${why ? ` (${why})` : ''}.`, {
      cause: error,
    });
  } finally {
    await handle.close();
  }
}

/** Reads a config file; a missing file is an error here (the caller decides whether that is fine). */
export async function loadConfigFile(path: string): Promise<Config> {
  return parseConfig(await readConfigJson(path), `The config file ${path}`);
}

/** The file's JSON as it is (size-capped, UTF-8 checked), before the schema: for edits that keep every other key. */
async function readConfigJson(path: string): Promise<unknown> {
  const label = 'The config file';
  const bytes = await readSmallFile(path, MAX_CONFIG_BYTES, label);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error) {
    throw new AppFailure('config-invalid', `${label} ${path} is not UTF-8 text.`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message.replace(/\.$/, '');
    throw new AppFailure('config-invalid', `${label} ${path} is not valid JSON: ${detail}.`, { cause: error });
  }
  return json;
}

/**
 * Changes the sites in the app's settings file and nothing else: every other key stays as the user wrote
 * it. The result is validated like the file before it is written (atomically); a broken file is refused,
 * never overwritten.
 */
export async function saveTargets(path: string, targets: string[]): Promise<Config> {
  let raw: unknown = {};
  try {
    raw = await readConfigJson(path);
  } catch (error) {
    if (!(error instanceof AppFailure && error.code === 'config-missing')) throw error;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AppFailure('config-invalid', `The config file ${path} is not a JSON object, so it was left as it is.`);
  }
  const next = { ...(raw as Record<string, unknown>), targets };
  const config = parseConfig(next, 'The sites');
  await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`);
  return config;
}

/** The app's settings file: absent means defaults; a broken one is reported and left untouched. */
export async function loadSettingsFile(path: string): Promise<{ config: Config; problem?: string }> {
  try {
    return { config: await loadConfigFile(path) };
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'config-missing') return { config: defaultConfig() };
    return { config: defaultConfig(), problem: error instanceof Error ? error.message : String(error) };
  }
}
