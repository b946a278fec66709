import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ftsPrefixQuery, searchTerms } from '../../shared/db/family-search';
import { openStore } from '../../shared/db/store';
import type { FamilyStatus } from '../../shared/db/tables/families.table';
import { generateFamilies } from '../../shared/demo/generate';
import { searchFamilies } from '../../shared/validation/search';
import { parentClient, staffClient, type Client } from '../support/client';
import { addFamily, addStaff, createHarness, NOW, PASSWORD, type Harness } from '../support/harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

interface FamilySpec {
  lastName: string;
  firstName?: string;
  civility?: 'M.' | 'Mme' | null;
  email?: string | null;
  guardianEmail?: string | null;
  phone?: string | null;
  status?: FamilyStatus;
  submittedAt?: string | null;
  children?: [firstName: string, lastName?: string][];
  conjoint?: { lastName: string; firstName: string; phone?: string };
}

/** A family as it would be after its parents filled the file (login optional). */
async function family(spec: FamilySpec): Promise<{ familyId: number; childIds: number[] }> {
  return h.store.db.transaction().execute(async (trx) => {
    const f = await trx
      .insertInto('families')
      .values({
        status: spec.status ?? 'awaiting_validation',
        status_reason: null,
        qf: 800,
        qf_valid_until: null,
        caf_number: null,
        allocataire_name: null,
        dependants_count: null,
        ical_token: null,
        submitted_at: spec.submittedAt ?? null,
        validated_at: null,
        validated_by: null,
        created_at: NOW,
        updated_at: NOW,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const guardian = (role: 'responsable' | 'conjoint', lastName: string, firstName: string, email: string | null, phone: string | null) =>
      trx
        .insertInto('guardians')
        .values({ family_id: f.id, role, civility: role === 'responsable' ? (spec.civility ?? null) : null, last_name: lastName, first_name: firstName, birth_date: null, email, phone_mobile: phone, phone_home: null, address_line1: '1 rue de la Mairie', address_line2: null, postal_code: '35000', city: 'Rennes', employer: null, profession: null, phone_work: null, created_at: NOW, updated_at: NOW })
        .execute();
    await guardian('responsable', spec.lastName, spec.firstName ?? 'Claire', spec.guardianEmail ?? spec.email ?? null, spec.phone ?? null);
    if (spec.conjoint) await guardian('conjoint', spec.conjoint.lastName, spec.conjoint.firstName, null, spec.conjoint.phone ?? null);
    if (spec.email) {
      await trx
        .insertInto('portal_accounts')
        .values({ family_id: f.id, email: spec.email, password_hash: 'x', email_verified_at: NOW, created_at: NOW, last_login_at: null })
        .execute();
    }
    const childIds: number[] = [];
    for (const [i, [firstName, lastName]] of (spec.children ?? []).entries()) {
      const c = await trx
        .insertInto('children')
        .values({ last_name: lastName ?? spec.lastName, first_name: firstName, birth_date: `201${i}-03-01`, sex: null, school: null, class_level: null, notes: null, created_at: NOW, updated_at: NOW })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('family_children').values({ family_id: f.id, child_id: c.id, linked_at: NOW }).execute();
      childIds.push(c.id);
    }
    return { familyId: f.id, childIds };
  });
}

async function staff(role: 'admin' | 'agent' | 'animateur' = 'agent'): Promise<{ client: Client; id: number }> {
  const email = `${role}@mairie.test`;
  const id = await addStaff(h.store, email, role);
  const client = staffClient(h.backoffice);
  expect((await client.post('/api/staff/auth/login', { email, password: PASSWORD })).status).toBe(200);
  return { client, id };
}

const outbox = () => h.store.db.selectFrom('email_outbox').selectAll().orderBy('id').execute();
const familyRow = (id: number) => h.store.db.selectFrom('families').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const ids = (res: supertest.Response): number[] => res.body.items.map((i: { id: number }) => i.id);

describe('validation queue', () => {
  it('lists families awaiting validation, oldest submission first, with contact and children', async () => {
    const late = await family({ lastName: 'Bernard', email: 'bernard@example.fr', submittedAt: '2026-11-25T18:00:00.000Z', children: [['Lina']] });
    const early = await family({ lastName: 'Petit', email: 'petit@example.fr', phone: '06 39 98 11 22', submittedAt: '2026-11-20T08:00:00.000Z', children: [['Hugo'], ['Emma']] });
    const middle = await family({ lastName: 'Roux', email: null, guardianEmail: 'roux@example.fr', submittedAt: '2026-11-22T08:00:00.000Z' });
    await family({ lastName: 'Faure', status: 'validated', submittedAt: '2026-11-01T08:00:00.000Z' });
    await family({ lastName: 'Blanc', status: 'profile_incomplete' });
    const { client } = await staff('agent');

    const res = await client.get('/api/staff/families/queue');
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([early.familyId, middle.familyId, late.familyId]);
    expect(res.body.items[0]).toEqual({
      id: early.familyId,
      displayName: 'Famille Petit',
      status: 'awaiting_validation',
      email: 'petit@example.fr',
      phone: '06 39 98 11 22',
      children: [
        { id: early.childIds[0], firstName: 'Hugo', lastName: 'Petit' },
        { id: early.childIds[1], firstName: 'Emma', lastName: 'Petit' },
      ],
      submittedAt: '2026-11-20T08:00:00.000Z',
    });
    // Without a portal login, the responsable's address.
    expect(res.body.items[1]).toMatchObject({ email: 'roux@example.fr', phone: null, children: [] });
  });
});

describe('validate and reject a family file', () => {
  it('validates a file awaiting validation: reservations open, e-mail sent, audited', async () => {
    const { familyId } = await family({ lastName: 'Petit', civility: 'Mme', email: 'petit@example.fr', submittedAt: '2026-11-20T08:00:00.000Z', children: [['Hugo']] });
    const { client, id: staffId } = await staff('agent');

    const res = await client.post(`/api/staff/families/${familyId}/validate`);
    expect(res.status).toBe(200);
    expect(res.body.family).toMatchObject({ id: familyId, status: 'validated', reservationsOpen: true, validatedAt: new Date(NOW).toISOString(), statusReason: null });
    expect(res.body.children).toHaveLength(1);
    const row = await familyRow(familyId);
    expect(row).toMatchObject({ status: 'validated', validated_by: staffId, validated_at: new Date(NOW).toISOString() });

    const mails = await outbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_address).toBe('petit@example.fr');
    expect(mails[0]!.subject).toMatch(/^Votre compte famille est validé/);
    expect(mails[0]!.text_body).toMatch(/Bonjour Madame Petit/);
    expect(mails[0]!.text_body).toMatch(/Votre compte est validé/);
    expect(mails[0]!.text_body).toMatch(/accéder à la partie « Réservations »/);
    expect(mails[0]!.text_body).toContain(h.deps.config.publicUrl);

    const audit = await client.get(`/api/staff/families/${familyId}/audit`);
    expect(audit.body.items[0]).toMatchObject({ action: 'family.validated', actorLabel: 'Test agent', entityType: 'family', entityId: familyId, changes: { status: ['awaiting_validation', 'validated'] } });

    // A second click changes nothing and says why.
    h.clock.advance(60_000);
    const again = await client.post(`/api/staff/families/${familyId}/validate`, {});
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: 'conflict', message: 'Ce dossier ne peut pas être validé : il est déjà validé.' });
    expect(await familyRow(familyId)).toEqual(row);
    expect(await outbox()).toHaveLength(1);
    expect((await client.get(`/api/staff/families/${familyId}/audit`)).body.items).toHaveLength(1);
  });

  it('lets the parent into Réservations once validated', async () => {
    const { familyId } = await addFamily(h.store, 'alice@example.fr', 'awaiting_validation');
    const parent = parentClient(h.portal);
    await parent.post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD });
    expect((await parent.get('/api/me')).body.family.reservationsOpen).toBe(false);
    const { client } = await staff('admin');
    expect((await client.post(`/api/staff/families/${familyId}/validate`)).status).toBe(200);
    expect((await parent.get('/api/me')).body.family).toMatchObject({ status: 'validated', reservationsOpen: true });
  });

  it('validates and rejects only from awaiting_validation', async () => {
    const { client } = await staff('agent');
    for (const status of ['profile_incomplete', 'email_unverified', 'rejected', 'suspended', 'archived'] as const) {
      const { familyId } = await family({ lastName: 'Blanc', status });
      const before = await familyRow(familyId);
      const v = await client.post(`/api/staff/families/${familyId}/validate`);
      expect(v.status, status).toBe(409);
      expect(v.body.message).toMatch(/^Ce dossier ne peut pas être validé : /);
      const r = await client.post(`/api/staff/families/${familyId}/reject`, { reason: 'Pièce manquante' });
      expect(r.status, status).toBe(409);
      expect(r.body.message).toMatch(/^Ce dossier ne peut pas être refusé : /);
      expect(await familyRow(familyId)).toEqual(before);
    }
    expect(await outbox()).toHaveLength(0);
    expect((await client.post('/api/staff/families/9999/validate')).status).toBe(404);
    expect((await client.post('/api/staff/families/abc/validate')).status).toBe(404);
    expect((await client.post('/api/staff/families/9999/reject', { reason: 'x' })).status).toBe(404);
  });

  it('rejects with a reason: status, portal message and e-mail carry it', async () => {
    const { familyId } = await family({ lastName: 'Roux', civility: 'M.', email: 'roux@example.fr', submittedAt: '2026-11-20T08:00:00.000Z' });
    const { client } = await staff('agent');
    expect((await client.post(`/api/staff/families/${familyId}/reject`)).status).toBe(400);
    expect((await client.post(`/api/staff/families/${familyId}/reject`, { reason: '  ' })).body.message).toMatch(/Indiquez le motif/);
    expect((await client.post(`/api/staff/families/${familyId}/reject`, { reason: 'x'.repeat(501) })).body.message).toMatch(/500 caractères/);
    expect((await client.post(`/api/staff/families/${familyId}/reject`, { reason: 'ok', other: 1 })).status).toBe(400);
    expect((await familyRow(familyId)).status).toBe('awaiting_validation');

    const reason = "L'attestation d'assurance est celle de l'an dernier.";
    const res = await client.post(`/api/staff/families/${familyId}/reject`, { reason: `  ${reason} ` });
    expect(res.status).toBe(200);
    expect(res.body.family).toMatchObject({ status: 'rejected', statusReason: reason, reservationsOpen: false });
    expect(res.body.family.statusMessage).toContain(reason);
    const mails = await outbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_address).toBe('roux@example.fr');
    expect(mails[0]!.subject).toMatch(/n’a pas été validé/);
    expect(mails[0]!.text_body).toMatch(/Bonjour Monsieur Roux/);
    expect(mails[0]!.text_body).toContain(reason);
    expect(mails[0]!.text_body).toMatch(/transmettez-le de nouveau/);

    const twice = await client.post(`/api/staff/families/${familyId}/reject`, { reason: 'encore' });
    expect(twice.status).toBe(409);
    expect((await familyRow(familyId)).status_reason).toBe(reason);
  });

  it('validates a family created at the desk without any e-mail address, sending nothing', async () => {
    const { familyId } = await family({ lastName: 'Sans', email: null, guardianEmail: null });
    const { client } = await staff('agent');
    expect((await client.post(`/api/staff/families/${familyId}/validate`)).status).toBe(200);
    expect(await outbox()).toHaveLength(0);
  });
});

