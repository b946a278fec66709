import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFamily, addStaff, createHarness, PASSWORD, type Harness } from '../support/harness';
import { parentClient, staffClient } from '../support/client';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

/** Every staff endpoint, with a body that would be valid for an authorised caller. */
const STAFF_ENDPOINTS: [method: 'get' | 'post' | 'put', url: string, body?: unknown][] = [
  ['get', '/api/staff/me'],
  ['get', '/api/staff/portal'],
  ['put', '/api/staff/portal/maintenance', { enabled: true, message: 'x' }],
  ['get', '/api/staff/outbox'],
  ['get', '/api/staff/outbox/1'],
  ['get', '/api/staff/backups'],
  ['post', '/api/staff/backups'],
  ['get', '/api/staff/dashboard'],
];

describe('role-based access', () => {
  it("a parent's session gets 401 from every staff endpoint, even replayed under the staff cookie name", async () => {
    await addFamily(h.store, 'alice@example.fr');
    const parent = parentClient(h.portal);
    await parent.post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD });
    const token = parent.cookie('marelle_session') ?? '';
    const csrf = parent.cookie('marelle_csrf') ?? '';
    for (const [method, url, body] of STAFF_ENDPOINTS) {
      for (const cookie of [`marelle_session=${token}; marelle_csrf=${csrf}`, `marelle_staff_session=${token}; marelle_staff_csrf=${csrf}`]) {
        let req = supertest(h.backoffice)[method](url).set('Cookie', cookie).set('x-csrf-token', csrf);
        if (body) req = req.send(body as object);
        const res = await req;
        expect([401, 403], `${method} ${url}`).toContain(res.status);
      }
    }
    expect(await h.store.db.selectFrom('settings').selectAll().execute()).toHaveLength(0);
  });

  it('an animateur cannot reach admin or agent endpoints', async () => {
    await addStaff(h.store, 'anim@mairie.test', 'animateur');
    const c = staffClient(h.backoffice);
    await c.post('/api/staff/auth/login', { email: 'anim@mairie.test', password: PASSWORD });
    expect((await c.get('/api/staff/me')).status).toBe(200);
    expect((await c.get('/api/staff/portal')).status).toBe(200);
    for (const url of ['/api/staff/outbox', '/api/staff/backups', '/api/staff/dashboard']) expect((await c.get(url)).status, url).toBe(403);
    expect((await c.put('/api/staff/portal/maintenance', { enabled: true, message: null })).status).toBe(403);
    expect((await c.post('/api/staff/backups')).status).toBe(403);
  });

  it('an agent reads the outbox but cannot close the portal', async () => {
    await addStaff(h.store, 'agent@mairie.test', 'agent');
    const c = staffClient(h.backoffice);
    await c.post('/api/staff/auth/login', { email: 'agent@mairie.test', password: PASSWORD });
    expect((await c.get('/api/staff/outbox')).status).toBe(200);
    expect((await c.put('/api/staff/portal/maintenance', { enabled: true, message: null })).status).toBe(403);
  });

  it('staff endpoints are not served on the portal listener', async () => {
    expect((await supertest(h.portal).get('/api/staff/me')).status).toBe(404);
    expect((await supertest(h.backoffice).get('/api/me')).status).toBe(404);
  });
});

describe('portal maintenance', () => {
  it('an admin closes the portal: parents get 503 with the message, the public page shows it; reopening restores logins', async () => {
    await addStaff(h.store, 'admin@mairie.test', 'admin');
    await addFamily(h.store, 'alice@example.fr');
    const admin = staffClient(h.backoffice);
    await admin.post('/api/staff/auth/login', { email: 'admin@mairie.test', password: PASSWORD });
    const closed = await admin.put('/api/staff/portal/maintenance', { enabled: true, message: 'Mise à jour du portail, retour à 14 h.' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ published: false, maintenance: { enabled: true } });

    const pub = await supertest(h.portal).get('/api/public/portal');
    expect(pub.body.maintenance).toEqual({ enabled: true, message: 'Mise à jour du portail, retour à 14 h.' });
    const login = await parentClient(h.portal).post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD });
    expect(login.status).toBe(503);
    expect(login.body).toEqual({ error: 'maintenance', message: 'Mise à jour du portail, retour à 14 h.' });

    const audit = await h.store.db.selectFrom('audit_log').selectAll().execute();
    expect(audit.map((a) => a.action)).toEqual(['portal.closed']);

    await admin.put('/api/staff/portal/maintenance', { enabled: false, message: null });
    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD })).status).toBe(200);
  });

  it('shows the portal address to staff', async () => {
    await addStaff(h.store, 'agent@mairie.test', 'agent');
    const c = staffClient(h.backoffice);
    await c.post('/api/staff/auth/login', { email: 'agent@mairie.test', password: PASSWORD });
    const res = await c.get('/api/staff/portal');
    expect(res.body).toEqual({ published: true, url: h.deps.config.publicUrl, maintenance: { enabled: false, message: null } });
  });
});

describe('health and headers', () => {
  it('GET /healthz on both listeners', async () => {
    // A store in memory: booking requests validated on the server's thread (decision 0017).
    expect((await supertest(h.portal).get('/healthz')).body).toEqual({ status: 'ok', bookings: 'in-process' });
    expect((await supertest(h.backoffice).get('/healthz')).body).toEqual({ status: 'ok', bookings: 'in-process' });
  });

  it('sets security headers and no-store on the API', async () => {
    const res = await supertest(h.portal).get('/api/public/portal');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
