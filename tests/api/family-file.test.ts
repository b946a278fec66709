import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FamilyStatus } from '../../shared/db/tables/families.table';
import { addFamily, addStaff, createHarness, NOW, PASSWORD, type Harness } from '../support/harness';
import { parentClient, staffClient, type Client } from '../support/client';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

const IBAN = 'FR7630006000011234567890189';
const MANDATE = { iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP882', holderName: 'Alice Durand', signatureDate: '2026-11-20' };
const CHILD = { lastName: 'Durand', firstName: 'Léo', birthDate: '2018-03-14', sex: 'M', school: 'École du Pont', classLevel: 'CE2' };
const PERSON = { lastName: 'Martin', firstName: 'Jeanne', mobile: '0711223344', relationship: 'Grand-mère' };
const PROFILE = {
  civility: 'Mme',
  lastName: 'Durand',
  firstName: 'Alice',
  birthDate: '1988-05-02',
  phoneMobile: '+33 6 12 34 56 78',
  addressLine1: '3 rue de Brocéliande',
  postalCode: '35750',
  city: 'Iffendic',
  employer: 'Mairie de Montfort',
  phoneWork: '02.99.09.00.17',
};

async function parent(email: string, status?: FamilyStatus): Promise<{ c: Client; familyId: number; accountId: number }> {
  const { familyId, accountId } = await addFamily(h.store, email);
  const c = parentClient(h.portal);
  const login = await c.post('/api/auth/login', { email, password: PASSWORD });
  expect(login.status).toBe(200);
  if (status) await h.store.db.updateTable('families').set({ status }).where('id', '=', familyId).execute();
  return { c, familyId, accountId };
}

async function staff(role: 'admin' | 'agent' | 'animateur' = 'agent'): Promise<Client> {
  const email = `${role}@mairie.test`;
  await addStaff(h.store, email, role);
  const c = staffClient(h.backoffice);
  expect((await c.post('/api/staff/auth/login', { email, password: PASSWORD })).status).toBe(200);
  return c;
}

const auditRows = () => h.store.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
const countOf = async (table: 'children' | 'authorized_persons' | 'sepa_mandates' | 'guardians' | 'medical_records') =>
  (await h.store.db.selectFrom(table).selectAll().execute()).length;

async function addAttestation(familyId: number, schoolYear = '2026-2027', status: 'transmitted' | 'refused' = 'transmitted') {
  await h.store.db
    .insertInto('documents')
    .values({
      family_id: familyId, child_id: null, type: 'attestation_responsabilite_civile', file_name: 'attestation.pdf',
      mime_type: 'application/pdf', size_bytes: 1000, storage_key: `k-${familyId}-${schoolYear}-${status}`, sha256: 'x',
      status, refusal_reason: null, school_year: schoolYear, valid_until: null, uploaded_by_account_id: null,
      uploaded_by_staff_id: null, uploaded_at: NOW, reviewed_by: null, reviewed_at: null,
    })
    .execute();
}

function expectFrench(res: supertest.Response, status: number, code: string, message?: string | RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error).toBe(code);
  if (message instanceof RegExp) expect(res.body.message).toMatch(message);
  else if (message) expect(res.body.message).toBe(message);
}

describe('GET /api/family', () => {
  it('answers the whole FamilyFile, every field present', async () => {
    const { c, familyId } = await parent('alice@example.fr');
    const res = await c.get('/api/family');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(
      ['account', 'children', 'completeness', 'conjoint', 'documents', 'family', 'household', 'mandates', 'responsable'].sort(),
    );
    expect(res.body.family).toMatchObject({ id: familyId, status: 'validated', reservationsOpen: true, submittedAt: null });
    expect(res.body.account).toEqual({ email: 'alice@example.fr' });
    expect(res.body.responsable).toMatchObject({ role: 'responsable', lastName: 'Durand', firstName: 'Alice', phoneMobile: null });
    expect(res.body.conjoint).toBeNull();
    expect(res.body.household).toEqual({
      qf: 800, qfValidUntil: null, cafNumber: null, allocataireName: null, dependantsCount: null, outsideCommune: false, invoiceDelivery: 'email_pdf',
    });
    expect(res.body.completeness.complete).toBe(false);
  });

  it('needs a parent session', async () => {
    expectFrench(await supertest(h.portal).get('/api/family'), 401, 'unauthenticated');
  });
});

