import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfigFile, loadSettingsFile, parseConfig } from '../../electron/config';
import { AppFailure } from '../../electron/services/errors';

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

  it('treats null, undefined and {} alike', () => {
    // defaultConfig() is parseConfig({}), so comparing those two could never fail; compare the other inputs.
    const fromEmpty = parseConfig({});
    expect(parseConfig(null)).toEqual(fromEmpty);
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
    expect(error.message).toMatch(/^test\.json is not valid:/);
    expect(error.message).toContain(field);
  });

  it('rejects unknown keys at every level, naming them', () => {
    const top = failure(() => parseConfig({ target: ['https://x.test/'] }));
    expect(top.code).toBe('config-invalid');
    expect(top.message).toContain('target');
    const nested = failure(() => parseConfig({ http: { timeout: 5000 } }));
    expect(nested.message).toMatch(/timeout/);
    expect(nested.message).toContain('http');
  });

  it('rejects a config that is not an object', () => {
    expect(failure(() => parseConfig('targets')).code).toBe('config-invalid');
    expect(failure(() => parseConfig([])).code).toBe('config-invalid');
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

  it('settings: a missing file means defaults, a broken one is reported and replaced by defaults', async () => {
    expect(await loadSettingsFile('/nonexistent/settings.json')).toEqual({ config: defaultConfig() });
    const broken = tempFile('settings.json', '{"http": {"timeoutMs": "fast"}}');
    const loaded = await loadSettingsFile(broken);
    expect(loaded.config).toEqual(defaultConfig());
    expect(loaded.problem).toContain('http.timeoutMs');
  });
});
