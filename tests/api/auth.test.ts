import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFamily, addStaff, createHarness, PASSWORD, type Harness } from '../support/harness';
import { parentClient, staffClient } from '../support/client';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

describe('parent login', () => {
  it('logs in, reads /api/me with the family state, and logs out', async () => {
    const { familyId } = await addFamily(h.store, 'alice@example.fr');
    const c = parentClient(h.portal);
    const login = await c.post('/api/auth/login', { email: 'Alice@Example.fr ', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.account.email).toBe('alice@example.fr');
    expect(c.cookie('marelle_session')).toBeTruthy();
    const setCookie = (login.headers['set-cookie'] as unknown as string[]).join('\n');
    expect(setCookie).toMatch(/marelle_session=[^;]+;.*httponly/i);
    expect(setCookie).toMatch(/samesite=lax/i);

    const me = await c.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.family).toMatchObject({ id: familyId, status: 'validated', reservationsOpen: true, displayName: 'Famille Durand' });

    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('keeps reservations closed until staff validate the account (ÉTAPE 4)', async () => {
    await addFamily(h.store, 'bob@example.fr', 'awaiting_validation');
    const c = parentClient(h.portal);
    await c.post('/api/auth/login', { email: 'bob@example.fr', password: PASSWORD });
    const me = await c.get('/api/me');
    expect(me.body.family.reservationsOpen).toBe(false);
    expect(me.body.family.statusMessage).toMatch(/en cours de validation/);
  });

  it('stores sessions hashed, never the cookie value', async () => {
    await addFamily(h.store, 'alice@example.fr');
    const c = parentClient(h.portal);
    await c.post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD });
    const token = c.cookie('marelle_session');
    const rows = await h.store.db.selectFrom('sessions').select('id_hash').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id_hash).not.toBe(token);
  });

  it('answers the same for an unknown e-mail and a wrong password', async () => {
    await addFamily(h.store, 'alice@example.fr');
    const c = parentClient(h.portal);
    const wrong = await c.post('/api/auth/login', { email: 'alice@example.fr', password: 'nope-nope-nope' });
    const unknown = await c.post('/api/auth/login', { email: 'nobody@example.fr', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.message).toBe('Adresse e-mail ou mot de passe incorrect.');
  });

  it('locks an account after 5 wrong passwords, even with the right one, until the lock expires', async () => {
    await addFamily(h.store, 'alice@example.fr');
    const c = parentClient(h.portal);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await c.post('/api/auth/login', { email: 'alice@example.fr', password: `wrong-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    const locked = await c.post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.message).toMatch(/Trop de tentatives/);
    expect(locked.headers['retry-after']).toBeDefined();
    expect(await h.store.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);

    h.clock.advance(16 * 60_000);
    expect((await c.post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD })).status).toBe(200);
  });

  it('limits attempts per address across many accounts', async () => {
    const c = parentClient(h.portal);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await c.post('/api/auth/login', { email: `user${i}@example.fr`, password: 'x' })).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('refuses an archived family', async () => {
    await addFamily(h.store, 'old@example.fr', 'archived');
    const res = await parentClient(h.portal).post('/api/auth/login', { email: 'old@example.fr', password: PASSWORD });
    expect(res.status).toBe(401);
  });
});

describe('staff login', () => {
  it('logs in with a role and reads /api/staff/me', async () => {
    await addStaff(h.store, 'admin@mairie.test', 'admin');
    const c = staffClient(h.backoffice);
    const login = await c.post('/api/staff/auth/login', { email: 'admin@mairie.test', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: 'admin@mairie.test', role: 'admin' });
    expect(c.cookie('marelle_staff_session')).toBeTruthy();
    expect((await c.get('/api/staff/me')).body.user.role).toBe('admin');
  });

  it('does not accept staff credentials on the portal, nor parent credentials on the back-office', async () => {
    await addStaff(h.store, 'admin@mairie.test', 'admin');
    await addFamily(h.store, 'alice@example.fr');
    expect((await parentClient(h.portal).post('/api/auth/login', { email: 'admin@mairie.test', password: PASSWORD })).status).toBe(401);
    expect((await staffClient(h.backoffice).post('/api/staff/auth/login', { email: 'alice@example.fr', password: PASSWORD })).status).toBe(401);
  });

  it('refuses a deactivated staff member', async () => {
    const id = await addStaff(h.store, 'gone@mairie.test', 'agent');
    await h.store.db.updateTable('staff_users').set({ active: 0 }).where('id', '=', id).execute();
    expect((await staffClient(h.backoffice).post('/api/staff/auth/login', { email: 'gone@mairie.test', password: PASSWORD })).status).toBe(401);
  });

  it('expires idle sessions', async () => {
    await addStaff(h.store, 'admin@mairie.test', 'admin');
    const c = staffClient(h.backoffice);
    await c.post('/api/staff/auth/login', { email: 'admin@mairie.test', password: PASSWORD });
    h.clock.advance(13 * 60 * 60_000);
    expect((await c.get('/api/staff/me')).status).toBe(401);
  });
});
