/**
 * Back-office build for the browser and for the Electron shell loading it from the server:
 *   vite build --config src-renderer/vite.config.ts
 * Output: <repo>/out/renderer, served as static files by the Koa server (port 3001).
 */
import { defineConfig } from 'vite';
import { rendererBase, rendererCss, rendererOutDir, rendererPlugins, rendererRoot } from './vite.shared';

export default defineConfig({
  root: rendererRoot,
  base: rendererBase,
  plugins: rendererPlugins(),
  css: rendererCss,
  build: {
    outDir: rendererOutDir,
    emptyOutDir: true,
  },
});