describe('family search', () => {
  async function fixtures() {
    const lefevre = await family({ lastName: 'Lefèvre', firstName: 'Nicolas', email: 'nicolas.lefevre@example.fr', phone: '06 39 98 58 91', status: 'validated', children: [['Zoé'], ['Léo']] });
    const ndiaye = await family({ lastName: "N'Diaye", firstName: 'Awa', email: 'awa.ndiaye@example.fr', phone: '06 39 98 12 34', conjoint: { lastName: 'Martin', firstName: 'Éric' }, children: [['Moussa']] });
    const legall = await family({ lastName: 'Le Gall', firstName: 'Anne-Sophie', email: 'asl@example.fr', phone: '02 61 91 00 01', status: 'validated', children: [['Jade', 'Moreau']] });
    const durand = await family({ lastName: 'Durand', firstName: 'Alice', email: 'alice.durand@example.fr', phone: '06 39 98 77 66', status: 'rejected' });
    return { lefevre, ndiaye, legall, durand };
  }

  it('finds by accent-less, case-insensitive name prefixes, child names, phone digits and e-mail prefixes', async () => {
    const f = await fixtures();
    const { client } = await staff('agent');
    const search = async (q: string) => {
      const res = await client.get(`/api/staff/families?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      return ids(res);
    };
    expect(await search('lefevre')).toEqual([f.lefevre.familyId]);
    expect(await search('LEFÈ')).toEqual([f.lefevre.familyId]);
    expect(await search('lef')).toEqual([f.lefevre.familyId]);
    expect(await search('zoe')).toEqual([f.lefevre.familyId]); // a child
    expect(await search('moussa')).toEqual([f.ndiaye.familyId]);
    expect(await search('eric')).toEqual([f.ndiaye.familyId]); // the conjoint
    expect(await search('ndiaye')).toEqual([f.ndiaye.familyId]);
    expect(await search("n'diaye")).toEqual([f.ndiaye.familyId]);
    expect(await search('legall')).toEqual([f.legall.familyId]);
    expect(await search('le gall')).toEqual([f.legall.familyId]);
    expect(await search('moreau')).toEqual([f.legall.familyId]); // a child with another name
    expect(await search('anne-so')).toEqual([f.legall.familyId]);
    expect(await search('06 39 98 58')).toEqual([f.lefevre.familyId]);
    expect(await search('0639981234')).toEqual([f.ndiaye.familyId]);
    expect(await search('06.39.98.77.66')).toEqual([f.durand.familyId]);
    expect((await search('063998')).sort()).toEqual([f.lefevre.familyId, f.ndiaye.familyId, f.durand.familyId].sort());
    expect(await search('alice.dur')).toEqual([f.durand.familyId]);
    expect(await search('awa.ndiaye@example.fr')).toEqual([f.ndiaye.familyId]);
    expect(await search('durand alice')).toEqual([f.durand.familyId]);
    expect(await search('durand zoe')).toEqual([]);
    expect(await search('xyz')).toEqual([]);
    // Results in name order; each word must match.
    expect(await search('example')).toEqual([f.durand.familyId, f.legall.familyId, f.lefevre.familyId, f.ndiaye.familyId]);
  });

  it('filters by status, lists without a query, bounds the results to 50', async () => {
    const f = await fixtures();
    const { client } = await staff('admin');
    expect(ids(await client.get('/api/staff/families?status=validated'))).toEqual([f.legall.familyId, f.lefevre.familyId]);
    expect(ids(await client.get('/api/staff/families?q=example&status=rejected'))).toEqual([f.durand.familyId]);
    expect(ids(await client.get('/api/staff/families?q=&status='))).toHaveLength(4);
    expect(ids(await client.get('/api/staff/families?limit=2'))).toHaveLength(2);
    expect((await client.get('/api/staff/families?limit=51')).status).toBe(400);
    expect((await client.get('/api/staff/families?limit=0')).status).toBe(400);
    expect((await client.get('/api/staff/families?status=perdu')).status).toBe(400);
    for (let i = 0; i < 60; i++) await family({ lastName: `Martin${i}` });
    expect(ids(await client.get('/api/staff/families?q=martin'))).toHaveLength(50);
    expect(ids(await client.get('/api/staff/families'))).toHaveLength(50);
  });

  it('treats typed punctuation and FTS syntax as plain text', async () => {
    await fixtures();
    const { client } = await staff('agent');
    for (const q of ['"', '*', 'lef*', 'NEAR(a b)', 'a OR b', '^lef', '(', '@', '-', 'lef"evre', 'x'.repeat(200)]) {
      const res = await client.get(`/api/staff/families?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    expect(ids(await client.get(`/api/staff/families?q=${encodeURIComponent('lef*')}`))).toHaveLength(1);
    expect(ids(await client.get(`/api/staff/families?q=${encodeURIComponent('@')}`))).toEqual([]);
    expect((await client.get(`/api/staff/families?q=${'x'.repeat(201)}`)).status).toBe(400);
  });

  it('keeps the index in step with the family file', async () => {
    const f = await fixtures();
    const { client } = await staff('agent');
    const search = async (q: string) => ids(await client.get(`/api/staff/families?q=${encodeURIComponent(q)}`));
    const vidal = await family({ lastName: 'Vidal', firstName: 'Paul', phone: '06 11 22 33 44' });
    expect(await search('vidal')).toEqual([vidal.familyId]);
    await h.store.db.updateTable('guardians').set({ last_name: 'Bonnet', phone_mobile: '07 55 44 33 22' }).where('family_id', '=', vidal.familyId).execute();
    expect(await search('bonnet')).toEqual([vidal.familyId]);
    expect(await search('0755')).toEqual([vidal.familyId]);
    expect(await search('vidal')).toEqual([]);
    expect(await search('0611')).toEqual([]);
    await h.store.db.updateTable('children').set({ first_name: 'Chloé' }).where('id', '=', f.lefevre.childIds[0]!).execute();
    expect(await search('chloe')).toEqual([f.lefevre.familyId]);
    expect(await search('zoe')).toEqual([]);
    await h.store.db.updateTable('portal_accounts').set({ email: 'nouvelle.adresse@example.fr' }).where('family_id', '=', f.durand.familyId).execute();
    expect(await search('nouvelle')).toEqual([f.durand.familyId]);
    await h.store.db.deleteFrom('guardians').where('family_id', '=', f.ndiaye.familyId).where('role', '=', 'conjoint').execute();
    expect(await search('eric')).toEqual([]);
    await h.store.db.deleteFrom('family_children').where('family_id', '=', f.ndiaye.familyId).execute();
    expect(await search('moussa')).toEqual([]);
    await h.store.db.deleteFrom('families').where('id', '=', f.legall.familyId).execute();
    expect(await search('legall')).toEqual([]);
    expect((await h.store.db.selectFrom('family_search').select('rowid').execute()).map((r) => r.rowid).sort()).toEqual(
      [f.lefevre.familyId, f.ndiaye.familyId, f.durand.familyId, vidal.familyId].sort(),
    );
  });

  // Speed is measured in bench/ (npm run bench), not here: this checks correctness at scale.
  it('finds the right family and caps the results at 5,000 families', async () => {
    const store = openStore({ file: ':memory:' });
    try {
      await generateFamilies(store, 5000, new Date(NOW));
      expect((await searchFamilies(store.db, { q: 'famille4999@example' })).map((r) => r.email)).toEqual(['famille4999@example.fr']);
      expect(await searchFamilies(store.db, { q: 'd' })).toHaveLength(50);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('turns what staff type into prefix terms', () => {
    expect(searchTerms('  Lefèvre  Zoé ')).toEqual(['Lefèvre', 'Zoé']);
    expect(searchTerms('06 39 98 12')).toEqual(['06399812']);
    expect(searchTerms('durand 06 39')).toEqual(['durand', '0639']);
    expect(searchTerms('alice.durand@ex')).toEqual(['alice', 'durand', 'ex']);
    expect(searchTerms('"NEAR(*)"')).toEqual(['NEAR']);
    expect(ftsPrefixQuery(['lef', 'zo'])).toBe('"lef"* "zo"*');
  });
});

describe('audit of a family file', () => {
  it('lists the history newest first, and 404 for an unknown family', async () => {
    const { familyId } = await family({ lastName: 'Petit', email: 'petit@example.fr' });
    const { client } = await staff('agent');
    await client.post(`/api/staff/families/${familyId}/reject`, { reason: 'Pièce manquante' });
    h.clock.advance(60_000);
    await h.store.db.updateTable('families').set({ status: 'awaiting_validation' }).where('id', '=', familyId).execute();
    await client.post(`/api/staff/families/${familyId}/validate`);
    const res = await client.get(`/api/staff/families/${familyId}/audit`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { action: string }) => i.action)).toEqual(['family.validated', 'family.rejected']);
    expect(res.body.items[1]).toEqual({
      at: new Date(NOW).toISOString(),
      actorLabel: 'Test agent',
      action: 'family.rejected',
      entityType: 'family',
      entityId: familyId,
      changes: { status: ['awaiting_validation', 'rejected'], statusReason: [null, 'Pièce manquante'] },
    });
    expect((await client.get('/api/staff/families/9999/audit')).status).toBe(404);
  });
});

describe('shared custody (garde alternée)', () => {
  it('links a child to a second family: both see it, a third is refused, both audits record it', async () => {
    const mother = await addFamily(h.store, 'mere@example.fr');
    const father = await addFamily(h.store, 'pere@example.fr');
    const other = await family({ lastName: 'Autre' });
    const child = await h.store.db
      .insertInto('children')
      .values({ last_name: 'Durand', first_name: 'Lou', birth_date: '2017-05-04', sex: 'F', school: null, class_level: null, notes: null, created_at: NOW, updated_at: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.store.db.insertInto('family_children').values({ family_id: mother.familyId, child_id: child.id, linked_at: NOW }).execute();
    await h.store.db.updateTable('guardians').set({ last_name: 'Bernard' }).where('family_id', '=', father.familyId).execute();
    const { client } = await staff('agent');

    const res = await client.post(`/api/staff/children/${child.id}/families`, { familyId: father.familyId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      families: [
        { id: mother.familyId, displayName: 'Famille Durand' },
        { id: father.familyId, displayName: 'Famille Bernard' },
      ],
    });

    for (const email of ['mere@example.fr', 'pere@example.fr']) {
      const parent = parentClient(h.portal);
      await parent.post('/api/auth/login', { email, password: PASSWORD });
      const file = await parent.get('/api/family');
      expect(file.status).toBe(200);
      expect(file.body.children).toMatchObject([{ id: child.id, firstName: 'Lou', sharedCustody: true }]);
    }

    const third = await client.post(`/api/staff/children/${child.id}/families`, { familyId: other.familyId });
    expect(third.status).toBe(409);
    expect(third.body.message).toMatch(/plus de deux familles/);
    const same = await client.post(`/api/staff/children/${child.id}/families`, { familyId: father.familyId });
    expect(same.status).toBe(409);
    expect(same.body.message).toBe('Cet enfant est déjà rattaché à cette famille.');
    expect(await h.store.db.selectFrom('family_children').selectAll().where('child_id', '=', child.id).execute()).toHaveLength(2);

    for (const familyId of [mother.familyId, father.familyId]) {
      const audit = await client.get(`/api/staff/families/${familyId}/audit`);
      expect(audit.body.items[0]).toMatchObject({
        action: 'child.custody_linked',
        entityType: 'child',
        entityId: child.id,
        changes: { families: [[mother.familyId], [mother.familyId, father.familyId]] },
      });
    }
    expect((await client.get(`/api/staff/families/${other.familyId}/audit`)).body.items).toEqual([]);
    expect((await client.get(`/api/staff/families?q=lou`)).body.items.map((i: { id: number }) => i.id).sort()).toEqual([mother.familyId, father.familyId].sort());
  });

  it('answers 404 for an unknown child or family and 400 for a bad body', async () => {
    const { familyId, childIds } = await family({ lastName: 'Petit', children: [['Hugo']] });
    const { client } = await staff('agent');
    expect((await client.post('/api/staff/children/9999/families', { familyId })).status).toBe(404);
    expect((await client.post(`/api/staff/children/${childIds[0]}/families`, { familyId: 9999 })).status).toBe(404);
    expect((await client.post(`/api/staff/children/${childIds[0]}/families`, {})).status).toBe(400);
    expect((await client.post(`/api/staff/children/${childIds[0]}/families`, { familyId: '2' })).status).toBe(400);
  });
});

describe('roles', () => {
  const ENDPOINTS: [method: 'get' | 'post', url: string, body?: unknown][] = [
    ['get', '/api/staff/families?q=durand'],
    ['get', '/api/staff/families/queue'],
    ['post', '/api/staff/families/1/validate'],
    ['post', '/api/staff/families/1/reject', { reason: 'x' }],
    ['get', '/api/staff/families/1/audit'],
    ['post', '/api/staff/children/1/families', { familyId: 2 }],
  ];

  it('animateurs get 403 everywhere here, and nothing changes', async () => {
    const { familyId } = await family({ lastName: 'Petit', email: 'petit@example.fr', children: [['Hugo']] });
    await family({ lastName: 'Roux' });
    expect(familyId).toBe(1);
    const { client } = await staff('animateur');
    for (const [method, url, body] of ENDPOINTS) {
      const res = method === 'get' ? await client.get(url) : await client.post(url, body);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.body.error).toBe('forbidden');
    }
    expect((await familyRow(familyId)).status).toBe('awaiting_validation');
    expect(await h.store.db.selectFrom('family_children').selectAll().execute()).toHaveLength(1);
    expect(await outbox()).toHaveLength(0);
  });

  it('parents and strangers get 401', async () => {
    await addFamily(h.store, 'alice@example.fr', 'awaiting_validation');
    const parent = parentClient(h.portal);
    await parent.post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD });
    const token = parent.cookie('marelle_session')!;
    const csrf = parent.cookie('marelle_csrf')!;
    for (const [method, url, body] of ENDPOINTS) {
      let req = supertest(h.backoffice)[method](url).set('Cookie', `marelle_staff_session=${token}; marelle_staff_csrf=${csrf}`).set('x-csrf-token', csrf);
      if (body) req = req.send(body as object);
      expect((await req).status, `${method} ${url}`).toBe(401);
      const anonymous = method === 'get' ? await supertest(h.backoffice).get(url) : await supertest(h.backoffice).post(url).send((body ?? {}) as object);
      expect(anonymous.status, `${method} ${url}`).toBe(401);
    }
    expect((await h.store.db.selectFrom('families').select('status').executeTakeFirstOrThrow()).status).toBe('awaiting_validation');
  });
});
