import { defineConfig } from 'vitest/config';

const setupFiles = ['tests/support/setup.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          // A hang guard, not a speed goal (those are in `npm run bench`): the real-SQLite and real-dconf
          // tests take about a second alone and several on a loaded machine; 5 s failed them under load.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'world',
          include: ['tests/world/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'lab',
          include: ['tests/lab/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Lab tests share one set of network namespaces; run their files one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
