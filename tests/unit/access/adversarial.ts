/**
 * Seeded adversarial bodies for the page classifier, shared by its fuzz test and `npm run bench`:
 * line breaks, blanks, attributes that never close, and every marker the classifier looks for
 * repeated without its value — the shapes that made the old regular expressions backtrack.
 */

import { prng } from '../../support/prng';

export { prng };

/** Pieces repeated to build a body: each is a prefix of something the classifier parses. */
export const PIECES = [
  '\n',
  '\r\n',
  ' ',
  '\t \n',
  '<span class="',
  '<span class="cf-error-code ',
  'cf-error-code',
  'data-translate="error"',
  '<span data-translate="error">Error</span><span',
  'error code:',
  'Error code ',
  'Error&nbsp;code&nbsp;',
  'Error reference number: <span',
  'Ray ID: ',
  'Ray ID: <strong',
  '<title>',
  '<title>x | ',
  '| 52',
  '&nbsp;',
  '<',
  '<!-- ',
  '1020',
  'Just a moment...',
  "var dd={'t':",
  'Reference&#32;&#35;',
];

/** The named shapes the bench reports on: one piece repeated up to `size` characters. */
export function repeated(piece: string, size: number): string {
  return piece.repeat(Math.ceil(size / piece.length)).slice(0, size);
}

/** A seeded mix: runs of random pieces, sometimes with random printable characters between. */
export function mixed(seed: number, size: number): string {
  const next = prng(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const piece = PIECES[Math.floor(next() * PIECES.length)] ?? ' ';
    const run = piece.repeat(1 + Math.floor(next() * 2000));
    const noise = next() < 0.3 ? String.fromCharCode(32 + Math.floor(next() * 95)) : '';
    parts.push(run, noise);
    length += run.length + noise.length;
  }
  return parts.join('').slice(0, size);
}

/** Every adversarial body of one size: each piece repeated, then `mixes` seeded mixes. */
export function adversarialBodies(size: number, mixes: number, seed = 1020): { name: string; body: string }[] {
  const bodies = PIECES.map((piece) => ({ name: `repeat ${JSON.stringify(piece)}`, body: repeated(piece, size) }));
  for (let i = 0; i < mixes; i++) bodies.push({ name: `mix seed ${seed + i}`, body: mixed(seed + i, size) });
  return bodies;
}
