import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackofficeApp, createPortalApp } from '../../portal/server/app';
import { addFamily, addStaff, createHarness, PASSWORD, type Harness } from '../support/harness';
import { parentClient, staffClient } from '../support/client';
import { routesOf } from '../support/routes';

/*
 * No request can crash the server: every route of both apps, found from the apps themselves (a route
 * added later is walked too), called by an administrator or a parent with ids that do not exist or
 * are not numbers, and with empty or nonsense bodies and queries, answers a client error — never a
 * 500; the back-office's errors carry a French message.
 */
let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

const appRoutes = (which: 'backoffice' | 'portal') =>
  routesOf(which === 'backoffice' ? createBackofficeApp(h.deps, '/nonexistent') : createPortalApp(h.deps, '/nonexistent'));

const BODIES: unknown[] = [{}, { lines: 'x', month: 42, serviceId: -1, date: '2026-02-30', amountCents: 1.5 }, []];
const QUERY = '?month=13&from=x&to=2026-99-99&serviceId=abc&childId=-1&periodId=1e9&date=hier';

describe('robustness', () => {
  it('answers every route with bad ids, bodies and queries without a server error', async () => {
    await addStaff(h.store, 'admin@mairie.test', 'admin');
    const c = staffClient(h.backoffice);
    expect((await c.post('/api/staff/auth/login', { email: 'admin@mairie.test', password: PASSWORD })).status).toBe(200);
    const failures: string[] = [];
    const bodies = BODIES;
    const routes = appRoutes('backoffice');
    expect(routes.length).toBeGreaterThan(100);
    for (const { method, path } of routes) {
      if (path.startsWith('/api/staff/auth/')) continue; // logging out would end the walk
      for (const id of ['abc', '999999']) {
        const url = `${path.replace(/:[A-Za-z]+/g, id)}${QUERY}`;
        for (const body of method === 'GET' ? [undefined] : bodies) {
          const res = method === 'GET' ? await c.get(url) : await c.send(method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete', url, body);
          if (res.status >= 500) failures.push(`${method} ${url} ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`);
          else if (res.status >= 400 && typeof (res.body as { message?: unknown }).message !== 'string') failures.push(`${method} ${url} → ${res.status} without a message`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The walk ran logged in from start to end.
    expect((await c.get('/api/staff/me')).status).toBe(200);
  }, 120_000);

  it('answers every portal route of a logged-in parent with bad ids, bodies and queries without a server error', async () => {
    await addFamily(h.store, 'alice@example.fr');
    const c = parentClient(h.portal);
    expect((await c.post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD })).status).toBe(200);
    const failures: string[] = [];
    const routes = appRoutes('portal');
    expect(routes.length).toBeGreaterThan(40);
    for (const { method, path } of routes) {
      // Logging out, or changing the account's e-mail or password, would end the walk.
      if (/^\/api\/(auth\/logout|account\/(email|password))/.test(path)) continue;
      for (const id of ['abc', '999999']) {
        const url = `${path.replace(/:[A-Za-z]+/g, id)}${QUERY}`;
        for (const body of method === 'GET' ? [undefined] : BODIES) {
          const res = method === 'GET' ? await c.get(url) : await c.send(method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete', url, body);
          if (res.status >= 500) failures.push(`${method} ${url} ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect((await c.get('/api/me')).status).toBe(200);
  }, 120_000);
});
