import type { Router } from '@koa/router';

type Dispatch = { router?: Router };

/**
 * Every route an app serves, read from its routers (a route added later is found too): the method
 * and the path pattern, HEAD left out.
 */
export function routesOf(app: { middleware: readonly unknown[] }): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  for (const mw of app.middleware as Dispatch[]) {
    for (const layer of mw.router?.stack ?? []) {
      for (const method of layer.methods) if (method !== 'HEAD') routes.push({ method, path: String(layer.path) });
    }
  }
  return routes;
}