describe('profile and conjoint (ÉTAPE 2, Mon profil, Mon foyer)', () => {
  it('saves the profile with normalised phones and audits only the changed fields', async () => {
    const { c, familyId, accountId } = await parent('alice@example.fr', 'profile_incomplete');
    const res = await c.put('/api/family/profile', PROFILE);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.responsable).toMatchObject({
      lastName: 'Durand', firstName: 'Alice', phoneMobile: '06 12 34 56 78', phoneWork: '02 99 09 00 17', postalCode: '35750', city: 'Iffendic',
    });
    const [entry] = await auditRows();
    expect(entry).toMatchObject({ action: 'responsable.updated', entity_type: 'guardian', family_id: familyId, actor_type: 'parent', actor_id: accountId, actor_label: 'alice@example.fr' });
    const changes = JSON.parse(entry!.changes!);
    expect(changes.phoneMobile).toEqual([null, '06 12 34 56 78']);
    expect(changes.city).toEqual([null, 'Iffendic']);
    // Unchanged fields are not in the diff.
    expect(changes.lastName).toBeUndefined();
    expect(changes.firstName).toBeUndefined();

    // Saving the same thing again changes nothing and writes no entry; absent fields stay as they are.
    await c.put('/api/family/profile', PROFILE);
    const partial = await c.put('/api/family/profile', { lastName: 'Durand', firstName: 'Alice', city: 'Montfort-sur-Meu' });
    expect(partial.body.responsable).toMatchObject({ city: 'Montfort-sur-Meu', phoneMobile: '06 12 34 56 78' });
    const entries = await auditRows();
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[1]!.changes!)).toEqual({ city: ['Iffendic', 'Montfort-sur-Meu'] });
  });

  it('creates the responsable when the account has none yet (fresh registration)', async () => {
    const { c, familyId } = await parent('new@example.fr', 'profile_incomplete');
    await h.store.db.deleteFrom('guardians').where('family_id', '=', familyId).execute();
    const res = await c.put('/api/family/profile', PROFILE);
    expect(res.status).toBe(200);
    expect(res.body.responsable).toMatchObject({ role: 'responsable', lastName: 'Durand' });
    expect((await auditRows())[0]).toMatchObject({ action: 'responsable.created' });
  });

  it('refuses a bad phone, postal code or birth date with a French message and stores nothing', async () => {
    const { c } = await parent('alice@example.fr');
    const before = await h.store.db.selectFrom('guardians').selectAll().execute();
    expectFrench(await c.put('/api/family/profile', { ...PROFILE, phoneMobile: '06 12 34' }), 400, 'validation', /Téléphone portable invalide : 10 chiffres attendus/);
    expectFrench(await c.put('/api/family/profile', { ...PROFILE, postalCode: '357' }), 400, 'validation', /Code postal invalide/);
    expectFrench(await c.put('/api/family/profile', { ...PROFILE, birthDate: '2027-01-01' }), 400, 'validation', /ne peut pas être dans le futur/);
    expectFrench(await c.put('/api/family/profile', { ...PROFILE, lastName: '' }), 400, 'validation', /Saisissez le nom/);
    expectFrench(await c.put('/api/family/profile', { ...PROFILE, isAdmin: true }), 400, 'validation');
    expect(await h.store.db.selectFrom('guardians').selectAll().execute()).toEqual(before);
    expect(await auditRows()).toHaveLength(0);
  });

  it('adds, edits and removes the conjoint', async () => {
    const { c } = await parent('alice@example.fr');
    const added = await c.put('/api/family/conjoint', { lastName: 'Durand', firstName: 'Marc', phoneMobile: '0698765432', email: 'Marc@Example.fr' });
    expect(added.status).toBe(200);
    expect(added.body.conjoint).toMatchObject({ role: 'conjoint', firstName: 'Marc', phoneMobile: '06 98 76 54 32', email: 'marc@example.fr' });
    expectFrench(await c.put('/api/family/conjoint', { lastName: 'Durand', firstName: 'Marc', email: 'marc@' }), 400, 'validation', /Adresse e-mail invalide/);
    const removed = await c.send('delete', '/api/family/conjoint');
    expect(removed.status).toBe(200);
    expect(removed.body.conjoint).toBeNull();
    expect((await auditRows()).map((a) => a.action)).toEqual(['conjoint.created', 'conjoint.removed']);
  });
});

