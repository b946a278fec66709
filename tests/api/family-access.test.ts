import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFamily, addStaff, createHarness, NOW, PASSWORD, type Harness } from '../support/harness';
import { parentClient, staffClient, type Client } from '../support/client';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

const MANDATE = { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP882', holderName: 'Bob Morel', signatureDate: '2026-11-20' };
const CHILD = { lastName: 'Morel', firstName: 'Inès', birthDate: '2017-06-01' };
const PERSON = { lastName: 'Martin', firstName: 'Jeanne', mobile: '0711223344', relationship: 'Voisine' };

interface Family {
  c: Client;
  familyId: number;
  childId: number;
  mandateId: number;
  personId: number;
}

/** A logged-in family with one child, one authorized person and one mandate. */
async function family(email: string): Promise<Family> {
  const { familyId } = await addFamily(h.store, email);
  const c = parentClient(h.portal);
  expect((await c.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
  const child = await c.post('/api/family/children', CHILD);
  expect(child.status).toBe(201);
  const childId = child.body.id as number;
  const person = await c.post(`/api/family/children/${childId}/authorized-persons`, PERSON);
  const mandate = await c.post('/api/family/mandates', MANDATE);
  return { c, familyId, childId, mandateId: mandate.body.id as number, personId: person.body.authorizedPersons[0].id as number };
}

/** Every table a family-file endpoint can touch. */
const snapshot = async () => {
  const db = h.store.db;
  return {
    families: await db.selectFrom('families').selectAll().orderBy('id').execute(),
    guardians: await db.selectFrom('guardians').selectAll().orderBy('id').execute(),
    children: await db.selectFrom('children').selectAll().orderBy('id').execute(),
    links: await db.selectFrom('family_children').selectAll().orderBy('family_id').orderBy('child_id').execute(),
    medical: await db.selectFrom('medical_records').selectAll().orderBy('child_id').execute(),
    persons: await db.selectFrom('authorized_persons').selectAll().orderBy('id').execute(),
    mandates: await db.selectFrom('sepa_mandates').selectAll().orderBy('id').execute(),
    audit: await db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
  };
};

/** The parent endpoints that take a child, mandate or person id, aimed at someone else's. */
function foreignEndpoints(other: Family): [method: 'get' | 'put' | 'post' | 'delete', url: string, body?: unknown][] {
  return [
    ['get', `/api/family/children/${other.childId}`],
    ['put', `/api/family/children/${other.childId}`, { ...CHILD, firstName: 'Piraté' }],
    ['put', `/api/family/children/${other.childId}/medical`, { allergies: 'Piraté' }],
    ['post', `/api/family/children/${other.childId}/authorized-persons`, PERSON],
    ['put', `/api/family/children/${other.childId}/authorized-persons/${other.personId}`, { ...PERSON, firstName: 'Piraté' }],
    ['delete', `/api/family/children/${other.childId}/authorized-persons/${other.personId}`],
    ['delete', `/api/family/mandates/${other.mandateId}`],
  ];
}

const send = (c: Client, method: 'get' | 'put' | 'post' | 'delete', url: string, body?: unknown) =>
  method === 'get' ? c.get(url) : c.send(method, url, body);

describe('cross-family access (every parent endpoint)', () => {
  it("another family's child, mandate and person ids answer 404 and change nothing", async () => {
    const a = await family('alice@example.fr');
    const b = await family('bob@example.fr');
    const before = await snapshot();
    for (const [method, url, body] of foreignEndpoints(b)) {
      const res = await send(a.c, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.error).toBe('not_found');
      expect(JSON.stringify(res.body)).not.toContain('Inès');
    }
    // Mixing: A's own child with B's person id.
    const mixed = await a.c.put(`/api/family/children/${a.childId}/authorized-persons/${b.personId}`, PERSON);
    expect(mixed.status).toBe(404);
    expect((await a.c.send('delete', `/api/family/children/${a.childId}/authorized-persons/${b.personId}`)).status).toBe(404);
    // Unknown ids and garbage are 404 as well.
    for (const url of ['/api/family/children/999999', '/api/family/children/abc', '/api/family/children/-1']) {
      expect((await a.c.get(url)).status, url).toBe(404);
    }
    expect((await a.c.send('delete', '/api/family/mandates/999999')).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("family-wide endpoints only ever read or write the session's family", async () => {
    const a = await family('alice@example.fr');
    const b = await family('bob@example.fr');
    const bBefore = await h.store.db.selectFrom('families').selectAll().where('id', '=', b.familyId).executeTakeFirstOrThrow();
    const bGuardians = await h.store.db.selectFrom('guardians').selectAll().where('family_id', '=', b.familyId).execute();

    const file = await a.c.get('/api/family');
    expect(file.body.family.id).toBe(a.familyId);
    expect(file.body.children.map((c: { id: number }) => c.id)).toEqual([a.childId]);
    expect(file.body.mandates.map((m: { id: number }) => m.id)).toEqual([a.mandateId]);

    // No body field can point elsewhere: ids are refused as unknown fields.
    expect((await a.c.put('/api/family/profile', { lastName: 'X', firstName: 'Y', familyId: b.familyId })).status).toBe(400);
    expect((await a.c.put('/api/family/household', { qf: 1, familyId: b.familyId })).status).toBe(400);
    await a.c.put('/api/family/profile', { lastName: 'Durand', firstName: 'Alice', city: 'Iffendic' });
    await a.c.put('/api/family/conjoint', { lastName: 'Durand', firstName: 'Marc' });
    await a.c.put('/api/family/household', { qf: 123 });
    await a.c.send('delete', '/api/family/conjoint');
    await a.c.post('/api/family/submit');

    expect(await h.store.db.selectFrom('families').selectAll().where('id', '=', b.familyId).executeTakeFirstOrThrow()).toEqual(bBefore);
    expect(await h.store.db.selectFrom('guardians').selectAll().where('family_id', '=', b.familyId).execute()).toEqual(bGuardians);
    const audit = await h.store.db.selectFrom('audit_log').select(['family_id', 'actor_label']).execute();
    expect(audit.filter((e) => e.actor_label === 'alice@example.fr').every((e) => e.family_id === a.familyId)).toBe(true);
  });

  it('every parent endpoint needs a session (401), and the CSRF token on writes', async () => {
    const a = await family('alice@example.fr');
    const anonymous: [method: 'get' | 'put' | 'post' | 'delete', url: string][] = [
      ['get', '/api/family'],
      ['put', '/api/family/profile'],
      ['put', '/api/family/conjoint'],
      ['delete', '/api/family/conjoint'],
      ['put', '/api/family/household'],
      ['post', '/api/family/mandates'],
      ['delete', `/api/family/mandates/${a.mandateId}`],
      ['post', '/api/family/children'],
      ['get', `/api/family/children/${a.childId}`],
      ['put', `/api/family/children/${a.childId}`],
      ['put', `/api/family/children/${a.childId}/medical`],
      ['post', `/api/family/children/${a.childId}/authorized-persons`],
      ['put', `/api/family/children/${a.childId}/authorized-persons/${a.personId}`],
      ['delete', `/api/family/children/${a.childId}/authorized-persons/${a.personId}`],
      ['post', '/api/family/submit'],
    ];
    for (const [method, url] of anonymous) {
      const res = await supertest(h.portal)[method](url).send({});
      expect(res.status, `${method} ${url}`).toBe(401);
    }
    const noCsrf = await supertest(h.portal)
      .put('/api/family/household')
      .set('Cookie', `marelle_session=${a.c.cookie('marelle_session')}`)
      .send({ qf: 1 });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error).toBe('csrf');
  });
});

describe('shared custody (garde alternée)', () => {
  it('a child linked to two families is visible and editable by both, not by a third', async () => {
    const b = await family('bob@example.fr');
    const { familyId: cFamilyId } = await addFamily(h.store, 'carole@example.fr');
    await h.store.db.insertInto('family_children').values({ family_id: cFamilyId, child_id: b.childId, linked_at: NOW }).execute();
    const carole = parentClient(h.portal);
    await carole.post('/api/auth/login', { email: 'carole@example.fr', password: PASSWORD });
    const a = await family('alice@example.fr');

    // Both families see the child, flagged as shared.
    for (const c of [b.c, carole]) {
      const file = await c.get('/api/family');
      expect(file.body.children).toEqual([expect.objectContaining({ id: b.childId, sharedCustody: true })]);
      expect((await c.get(`/api/family/children/${b.childId}`)).body).toMatchObject({ id: b.childId, sharedCustody: true });
    }
    // Carole edits the child, its medical record and its persons; Bob sees her changes.
    expect((await carole.put(`/api/family/children/${b.childId}`, { ...CHILD, school: 'École Sainte-Anne' })).status).toBe(200);
    expect((await carole.put(`/api/family/children/${b.childId}/medical`, { allergies: 'Pollen' })).status).toBe(200);
    expect((await carole.put(`/api/family/children/${b.childId}/authorized-persons/${b.personId}`, { ...PERSON, relationship: 'Tante' })).status).toBe(200);
    const seenByBob = await b.c.get(`/api/family/children/${b.childId}`);
    expect(seenByBob.body).toMatchObject({ school: 'École Sainte-Anne', medical: { allergies: 'Pollen' } });
    expect(seenByBob.body.authorizedPersons[0].relationship).toBe('Tante');
    // Bob edits too.
    expect((await b.c.put(`/api/family/children/${b.childId}/medical`, { diet: 'sans_gluten' })).status).toBe(200);
    expect((await carole.get(`/api/family/children/${b.childId}`)).body.medical).toMatchObject({ allergies: 'Pollen', diet: 'sans_gluten' });
    // The 4-person limit is per child, whichever family adds them.
    for (let i = 0; i < 3; i++) expect((await carole.post(`/api/family/children/${b.childId}/authorized-persons`, PERSON)).status).toBe(201);
    expect((await b.c.post(`/api/family/children/${b.childId}/authorized-persons`, PERSON)).status).toBe(409);

    // Each family's audit entries carry its own family id and actor.
    const audit = await h.store.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'child').where('action', '=', 'child.updated').execute();
    expect(audit).toEqual([expect.objectContaining({ family_id: cFamilyId, actor_label: 'carole@example.fr', entity_id: b.childId })]);

    // A third family gets 404 everywhere, and nothing changes.
    const before = await snapshot();
    for (const [method, url, body] of foreignEndpoints(b)) {
      expect((await send(a.c, method, url, body)).status, `${method} ${url}`).toBe(404);
    }
    expect((await a.c.get('/api/family')).body.children.map((c: { id: number }) => c.id)).toEqual([a.childId]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('staff routes are scoped by the family in the URL', () => {
  it("a child, person or mandate of another family answers 404 under /api/staff/families/:id", async () => {
    const a = await family('alice@example.fr');
    const b = await family('bob@example.fr');
    await addStaff(h.store, 'agent@mairie.test', 'agent');
    const agent = staffClient(h.backoffice);
    await agent.post('/api/staff/auth/login', { email: 'agent@mairie.test', password: PASSWORD });
    const before = await snapshot();
    const base = `/api/staff/families/${a.familyId}`;
    const wrong: [method: 'get' | 'put' | 'post' | 'delete', url: string, body?: unknown][] = [
      ['get', `${base}/children/${b.childId}`],
      ['put', `${base}/children/${b.childId}`, CHILD],
      ['put', `${base}/children/${b.childId}/medical`, { allergies: 'x' }],
      ['post', `${base}/children/${b.childId}/authorized-persons`, PERSON],
      ['put', `${base}/children/${a.childId}/authorized-persons/${b.personId}`, PERSON],
      ['delete', `${base}/children/${a.childId}/authorized-persons/${b.personId}`],
      ['delete', `${base}/mandates/${b.mandateId}`],
    ];
    for (const [method, url, body] of wrong) {
      const res = await send(agent, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('non-numeric segments after /api/staff/families are left to the other staff routes', async () => {
    await addStaff(h.store, 'agent@mairie.test', 'agent');
    const agent = staffClient(h.backoffice);
    await agent.post('/api/staff/auth/login', { email: 'agent@mairie.test', password: PASSWORD });
    const res = await agent.get('/api/staff/families/queue');
    expect(res.body.message).not.toBe('Cette famille est introuvable.');
  });
});
