/**
 * electron-vite 6 configuration (`npx electron-vite build`, run by `npm start` / `npm run build`).
 *
 *   main      src-main/index.ts    → out/main/index.js    (ESM: package.json has "type": "module")
 *             portal/server/bookingWorkerEntry.ts → out/main/bookingWorker.js (the booking worker's thread)
 *   preload   src-main/preload.ts  → out/preload/preload.cjs (CommonJS: required by a sandboxed preload)
 *   renderer  src-renderer/        → out/renderer          (same settings as `vite build --config src-renderer/vite.config.ts`)
 *
 * Main: every package.json `dependencies` entry (koa, kysely, better-sqlite3, @node-rs/argon2, pino…)
 * stays external (electron-vite's `build.externalizeDeps`, on by default, made explicit here) and is
 * loaded from node_modules at run time; the project's own `shared/` and `portal/server/` are bundled.
 * Native addons must never be bundled: better-sqlite3's Electron build is chosen at run time through
 * its `nativeBinding` option (docs/decisions/0002-better-sqlite3-in-electron.md).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererBase, rendererCss, rendererOutDir, rendererPlugins, rendererRoot, repoRoot } from './src-renderer/vite.shared';

/** Always external in main, even if one day they move out of `dependencies`. */
const nativeModules = ['better-sqlite3', '@node-rs/argon2'];

export default defineConfig({
  main: {
    build: {
      outDir: resolve(repoRoot, 'out/main'),
      externalizeDeps: { include: nativeModules },
      rolldownOptions: {
        // The booking worker's thread (decision 0017) loads out/main/bookingWorker.js.
        input: { index: resolve(repoRoot, 'src-main/index.ts'), bookingWorker: resolve(repoRoot, 'portal/server/bookingWorkerEntry.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(repoRoot, 'out/preload'),
      externalizeDeps: true,
      rolldownOptions: {
        input: { preload: resolve(repoRoot, 'src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  // out/renderer is served over HTTP to Electron, to browsers and to other office PCs alike: build it
  // exactly like src-renderer/vite.config.ts (browser target, minified), not for Electron's Chromium only.
  renderer: {
    root: rendererRoot,
    base: rendererBase,
    plugins: rendererPlugins(),
    css: rendererCss,
    build: {
      outDir: rendererOutDir,
      emptyOutDir: true,
      target: 'baseline-widely-available',
      minify: true,
      modulePreload: { polyfill: true },
      rolldownOptions: {
        input: { index: resolve(rendererRoot, 'index.html') },
      },
    },
  },
});