describe('household (Mon foyer → informations complémentaires)', () => {
  it('parents set QF, CAF number, dependants and invoice delivery; not the QF validity nor outside-commune', async () => {
    const { c, familyId } = await parent('alice@example.fr');
    await h.store.db.updateTable('families').set({ qf_valid_until: '2027-08-31' }).where('id', '=', familyId).execute();
    const res = await c.put('/api/family/household', { qf: 650, cafNumber: '1234567', allocataireName: 'Alice Durand', dependantsCount: 2, invoiceDelivery: 'paper' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // A newly declared QF is not checked yet: the validity given to the old one lapses.
    expect(res.body.household).toEqual({
      qf: 650, qfValidUntil: null, cafNumber: '1234567', allocataireName: 'Alice Durand', dependantsCount: 2, outsideCommune: false, invoiceDelivery: 'paper',
    });
    const [entry] = await auditRows();
    expect(entry).toMatchObject({ action: 'household.updated', entity_type: 'family', entity_id: familyId });
    expect(JSON.parse(entry!.changes!)).toMatchObject({ qf: [800, 650], qfValidUntil: ['2027-08-31', null], dependantsCount: [null, 2] });

    const snapshot = await h.store.db.selectFrom('families').selectAll().execute();
    for (const bad of [{ qf: 100000 }, { qf: 12.5 }, { cafNumber: 'AB123' }, { dependantsCount: 21 }, { qfValidUntil: '2027-08-31' }, { outsideCommune: true }]) {
      expectFrench(await c.put('/api/family/household', bad), 400, 'validation');
    }
    expect((await c.put('/api/family/household', { qf: 100000 })).body.message).toMatch(/quotient familial doit être un nombre entier entre 0 et 99 999/);
    expect((await c.put('/api/family/household', { cafNumber: 'AB123' })).body.message).toMatch(/CAF invalide : chiffres uniquement/);
    expect(await h.store.db.selectFrom('families').selectAll().execute()).toEqual(snapshot);
  });
});

describe('SEPA mandates', () => {
  it('creates a pending mandate with a RUM, never returns the full IBAN to the parent, revokes it', async () => {
    const { c, familyId } = await parent('alice@example.fr');
    const first = await c.post('/api/family/mandates', MANDATE);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toEqual({
      id: expect.any(Number), rum: `MAR-${familyId}-1`, ibanMasked: 'FR76 **** **** **** **** **** 189', bic: 'AGRIFRPP882',
      holderName: 'Alice Durand', signatureDate: '2026-11-20', status: 'pending',
    });
    const second = await c.post('/api/family/mandates', { ...MANDATE, iban: 'FR1420041010050500013M02606', bic: 'psstfrpppar' });
    expect(second.body).toMatchObject({ rum: `MAR-${familyId}-2`, bic: 'PSSTFRPPPAR' });

    const file = await c.get('/api/family');
    expect(file.body.mandates).toHaveLength(2);
    for (const body of [first.body, second.body, file.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(IBAN);
      expect(text).not.toContain('20041010050500013M02606');
      expect(text).not.toMatch(/"iban"/);
    }
    // The database keeps it for the debit files; the audit log only the masked form.
    expect((await h.store.db.selectFrom('sepa_mandates').select('iban').orderBy('id').execute())[0]!.iban).toBe(IBAN);
    const audit = await auditRows();
    expect(audit.map((a) => a.action)).toEqual(['mandate.created', 'mandate.created']);
    expect(JSON.stringify(audit)).not.toContain(IBAN);
    expect(JSON.parse(audit[0]!.changes!).ibanMasked).toEqual([null, 'FR76 **** **** **** **** **** 189']);

    const revoked = await c.send('delete', `/api/family/mandates/${first.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: first.body.id, status: 'revoked', ibanMasked: 'FR76 **** **** **** **** **** 189' });
    expect(revoked.body.iban).toBeUndefined();
    // A third mandate does not reuse a revoked mandate's RUM.
    expect((await c.post('/api/family/mandates', MANDATE)).body.rum).toBe(`MAR-${familyId}-3`);
  });

  it('refuses an invalid IBAN checksum, an invalid BIC, a future signature and unknown fields; nothing stored', async () => {
    const { c } = await parent('alice@example.fr');
    expectFrench(await c.post('/api/family/mandates', { ...MANDATE, iban: 'FR76 3000 6000 0112 3456 7890 188' }), 400, 'validation', 'IBAN invalide : vérifiez les chiffres.');
    expectFrench(await c.post('/api/family/mandates', { ...MANDATE, iban: 'FR76 3000' }), 400, 'validation', /IBAN invalide/);
    expectFrench(await c.post('/api/family/mandates', { ...MANDATE, bic: 'AGRI-FR' }), 400, 'validation', /BIC invalide/);
    expectFrench(await c.post('/api/family/mandates', { ...MANDATE, signatureDate: '2026-11-27' }), 400, 'validation', /La date de signature ne peut pas être dans le futur/);
    expectFrench(await c.post('/api/family/mandates', { ...MANDATE, status: 'active' }), 400, 'validation');
    expect(await countOf('sepa_mandates')).toBe(0);
    expect(await auditRows()).toHaveLength(0);
  });
});

describe('SEPA mandate activation by staff', () => {
  it('activates a pending mandate, replacing the active one; a parent cannot activate', async () => {
    const { c, familyId } = await parent('alice@example.fr');
    const first = (await c.post('/api/family/mandates', MANDATE)).body as { id: number };
    const second = (await c.post('/api/family/mandates', { ...MANDATE, iban: 'FR1420041010050500013M02606', bic: 'psstfrpppar' })).body as { id: number };
    expect((await c.post(`/api/family/mandates/${first.id}/activate`)).status).toBe(404);

    const s = await staff('agent');
    const activated = await s.post(`/api/staff/families/${familyId}/mandates/${first.id}/activate`);
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    expect(activated.body).toMatchObject({ id: first.id, status: 'active', iban: IBAN });
    expectFrench(await s.post(`/api/staff/families/${familyId}/mandates/${first.id}/activate`), 409, 'conflict', 'Ce mandat est déjà actif.');

    await s.post(`/api/staff/families/${familyId}/mandates/${second.id}/activate`);
    const statuses = await h.store.db.selectFrom('sepa_mandates').select(['id', 'status']).orderBy('id').execute();
    expect(statuses).toEqual([{ id: first.id, status: 'revoked' }, { id: second.id, status: 'active' }]);
    expect((await auditRows()).map((a) => a.action)).toEqual(expect.arrayContaining(['mandate.activated', 'mandate.replaced']));
    expectFrench(await s.post(`/api/staff/families/${familyId}/mandates/${first.id}/activate`), 409, 'conflict');
    expect((await (await staff('animateur')).post(`/api/staff/families/${familyId}/mandates/${second.id}/activate`)).status).toBe(403);
  });
});

describe('children, fiche sanitaire and authorized persons', () => {
  it('adds a child, edits it and its medical record, with audit entries', async () => {
    const { c, familyId } = await parent('alice@example.fr');
    const created = await c.post('/api/family/children', CHILD);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as number;
    expect(created.body).toEqual({
      id, lastName: 'Durand', firstName: 'Léo', birthDate: '2018-03-14', school: 'École du Pont', classLevel: 'CE2', sharedCustody: false,
      sex: 'M', imageRights: false, mayLeaveAlone: false, notes: null,
      medical: {
        allergies: null, hasPai: false, paiDetails: null, paiDocumentId: null, diet: 'standard', dietDetails: null, doctorName: null,
        doctorPhone: null, vaccinationsUpToDate: null, vaccinationNotes: null, otherNotes: null,
      },
      authorizedPersons: [],
    });
    expect((await c.get('/api/family')).body.children).toEqual([
      { id, lastName: 'Durand', firstName: 'Léo', birthDate: '2018-03-14', school: 'École du Pont', classLevel: 'CE2', sharedCustody: false },
    ]);
    const updated = await c.put(`/api/family/children/${id}`, { ...CHILD, classLevel: 'CM1', imageRights: true });
    expect(updated.body).toMatchObject({ classLevel: 'CM1', imageRights: true });
    const medical = await c.put(`/api/family/children/${id}/medical`, {
      allergies: 'Arachide', hasPai: true, paiDetails: 'Trousse avec stylo d’adrénaline', diet: 'sans_porc', doctorName: 'Dr Le Goff',
      doctorPhone: '02 99 09 12 34', vaccinationsUpToDate: true,
    });
    expect(medical.status, JSON.stringify(medical.body)).toBe(200);
    expect(medical.body.medical).toMatchObject({ allergies: 'Arachide', hasPai: true, diet: 'sans_porc', doctorPhone: '02 99 09 12 34', vaccinationsUpToDate: true });
    const again = await c.put(`/api/family/children/${id}/medical`, { diet: 'vegetarien' });
    expect(again.body.medical).toMatchObject({ allergies: 'Arachide', diet: 'vegetarien' });
    expect((await c.get(`/api/family/children/${id}`)).body.medical.diet).toBe('vegetarien');

    const audit = await auditRows();
    expect(audit.map((a) => [a.action, a.entity_type, a.entity_id, a.family_id])).toEqual([
      ['child.created', 'child', id, familyId],
      ['child.updated', 'child', id, familyId],
      ['medical.updated', 'medical_record', id, familyId],
      ['medical.updated', 'medical_record', id, familyId],
    ]);
    expect(JSON.parse(audit[1]!.changes!)).toEqual({ classLevel: ['CE2', 'CM1'], imageRights: [false, true] });
    expect(JSON.parse(audit[3]!.changes!)).toEqual({ diet: ['sans_porc', 'vegetarien'] });
  });

  it('refuses a future birth date, an adult, a missing name and unknown fields; nothing stored', async () => {
    const { c } = await parent('alice@example.fr');
    expectFrench(await c.post('/api/family/children', { ...CHILD, birthDate: '2026-11-27' }), 400, 'validation', /La date de naissance ne peut pas être dans le futur/);
    expectFrench(await c.post('/api/family/children', { ...CHILD, birthDate: '2008-11-26' }), 400, 'validation', /moins de 18 ans/);
    expectFrench(await c.post('/api/family/children', { ...CHILD, birthDate: '2018-02-30' }), 400, 'validation', /date invalide/);
    expectFrench(await c.post('/api/family/children', { ...CHILD, firstName: '   ' }), 400, 'validation', /Saisissez le prénom/);
    expectFrench(await c.post('/api/family/children', { ...CHILD, familyId: 2 }), 400, 'validation');
    expect(await countOf('children')).toBe(0);
    const id = (await c.post('/api/family/children', CHILD)).body.id as number;
    expectFrench(await c.post('/api/family/children', CHILD), 409, 'conflict', /déjà enregistré/);
    expectFrench(await c.put(`/api/family/children/${id}/medical`, { diet: 'paleo' }), 400, 'validation');
    expectFrench(await c.put(`/api/family/children/${id}/medical`, { paiDocumentId: 1 }), 400, 'validation');
    expectFrench(await c.put(`/api/family/children/${id}/medical`, { doctorPhone: '12' }), 400, 'validation', /Téléphone du médecin invalide/);
    expect(await countOf('children')).toBe(1);
    expect(await countOf('medical_records')).toBe(0);
  });

  it('accepts four authorized persons and refuses the fifth with the message, storing nothing', async () => {
    const { c } = await parent('alice@example.fr');
    const id = (await c.post('/api/family/children', CHILD)).body.id as number;
    for (let i = 1; i <= 4; i++) {
      const res = await c.post(`/api/family/children/${id}/authorized-persons`, { ...PERSON, firstName: `Personne ${i}` });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.authorizedPersons).toHaveLength(i);
    }
    expect((await c.get(`/api/family/children/${id}`)).body.authorizedPersons[0]).toEqual({
      id: expect.any(Number), lastName: 'Martin', firstName: 'Personne 1', mobile: '07 11 22 33 44', relationship: 'Grand-mère',
    });
    const auditBefore = await auditRows();
    const fifth = await c.post(`/api/family/children/${id}/authorized-persons`, { ...PERSON, firstName: 'Cinquième' });
    expectFrench(fifth, 409, 'conflict', '4 personnes autorisées au maximum par enfant.');
    expect(await countOf('authorized_persons')).toBe(4);
    expect(await auditRows()).toEqual(auditBefore);
  });

  it('validates persons (portable, lien, unknown fields), edits and removes them', async () => {
    const { c } = await parent('alice@example.fr');
    const id = (await c.post('/api/family/children', CHILD)).body.id as number;
    expectFrench(await c.post(`/api/family/children/${id}/authorized-persons`, { ...PERSON, mobile: '07 11' }), 400, 'validation', /Numéro de portable invalide/);
    expectFrench(await c.post(`/api/family/children/${id}/authorized-persons`, { ...PERSON, relationship: '' }), 400, 'validation', /lien avec l'enfant/);
    expectFrench(await c.post(`/api/family/children/${id}/authorized-persons`, { ...PERSON, childId: id }), 400, 'validation');
    expect(await countOf('authorized_persons')).toBe(0);
    const added = await c.post(`/api/family/children/${id}/authorized-persons`, PERSON);
    const personId = added.body.authorizedPersons[0].id as number;
    const edited = await c.put(`/api/family/children/${id}/authorized-persons/${personId}`, { ...PERSON, relationship: 'Voisine' });
    expect(edited.body.authorizedPersons).toEqual([{ id: personId, lastName: 'Martin', firstName: 'Jeanne', mobile: '07 11 22 33 44', relationship: 'Voisine' }]);
    const removed = await c.send('delete', `/api/family/children/${id}/authorized-persons/${personId}`);
    expect(removed.status).toBe(200);
    expect(removed.body.authorizedPersons).toEqual([]);
    const audit = await auditRows();
    expect(audit.map((a) => a.action).slice(-3)).toEqual(['authorized_person.added', 'authorized_person.updated', 'authorized_person.removed']);
    expect(JSON.parse(audit.at(-2)!.changes!)).toEqual({ relationship: ['Grand-mère', 'Voisine'] });
  });
});

describe('submission (ÉTAPE 4)', () => {
  it('an incomplete file is refused with what is missing; a complete one goes to awaiting_validation', async () => {
    const { c, familyId } = await parent('alice@example.fr', 'profile_incomplete');
    const incomplete = await c.post('/api/family/submit');
    expectFrench(incomplete, 400, 'incomplete', /n'est pas encore complet/);
    expect(incomplete.body.missing).toEqual([
      'Complétez votre profil : adresse postale.',
      'Complétez votre profil : au moins un numéro de téléphone.',
      'Ajoutez au moins un enfant.',
      "Transmettez l'attestation de responsabilité civile de l'année 2026-2027.",
    ]);
    expect((await c.get('/api/family')).body.completeness.missing).toEqual(incomplete.body.missing);

    await c.put('/api/family/profile', PROFILE);
    await c.post('/api/family/children', CHILD);
    await addAttestation(familyId, '2025-2026');
    await addAttestation(familyId, '2026-2027', 'refused');
    expect((await c.post('/api/family/submit')).body.missing).toEqual(["Transmettez l'attestation de responsabilité civile de l'année 2026-2027."]);
    expect((await h.store.db.selectFrom('families').select('status').where('id', '=', familyId).executeTakeFirstOrThrow()).status).toBe('profile_incomplete');

    await addAttestation(familyId);
    const submitted = await c.post('/api/family/submit');
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.family).toMatchObject({ status: 'awaiting_validation', submittedAt: new Date(NOW).toISOString(), reservationsOpen: false });
    expect(submitted.body.completeness).toEqual({ complete: true, missing: [] });
    const last = (await auditRows()).at(-1)!;
    expect(last).toMatchObject({ action: 'family.submitted', entity_type: 'family', entity_id: familyId });
    expect(JSON.parse(last.changes!).status).toEqual(['profile_incomplete', 'awaiting_validation']);

    expectFrench(await c.post('/api/family/submit'), 409, 'conflict', /déjà été transmis/);
  });

  it('a rejected file can be submitted again (the reason is cleared); a validated one cannot and stays validated when edited', async () => {
    const { c, familyId } = await parent('alice@example.fr', 'rejected');
    await h.store.db.updateTable('families').set({ status_reason: "L'attestation est illisible." }).where('id', '=', familyId).execute();
    await c.put('/api/family/profile', PROFILE);
    await c.post('/api/family/children', CHILD);
    await addAttestation(familyId);
    const res = await c.post('/api/family/submit');
    expect(res.status).toBe(200);
    expect(res.body.family).toMatchObject({ status: 'awaiting_validation', statusReason: null });

    const other = await parent('bob@example.fr');
    const edit = await other.c.put('/api/family/profile', { ...PROFILE, firstName: 'Bob' });
    expect(edit.body.family.status).toBe('validated');
    await other.c.post('/api/family/children', CHILD);
    expect((await other.c.get('/api/family')).body.family).toMatchObject({ status: 'validated', reservationsOpen: true });
    expectFrench(await other.c.post('/api/family/submit'), 409, 'conflict', /déjà validé/);
  });
});

describe('account states', () => {
  const WRITES: [method: 'put' | 'post' | 'delete', url: string, body?: unknown][] = [
    ['put', '/api/family/profile', PROFILE],
    ['put', '/api/family/conjoint', { lastName: 'Durand', firstName: 'Marc' }],
    ['delete', '/api/family/conjoint'],
    ['put', '/api/family/household', { qf: 500 }],
    ['post', '/api/family/mandates', MANDATE],
    ['post', '/api/family/children', CHILD],
    ['post', '/api/family/submit'],
  ];

  it('an unconfirmed e-mail blocks every write with a French 403; reading is allowed', async () => {
    const { c, familyId, accountId } = await parent('alice@example.fr', 'email_unverified');
    await h.store.db.updateTable('portal_accounts').set({ email_verified_at: null }).where('id', '=', accountId).execute();
    expect((await c.get('/api/family')).status).toBe(200);
    for (const [method, url, body] of WRITES) {
      expectFrench(await c.send(method, url, body), 403, 'forbidden', /Confirmez d'abord votre adresse e-mail/);
    }
    // The account flag alone is enough, whatever the family status says.
    await h.store.db.updateTable('families').set({ status: 'profile_incomplete' }).where('id', '=', familyId).execute();
    expectFrench(await c.put('/api/family/profile', PROFILE), 403, 'forbidden', /Confirmez d'abord/);
    expect(await countOf('children')).toBe(0);
    expect(await auditRows()).toHaveLength(0);
  });

  it('suspended and archived families are read-only', async () => {
    const { c, familyId } = await parent('alice@example.fr');
    const childId = (await c.post('/api/family/children', CHILD)).body.id as number;
    const mandateId = (await c.post('/api/family/mandates', MANDATE)).body.id as number;
    const auditCount = (await auditRows()).length;
    for (const [status, message] of [['suspended', /suspendu/], ['archived', /archivé/]] as const) {
      await h.store.db.updateTable('families').set({ status }).where('id', '=', familyId).execute();
      expect((await c.get('/api/family')).status).toBe(200);
      expect((await c.get(`/api/family/children/${childId}`)).status).toBe(200);
      const writes: [method: 'put' | 'post' | 'delete', url: string, body?: unknown][] = [
        ...WRITES,
        ['delete', `/api/family/mandates/${mandateId}`],
        ['put', `/api/family/children/${childId}`, CHILD],
        ['put', `/api/family/children/${childId}/medical`, { diet: 'sans_porc' }],
        ['post', `/api/family/children/${childId}/authorized-persons`, PERSON],
      ];
      for (const [method, url, body] of writes) expectFrench(await c.send(method, url, body), 403, 'forbidden', message);
    }
    expect(await auditRows()).toHaveLength(auditCount);
    expect(await countOf('children')).toBe(1);
  });
});

describe('staff (back-office)', () => {
  it('create a family at the desk with an e-mail: an account nobody can log into until "mot de passe oublié"', async () => {
    const agent = await staff('agent');
    const res = await agent.post('/api/staff/families', { email: 'Claire@Example.fr', responsable: { ...PROFILE, firstName: 'Claire' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.family.status).toBe('profile_incomplete');
    expect(res.body.account).toEqual({ email: 'claire@example.fr' });
    expect(res.body.responsable).toMatchObject({ firstName: 'Claire', email: 'claire@example.fr', phoneMobile: '06 12 34 56 78' });
    const account = await h.store.db.selectFrom('portal_accounts').selectAll().where('family_id', '=', res.body.family.id).executeTakeFirstOrThrow();
    expect(account.password_hash).not.toMatch(/^\$argon2/);
    expect(account.email_verified_at).toBeNull();
    for (const password of ['', PASSWORD, account.password_hash]) {
      const login = await parentClient(h.portal).post('/api/auth/login', { email: 'claire@example.fr', password: password || 'x' });
      expect(login.status).toBe(401);
    }
    const audit = await auditRows();
    expect(audit.map((a) => [a.action, a.actor_type, a.family_id])).toEqual([
      ['family.created', 'staff', res.body.family.id],
      ['responsable.created', 'staff', res.body.family.id],
    ]);
    expect(JSON.stringify(audit)).not.toContain(account.password_hash);

    expectFrench(await agent.post('/api/staff/families', { email: 'claire@example.fr', responsable: PROFILE }), 409, 'conflict', /déjà celle d'un compte famille/);
    expect((await h.store.db.selectFrom('families').selectAll().execute()).length).toBe(1);
  });

  it('the parent of a desk-created family sets a password with "mot de passe oublié", which also confirms the e-mail', async () => {
    const agent = await staff('agent');
    const familyId = (await agent.post('/api/staff/families', { email: 'claire@example.fr', responsable: { lastName: 'Morel', firstName: 'Claire' } })).body.family.id as number;
    expect((await supertest(h.portal).post('/api/auth/forgot-password').send({ email: 'claire@example.fr' })).status).toBe(202);
    const mail = await h.store.db.selectFrom('email_outbox').select('text_body').where('to_address', '=', 'claire@example.fr').executeTakeFirstOrThrow();
    const token = /reinitialiser-mot-de-passe\?token=([^\s]+)/.exec(mail.text_body)?.[1];
    expect(token).toBeTruthy();
    const reset = await supertest(h.portal).post('/api/auth/reset-password').send({ token: decodeURIComponent(token!), password: PASSWORD });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    const c = parentClient(h.portal);
    expect((await c.post('/api/auth/login', { email: 'claire@example.fr', password: PASSWORD })).status).toBe(200);
    const saved = await c.put('/api/family/profile', { ...PROFILE, lastName: 'Morel', firstName: 'Claire' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.family).toMatchObject({ id: familyId, status: 'profile_incomplete' });
  });

  it('create a family without e-mail (no portal login); bad input is refused', async () => {
    const admin = await staff('admin');
    const res = await admin.post('/api/staff/families', { email: null, responsable: { lastName: 'Le Gall', firstName: 'Yann', phoneHome: '02 99 09 00 00' } });
    expect(res.status).toBe(201);
    expect(res.body.account).toEqual({ email: null });
    expect(await h.store.db.selectFrom('portal_accounts').selectAll().execute()).toHaveLength(0);
    expectFrench(await admin.post('/api/staff/families', { email: 'x@', responsable: PROFILE }), 400, 'validation');
    expectFrench(await admin.post('/api/staff/families', { responsable: { ...PROFILE, phoneMobile: '123' } }), 400, 'validation');
    expectFrench(await admin.post('/api/staff/families', { email: null, responsable: PROFILE, status: 'validated' }), 400, 'validation');
    expect(await h.store.db.selectFrom('families').selectAll().execute()).toHaveLength(1);
  });

  it('edit any family with the same rules, see full IBANs, set the QF validity and outside-commune', async () => {
    const { c, familyId } = await parent('alice@example.fr');
    const mandate = (await c.post('/api/family/mandates', MANDATE)).body;
    const agent = await staff('agent');

    const file = await agent.get(`/api/staff/families/${familyId}`);
    expect(file.status).toBe(200);
    expect(file.body.mandates[0]).toMatchObject({ id: mandate.id, iban: IBAN, ibanMasked: 'FR76 **** **** **** **** **** 189' });

    const household = await agent.put(`/api/staff/families/${familyId}/household`, { qf: 900, qfValidUntil: '2027-08-31', outsideCommune: true });
    expect(household.status, JSON.stringify(household.body)).toBe(200);
    expect(household.body.household).toMatchObject({ qf: 900, qfValidUntil: '2027-08-31', outsideCommune: true });

    const profile = await agent.put(`/api/staff/families/${familyId}/profile`, PROFILE);
    expect(profile.body.responsable.phoneMobile).toBe('06 12 34 56 78');
    expectFrench(await agent.put(`/api/staff/families/${familyId}/profile`, { ...PROFILE, phoneMobile: 'abc' }), 400, 'validation');
    expect((await agent.put(`/api/staff/families/${familyId}/conjoint`, { lastName: 'Durand', firstName: 'Marc' })).body.conjoint.firstName).toBe('Marc');
    expect((await agent.send('delete', `/api/staff/families/${familyId}/conjoint`)).body.conjoint).toBeNull();

    const child = await agent.post(`/api/staff/families/${familyId}/children`, CHILD);
    expect(child.status).toBe(201);
    const childId = child.body.id as number;
    expect((await agent.put(`/api/staff/families/${familyId}/children/${childId}`, { ...CHILD, school: 'École Sainte-Anne' })).body.school).toBe('École Sainte-Anne');
    expect((await agent.put(`/api/staff/families/${familyId}/children/${childId}/medical`, { allergies: 'Lactose' })).body.medical.allergies).toBe('Lactose');
    for (let i = 0; i < 4; i++) expect((await agent.post(`/api/staff/families/${familyId}/children/${childId}/authorized-persons`, PERSON)).status).toBe(201);
    expectFrench(await agent.post(`/api/staff/families/${familyId}/children/${childId}/authorized-persons`, PERSON), 409, 'conflict', '4 personnes autorisées au maximum par enfant.');
    const persons = (await agent.get(`/api/staff/families/${familyId}/children/${childId}`)).body.authorizedPersons as { id: number }[];
    const personId = persons[0]!.id;
    expect((await agent.put(`/api/staff/families/${familyId}/children/${childId}/authorized-persons/${personId}`, { ...PERSON, firstName: 'Paul' })).body.authorizedPersons[0].firstName).toBe('Paul');
    expect((await agent.send('delete', `/api/staff/families/${familyId}/children/${childId}/authorized-persons/${personId}`)).body.authorizedPersons).toHaveLength(3);

    const paper = await agent.post(`/api/staff/families/${familyId}/mandates`, { ...MANDATE, iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' });
    expect(paper.body).toMatchObject({ rum: `MAR-${familyId}-2`, iban: 'DE89370400440532013000', status: 'pending' });
    expect((await agent.send('delete', `/api/staff/families/${familyId}/mandates/${mandate.id}`)).body.status).toBe('revoked');

    // The parent sees the staff's changes and every one was audited as staff.
    const seen = await c.get('/api/family');
    expect(seen.body.household.qfValidUntil).toBe('2027-08-31');
    expect(JSON.stringify(seen.body)).not.toContain('DE89370400440532013000');
    const staffEntries = (await auditRows()).filter((a) => a.actor_type === 'staff');
    expect(staffEntries.length).toBeGreaterThanOrEqual(12);
    expect(staffEntries.every((a) => a.family_id === familyId && a.actor_label === 'Test agent')).toBe(true);
    expect(JSON.stringify(await auditRows())).not.toContain(IBAN);
  });

  it('may edit a suspended or archived family (that is how it gets fixed); unknown family → 404', async () => {
    const { familyId } = await addFamily(h.store, 'alice@example.fr', 'archived');
    const admin = await staff('admin');
    expect((await admin.put(`/api/staff/families/${familyId}/household`, { qf: 300 })).status).toBe(200);
    expectFrench(await admin.get('/api/staff/families/9999'), 404, 'not_found');
    expectFrench(await admin.put('/api/staff/families/9999/profile', PROFILE), 404, 'not_found');
    expectFrench(await admin.post('/api/staff/families/9999/children', CHILD), 404, 'not_found');
    expect(await countOf('children')).toBe(0);
  });

  it('an animateur gets 403 on every staff family endpoint, and nothing changes', async () => {
    const { familyId } = await addFamily(h.store, 'alice@example.fr');
    const setup = await staff('agent');
    const childId = (await setup.post(`/api/staff/families/${familyId}/children`, CHILD)).body.id as number;
    const personId = (await setup.post(`/api/staff/families/${familyId}/children/${childId}/authorized-persons`, PERSON)).body.authorizedPersons[0].id as number;
    const mandateId = (await setup.post(`/api/staff/families/${familyId}/mandates`, MANDATE)).body.id as number;
    const before = await auditRows();

    const anim = await staff('animateur');
    const base = `/api/staff/families/${familyId}`;
    const endpoints: [method: 'get' | 'put' | 'post' | 'delete', url: string, body?: unknown][] = [
      ['post', '/api/staff/families', { email: null, responsable: PROFILE }],
      ['get', base],
      ['put', `${base}/profile`, PROFILE],
      ['put', `${base}/conjoint`, PROFILE],
      ['delete', `${base}/conjoint`],
      ['put', `${base}/household`, { qf: 1 }],
      ['post', `${base}/mandates`, MANDATE],
      ['delete', `${base}/mandates/${mandateId}`],
      ['post', `${base}/children`, CHILD],
      ['get', `${base}/children/${childId}`],
      ['put', `${base}/children/${childId}`, CHILD],
      ['put', `${base}/children/${childId}/medical`, { allergies: 'x' }],
      ['post', `${base}/children/${childId}/authorized-persons`, PERSON],
      ['put', `${base}/children/${childId}/authorized-persons/${personId}`, PERSON],
      ['delete', `${base}/children/${childId}/authorized-persons/${personId}`],
    ];
    for (const [method, url, body] of endpoints) {
      const res = method === 'get' ? await anim.get(url) : await anim.send(method, url, body);
      expectFrench(res, 403, 'forbidden');
      expect(JSON.stringify(res.body)).not.toContain(IBAN);
    }
    expect(await auditRows()).toEqual(before);

    // Without any staff session: 401; a parent's session is not a staff session.
    expectFrench(await supertest(h.backoffice).get(base), 401, 'unauthenticated');
    const p = parentClient(h.portal);
    await p.post('/api/auth/login', { email: 'alice@example.fr', password: PASSWORD });
    const replay = await supertest(h.backoffice).get(base).set('Cookie', `marelle_staff_session=${p.cookie('marelle_session')}`);
    expectFrench(replay, 401, 'unauthenticated');
  });
});
