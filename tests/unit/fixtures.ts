/** Reads recorded bodies under tests/fixtures and fills the placeholders the world also fills. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../support/paths';

export function fixture(...path: string[]): string {
  return readFileSync(join(FIXTURES, ...path), 'utf8');
}

export interface PagePlaceholders {
  host?: string;
  ray?: string;
  ip?: string;
}

export function cloudflarePage(name: string, fill: PagePlaceholders = {}): string {
  const page = fixture('cloudflare', name)
    .replaceAll('{{HOST}}', fill.host ?? 'chatgpt.com')
    .replaceAll('{{RAY}}', fill.ray ?? '8f1a2b3c4d5e6f70')
    .replaceAll('{{IP}}', fill.ip ?? '198.51.100.23');
  if (page.includes('{{')) throw new Error(`fixture ${name} has an unfilled placeholder`);
  return page;
}
