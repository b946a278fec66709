import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackofficeApp } from '../../portal/server/app';
import { addStaff, createHarness, PASSWORD, type Harness } from '../support/harness';
import { staffClient } from '../support/client';
import { routesOf } from '../support/routes';

/*
 * Every route of the back-office, found from the app itself (so a route added later is covered
 * without editing this file): an animateur reaches only the attendance lists and their own
 * session, never invoices, payments, QF or IBANs.
 */
let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

/** Routes an animateur may reach (with the service scoping the attendance module applies itself). */
const ANIMATEUR_ALLOWED = [/^\/api\/staff\/me$/, /^\/api\/staff\/portal$/, /^\/api\/staff\/auth\//, /^\/api\/staff\/attendance\//];

const staffRoutes = () => routesOf(createBackofficeApp(h.deps, '/nonexistent'));

describe('back-office roles', () => {
  it('finds the routes of every area', () => {
    const routes = staffRoutes();
    expect(routes.length).toBeGreaterThan(100);
    const paths = new Set(routes.map((r) => r.path.split('/').slice(0, 4).join('/')));
    for (const area of ['families', 'requests', 'places', 'bookings', 'attendance', 'invoicing', 'payments', 'jobs']) {
      expect(paths, area).toContain(`/api/staff/${area}`);
    }
  });

  it('an animateur gets 403 from every route outside the attendance lists', async () => {
    await addStaff(h.store, 'anim@mairie.test', 'animateur');
    const c = staffClient(h.backoffice);
    expect((await c.post('/api/staff/auth/login', { email: 'anim@mairie.test', password: PASSWORD })).status).toBe(200);
    const reached: string[] = [];
    for (const { method, path } of staffRoutes()) {
      if (ANIMATEUR_ALLOWED.some((re) => re.test(path))) continue;
      const url = path.replace(/:[A-Za-z]+/g, '1');
      const res = method === 'GET' ? await c.get(url) : await c.send(method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete', url, {});
      if (res.status !== 403) reached.push(`${method} ${path} → ${res.status}`);
    }
    expect(reached).toEqual([]);
  });
});
