import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFamily, addStaff, createHarness, PASSWORD, type Harness } from '../support/harness';
import { parentClient, staffClient } from '../support/client';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

const snapshot = async (h: Harness) => ({
  sessions: await h.store.db.selectFrom('sessions').selectAll().execute(),
  settings: await h.store.db.selectFrom('settings').selectAll().execute(),
  audit: await h.store.db.selectFrom('audit_log').selectAll().execute(),
});

function expectFrenchError(res: supertest.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body.error).toBe(code);
  expect(typeof res.body.message).toBe('string');
  expect(res.body.message.length).toBeGreaterThan(5);
}

describe('bad input never crashes and changes nothing', () => {
  it('malformed JSON → 400 invalid_json', async () => {
    const res = await supertest(h.portal).post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": "a@b.fr",');
    expectFrenchError(res, 400, 'invalid_json');
    expect(res.body.message).toBe("Le contenu de la requête n'est pas un JSON valide.");
  });

  it('wrong types and missing fields → 400 validation with French messages per field', async () => {
    const res = await supertest(h.portal).post('/api/auth/login').send({ email: 42, password: ['x'] });
    expectFrenchError(res, 400, 'validation');
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'password']);
    const missing = await supertest(h.portal).post('/api/auth/login').send({});
    expectFrenchError(missing, 400, 'validation');
    const badEmail = await supertest(h.portal).post('/api/auth/login').send({ email: 'pas-un-email', password: 'x' });
    expect(badEmail.body.message).toMatch(/Adresse e-mail invalide/);
  });

  it('unknown fields are refused', async () => {
    const res = await supertest(h.portal).post('/api/auth/login').send({ email: 'a@b.fr', password: 'x', admin: true });
    expectFrenchError(res, 400, 'validation');
    expect(res.body.issues[0].message).toMatch(/[Cc]lé|non reconnu/);
  });

  it('an oversized body → 413', async () => {
    const res = await supertest(h.portal)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.fr', password: 'x'.repeat(300_000) }));
    expectFrenchError(res, 413, 'payload_too_large');
  });

  it('a body that is not JSON → 415', async () => {
    const res = await supertest(h.portal).post('/api/auth/login').set('Content-Type', 'application/x-www-form-urlencoded').send('email=a@b.fr&password=x');
    expectFrenchError(res, 415, 'unsupported_media_type');
  });

  it('an unknown API route → 404 JSON; a wrong method → 405', async () => {
    expectFrenchError(await supertest(h.portal).get('/api/nope'), 404, 'not_found');
    expectFrenchError(await supertest(h.backoffice).get('/api/staff/nope'), 404, 'not_found');
    const res = await supertest(h.portal).delete('/api/public/portal');
    expect([404, 405]).toContain(res.status);
  });

  it('staff bad input on maintenance changes nothing', async () => {
    await addStaff(h.store, 'admin@mairie.test', 'admin');
    const c = staffClient(h.backoffice);
    await c.post('/api/staff/auth/login', { email: 'admin@mairie.test', password: PASSWORD });
    const before = await snapshot(h);
    for (const body of [{ enabled: 'yes', message: null }, { enabled: true }, { enabled: true, message: 'x'.repeat(600) }, { enabled: true, message: null, extra: 1 }]) {
      const res = await c.put('/api/staff/portal/maintenance', body);
      expectFrenchError(res, 400, 'validation');
    }
    const after = await snapshot(h);
    expect(after.settings).toEqual(before.settings);
    expect(after.audit).toEqual(before.audit);
  });

  it('ten wrong passwords → 4xx each, never a 500, no session created', async () => {
    await addFamily(h.store, 'alice@example.fr');
    const c = parentClient(h.portal);
    for (let i = 0; i < 10; i++) {
      const res = await c.post('/api/auth/login', { email: 'alice@example.fr', password: `bad${i}` });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect((await snapshot(h)).sessions).toHaveLength(0);
  });
});

describe('CSRF', () => {
  it('refuses a write with a session but without the token', async () => {
    await addStaff(h.store, 'admin@mairie.test', 'admin');
    const c = staffClient(h.backoffice);
    await c.post('/api/staff/auth/login', { email: 'admin@mairie.test', password: PASSWORD });
    const session = c.cookie('marelle_staff_session');
    const res = await supertest(h.backoffice)
      .put('/api/staff/portal/maintenance')
      .set('Cookie', `marelle_staff_session=${session}`)
      .send({ enabled: true, message: 'piège' });
    expectFrenchError(res, 403, 'csrf');
    const wrong = await supertest(h.backoffice)
      .put('/api/staff/portal/maintenance')
      .set('Cookie', `marelle_staff_session=${session}`)
      .set('x-csrf-token', 'forged')
      .send({ enabled: true, message: 'piège' });
    expectFrenchError(wrong, 403, 'csrf');
    expect(await h.store.db.selectFrom('settings').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a cross-site login', async () => {
    await addFamily(h.store, 'alice@example.fr');
    const res = await supertest(h.portal)
      .post('/api/auth/login')
      .set('Origin', 'https://evil.example')
      .send({ email: 'alice@example.fr', password: PASSWORD });
    expectFrenchError(res, 403, 'csrf');
  });
});
