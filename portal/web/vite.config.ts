import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './pwa';

// Family portal (React). Built into <repo>/out/portal, which the Koa server serves as static files.
// The manifest and the service worker (sw.js, app shell only) are configured in ./pwa.ts.
const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../out/portal', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), VitePWA(pwaOptions)],
  build: {
    outDir,
    emptyOutDir: true,
  },
  server: {
    // `vite --config portal/web/vite.config.ts` for live reload: the API stays on the Koa server.
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/healthz': 'http://127.0.0.1:3000',
    },
  },
});
