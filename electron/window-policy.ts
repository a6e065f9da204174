/** Window policy values with no Electron import, shared by the app, the harness and tests. */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Only plain http(s) links without credentials leave the app, and then in the default browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

export const APP_SCHEME = 'app';
export const APP_HOST = 'access-doctor';

/**
 * Whether a URL is one of ours (`app://access-doctor/…`). Compares scheme and host rather than
 * `origin`: Node's URL gives custom schemes the opaque origin "null".
 */
export function isAppUrl(raw: string | URL): boolean {
  try {
    const url = typeof raw === 'string' ? new URL(raw) : raw;
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && !url.username && !url.password && !url.port;
  } catch {
    return false;
  }
}
