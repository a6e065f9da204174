/** Maps an `app://access-doctor/…` request to a file under the renderer folder, or null when it escapes it. */
import { isAbsolute, join, normalize, relative } from 'node:path';
import { isAppUrl } from './window-policy';

export function resolveRendererFile(rendererRoot: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (!isAppUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = normalize(join(rendererRoot, path === '/' ? '/index.html' : path));
  const rel = relative(rendererRoot, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}
