import fs from 'node:fs';
import path from 'node:path';
import serve from 'koa-static';
import type Koa from 'koa';
import type { AppCustom, AppState } from './context';

const NOT_BUILT = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Marelle</title>
<p>L'interface n'est pas encore construite : lancez <code>npm run build</code> puis redémarrez.</p></html>`;

/**
 * Serves a built single-page app: hashed assets are cached for a year, index.html never, and any
 * other GET outside /api falls back to index.html so that deep links work.
 */
export function spa(dir: string): Koa.Middleware<AppState, AppCustom>[] {
  const indexFile = path.join(dir, 'index.html');
  const assets = serve(dir, {
    index: false,
    gzip: false,
    setHeaders(res, filePath) {
      if (filePath.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else res.setHeader('Cache-Control', 'no-cache');
    },
  });
  const fallback: Koa.Middleware<AppState, AppCustom> = async (ctx, next) => {
    await next();
    if (ctx.body !== undefined || ctx.status !== 404) return;
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return;
    if (ctx.path.startsWith('/api/') || ctx.path === '/healthz') return;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = fs.existsSync(indexFile) ? fs.createReadStream(indexFile) : NOT_BUILT;
  };
  return [fallback, assets];
}
