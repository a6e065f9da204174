import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Main and preload are CommonJS: a sandboxed preload must be, and main then keeps `__dirname`.
const cjs = (name: string, entry: string, externalizeDeps = true) => ({
  build: {
    externalizeDeps,
    outDir: `out/${name}`,
    rollupOptions: {
      input: { [name]: resolve(__dirname, entry) },
      output: { format: 'cjs' as const, entryFileNames: '[name].cjs' },
    },
  },
});

export default defineConfig({
  main: cjs('main', 'electron/main.ts'),
  // A sandboxed preload can require nothing but `electron`: bundle its dependencies (zod) into it.
  preload: cjs('preload', 'electron/preload.ts', false),
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      // electron-vite leaves the renderer unminified by default; minified, the window parses half as much
      // JavaScript before its first render (tests/bench/renderer.bench.ts).
      minify: true,
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
