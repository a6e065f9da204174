import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultConfig,
  loadConfigFile,
  loadSettingsFile,
  MAX_CONFIG_BYTES,
  parseConfig,
  saveTargets,
} from '../../electron/config';
import { AppFailure } from '../../electron/core/errors';

function failure(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected an AppFailure');
}

const tempFile = (name: string, content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'access-doctor-config-')), name);
  writeFileSync(file, content);
  return file;
};

describe('config defaults', () => {
  it('points at the real services, with trace sources first and text echoes as fallback', () => {
    const config = defaultConfig();
    expect(config.targets).toEqual(['https://chatgpt.com/']);
    expect(config.publicIp.sources.map((s) => s.format)).toEqual([
      'cloudflare-trace',
      'cloudflare-trace',
      'text',
      'text',
    ]);
    expect(config.publicIp.sources.map((s) => s.family)).toEqual([4, 6, 4, 6]);
    expect(config.status.url).toMatch(/^https:\/\/status\.openai\.com\//);
    expect(config.status.feedUrl).toMatch(/^https:\/\//);
    expect(config.http).toMatchObject({ timeoutMs: 10_000, maxBodyBytes: 1024 * 1024, maxRedirects: 5 });
    expect(config.discovery.allowLoopbackDevices).toBe(false);
  });

  it('treats no config and {} alike (null is refused elsewhere)', () => {
    // defaultConfig() is parseConfig({}), so comparing those two could never fail; compare the other input.
    const fromEmpty = parseConfig({});
    expect(parseConfig(undefined)).toEqual(fromEmpty);
    expect(fromEmpty.targets).toEqual(['https://chatgpt.com/']);
  });
});

describe('partial configs merge with defaults', () => {
  it('keeps the default sources when only the timeout changes', () => {
    const config = parseConfig({ publicIp: { timeoutMs: 1234 } });
    expect(config.publicIp.timeoutMs).toBe(1234);
    expect(config.publicIp.sources).toEqual(defaultConfig().publicIp.sources);
  });

  it('fills a source format and family left out', () => {
    const config = parseConfig({ publicIp: { sources: [{ url: 'http://127.0.0.1:9/ip' }] } });
    expect(config.publicIp.sources).toEqual([
      { url: 'http://127.0.0.1:9/ip', format: 'cloudflare-trace', family: 'any' },
    ]);
  });

  it('keeps the other http settings when one changes', () => {
    const config = parseConfig({ http: { maxRedirects: 0 } });
    expect(config.http).toMatchObject({ maxRedirects: 0, timeoutMs: 10_000, maxBodyBytes: 1024 * 1024 });
  });
});

describe('invalid configs', () => {
  it.each([
    [{ targets: ['ftp://example.com/'] }, 'targets'],
    [{ targets: [] }, 'targets'],
    [{ http: { timeoutMs: 5 } }, 'http.timeoutMs'],
    [{ http: { maxBodyBytes: 1e9 } }, 'http.maxBodyBytes'],
    [{ publicIp: { sources: [{ url: 'http://x.test/', format: 'xml' }] } }, 'publicIp.sources[0].format'],
    [{ status: { url: 'javascript:alert(1)' } }, 'status.url'],
    [{ discovery: { mx: 9 } }, 'discovery.mx'],
  ])('%j is config-invalid naming %s', (raw, field) => {
    const error = failure(() => parseConfig(raw, 'test.json'));
    expect(error.code).toBe('config-invalid');
    expect(error.message).toMatch(/^test\.json is not valid:\n/);
    expect(error.message).toContain(field);
    // One line per problem, each a sentence.
    for (const line of error.message.split('\n').slice(1)) expect(line).toMatch(/^ {2}\S.*\.$/);
  });

  it('rejects unknown keys at every level, naming them', () => {
    const top = failure(() => parseConfig({ target: ['https://x.test/'] }));
    expect(top.code).toBe('config-invalid');
    expect(top.message).toContain('target');
    const nested = failure(() => parseConfig({ http: { timeout: 5000 } }));
    expect(nested.message).toMatch(/timeout/);
    expect(nested.message).toContain('http');
  });

  it.each([null, [], 'targets', 42, true])('rejects %j: a config must be an object', (raw) => {
    const error = failure(() => parseConfig(raw, 'c.json'));
    expect(error.code).toBe('config-invalid');
    expect(error.message).toBe('c.json is not valid: it must be a JSON object ({ … }).');
  });

  it.each([
    ['targets', { targets: ['https://alice:s3cr3t-pw@example.com/'] }],
    ['targets', { targets: ['https://alice@example.com/'] }],
    ['status.url', { status: { url: 'http://bob:hunter2-pw@127.0.0.1:9/status.json' } }],
    ['publicIp.sources[0].url', { publicIp: { sources: [{ url: 'http://u:topsecret-pw@127.0.0.1:9/' }] } }],
  ])('refuses a user name or password in %s without echoing it', (field, raw) => {
    const error = failure(() => parseConfig(raw, 'c.json'));
    expect(error.code).toBe('config-invalid');
    expect(error.message).toContain(`${field}`);
    expect(error.message).toContain('Must not contain a user name or password.');
    expect(error.message).not.toMatch(/s3cr3t|hunter2|topsecret|alice|bob/);
  });
});

describe('config files', () => {
  it('loads a valid file', async () => {
    const file = tempFile('c.json', JSON.stringify({ targets: ['http://127.0.0.1:1/site/'] }));
    expect((await loadConfigFile(file)).targets).toEqual(['http://127.0.0.1:1/site/']);
  });

  it('names a missing file, broken JSON and an invalid field', async () => {
    await expect(loadConfigFile('/nonexistent/access-doctor.json')).rejects.toMatchObject({ code: 'config-missing' });
    const broken = tempFile('broken.json', '{"targets": [');
    await expect(loadConfigFile(broken)).rejects.toMatchObject({
      code: 'config-invalid',
      message: expect.stringContaining('is not valid JSON'),
    });
    const invalid = tempFile('invalid.json', JSON.stringify({ http: { maxRedirects: 99 } }));
    await expect(loadConfigFile(invalid)).rejects.toMatchObject({
      code: 'config-invalid',
      message: expect.stringContaining('http.maxRedirects'),
    });
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const file = tempFile('bom.json', `\uFEFF${JSON.stringify({ targets: ['http://127.0.0.1:1/bom/'] })}`);
    expect((await loadConfigFile(file)).targets).toEqual(['http://127.0.0.1:1/bom/']);
  });

  it.each(['null', '[]', '"targets"', '42'])('refuses a file whose JSON is %s', async (text) => {
    const file = tempFile('odd.json', text);
    await expect(loadConfigFile(file)).rejects.toMatchObject({
      code: 'config-invalid',
      message: `The config file ${file} is not valid: it must be a JSON object ({ … }).`,
    });
  });

  it('refuses a file larger than 1 MiB before reading it whole', async () => {
    // A sparse 300 MB file: reading it whole would cost about a gigabyte of memory.
    const file = join(mkdtempSync(join(tmpdir(), 'access-doctor-config-')), 'huge.json');
    const fd = openSync(file, 'w');
    writeSync(fd, '{', 300 * 1024 * 1024);
    closeSync(fd);
    const before = process.memoryUsage().rss;
    await expect(loadConfigFile(file)).rejects.toMatchObject({
      code: 'config-too-large',
      message: `The config file ${file} is larger than 1 MiB.`,
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    // Just at the cap is still read (and then judged as JSON).
    const edge = tempFile('edge.json', `{"targets":["http://127.0.0.1:1/"]}${' '.repeat(MAX_CONFIG_BYTES - 35)}`);
    expect((await loadConfigFile(edge)).targets).toEqual(['http://127.0.0.1:1/']);
  });

  it.runIf(process.platform !== 'win32')('refuses /dev/zero and a FIFO without hanging', async () => {
    await expect(loadConfigFile('/dev/zero')).rejects.toMatchObject({
      code: 'config-unreadable',
      message: 'The config file /dev/zero is not a regular file (a device or a pipe).',
    });
    const fifo = join(mkdtempSync(join(tmpdir(), 'access-doctor-config-')), 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    await expect(loadConfigFile(fifo)).rejects.toMatchObject({
      code: 'config-unreadable',
      message: `The config file ${fifo} is not a regular file (a device or a pipe).`,
    });
  });

  it('refuses a folder and names a missing file in a sentence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'access-doctor-config-'));
    await expect(loadConfigFile(dir)).rejects.toMatchObject({
      code: 'config-unreadable',
      message: expect.stringMatching(
        /^The config file .+ (is a folder, not a file|cannot be read \(it is a folder\))\.$/,
      ),
    });
    await expect(loadConfigFile('/nonexistent/a.json')).rejects.toMatchObject({
      message: 'The config file /nonexistent/a.json was not found.',
    });
  });

  it('settings: a missing file means defaults, a broken one is reported and replaced by defaults', async () => {
    expect(await loadSettingsFile('/nonexistent/settings.json')).toEqual({ config: defaultConfig() });
    const broken = tempFile('settings.json', '{"http": {"timeoutMs": "fast"}}');
    const loaded = await loadSettingsFile(broken);
    expect(loaded.config).toEqual(defaultConfig());
    expect(loaded.problem).toContain('http.timeoutMs');
  });
});

describe('the status feed fallback belongs to its status page', () => {
  it('is OpenAI’s feed only for the default status page', () => {
    expect(parseConfig({}).status.feedUrl).toBe('https://status.openai.com/feed.rss');
  });
  it('is off when only another status page is named, so its fallback never reaches OpenAI', () => {
    const c = parseConfig({ status: { url: 'https://www.githubstatus.com/api/v2/summary.json' } });
    expect(c.status.feedUrl).toBeNull();
  });
  it('keeps a feed the user names, and null turns it off', () => {
    const url = 'http://127.0.0.1:9/status.json';
    expect(parseConfig({ status: { url, feedUrl: 'http://127.0.0.1:9/feed.rss' } }).status.feedUrl).toBe(
      'http://127.0.0.1:9/feed.rss',
    );
    expect(parseConfig({ status: { feedUrl: null } }).status.feedUrl).toBeNull();
  });
});

describe('saving the sites from the window', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'ad-sites-'));

  it('changes only the targets and keeps every other key as the user wrote it', async () => {
    const file = join(dir(), 'config.json');
    writeFileSync(file, JSON.stringify({ http: { timeoutMs: 4321 }, targets: ['https://chatgpt.com/'] }));
    const saved = await saveTargets(file, ['https://claude.ai/', 'https://chatgpt.com/']);
    expect(saved.targets).toEqual(['https://claude.ai/', 'https://chatgpt.com/']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      http: { timeoutMs: 4321 },
      targets: ['https://claude.ai/', 'https://chatgpt.com/'],
    });
  });

  it('creates the file when there is none', async () => {
    const file = join(dir(), 'config.json');
    await saveTargets(file, ['https://claude.ai/']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ targets: ['https://claude.ai/'] });
  });

  it('refuses a bad site or a broken file and leaves the file byte for byte', async () => {
    const file = join(dir(), 'config.json');
    writeFileSync(file, '{"targets": ["https://chatgpt.com/"]}');
    await expect(saveTargets(file, ['ftp://x.test/'])).rejects.toMatchObject({ code: 'config-invalid' });
    expect(readFileSync(file, 'utf8')).toBe('{"targets": ["https://chatgpt.com/"]}');
    writeFileSync(file, '{ not json');
    await expect(saveTargets(file, ['https://claude.ai/'])).rejects.toMatchObject({ code: 'config-invalid' });
    expect(readFileSync(file, 'utf8')).toBe('{ not json');
  });
});
