import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererFile } from '../../../electron/app-protocol';

const root = '/opt/access-doctor/out/renderer';

describe('app:// protocol file mapping', () => {
  it('maps app paths under the renderer folder, / to index.html', () => {
    expect(resolveRendererFile(root, 'app://access-doctor/')).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://access-doctor/assets/index-abc.js')).toBe(
      join(root, 'assets/index-abc.js'),
    );
  });

  it('never maps a dot-dot path outside the folder', () => {
    // The URL parser folds `%2e%2e` segments at the root; encoded slashes are decoded by us and must be caught.
    expect(resolveRendererFile(root, 'app://access-doctor/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc/passwd'));
    expect(resolveRendererFile(root, 'app://access-doctor/..%2f..%2fetc%2fpasswd')).toBeNull();
  });

  it('refuses escapes, other origins and broken escapes', () => {
    for (const url of [
      'app://access-doctor/assets/%2e%2e%2f%2e%2e%2fmain%2fmain.cjs',
      'app://access-doctor/%00index.html',
      'app://access-doctor/%E0%A4%A',
      'app://other-host/index.html',
      'https://access-doctor/index.html',
      'not a url',
    ]) {
      expect(resolveRendererFile(root, url), url).toBeNull();
    }
  });
});
