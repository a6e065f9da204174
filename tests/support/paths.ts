import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const GUARD = fileURLToPath(new URL('./net-guard.cjs', import.meta.url));
export const CLI = fileURLToPath(new URL('../../bin/access-doctor.js', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
