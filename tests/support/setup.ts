// Loaded by every vitest project: installs the network guard before any test code runs.
import { createRequire } from 'node:module';
import { afterAll } from 'vitest';

const require = createRequire(import.meta.url);
require('./net-guard.cjs');

afterAll(() => {
  const guard = (globalThis as { __accessDoctorNetGuard?: { violations: string[] } }).__accessDoctorNetGuard;
  if (guard && guard.violations.length > 0 && !process.env.ACCESS_DOCTOR_EXPECT_GUARD) {
    throw new Error(`Tests tried to leave loopback:\n${guard.violations.join('\n')}`);
  }
});
