import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../shared/db/store';
import { AppError } from '../../shared/errors';
import { todayOf } from '../../shared/families/access';
import { insertAuthorizedPerson, TOO_MANY_PERSONS } from '../../shared/families/authorizedPersons';
import { completeness } from '../../shared/families/completeness';
import { unusablePasswordHash } from '../../shared/families/create';
import { maskIban, type DocumentDto, type GuardianDto } from '../../shared/families/presenters';
import { verifyPassword } from '../../shared/auth/passwords';
import {
  ageOn,
  authorizedPersonInputSchema,
  checkIban,
  childInputSchema,
  guardianInputSchema,
  householdInputSchema,
  mandateInputSchema,
  medicalInputSchema,
  normalizeBic,
  normalizeFrenchPhone,
  staffHouseholdInputSchema,
} from '../../shared/schemas/family';

const TODAY = '2026-11-26';
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('French phone numbers', () => {
  it.each([
    ['0612345678', '06 12 34 56 78'],
    ['06 12 34 56 78', '06 12 34 56 78'],
    ['06.12.34.56.78', '06 12 34 56 78'],
    ['06-12-34-56-78', '06 12 34 56 78'],
    ['+33612345678', '06 12 34 56 78'],
    ['+33 6 12 34 56 78', '06 12 34 56 78'],
    ['+33 (0)6 12 34 56 78', '06 12 34 56 78'],
    ['0033 2 99 09 00 17', '02 99 09 00 17'],
    [' 02 99 09 00 17 ', '02 99 09 00 17'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeFrenchPhone(input)).toBe(expected);
  });

  it.each(['061234567', '06123456789', '0012345678', '+44 20 7946 0958', '06 12 34 AB 78', '', '+33'])('refuses %s', (input) => {
    expect(normalizeFrenchPhone(input)).toBeNull();
  });
});

describe('dates', () => {
  it('counts full years', () => {
    expect(ageOn('2009-11-27', TODAY)).toBe(16);
    expect(ageOn('2008-11-26', TODAY)).toBe(18);
    expect(ageOn('2008-11-27', TODAY)).toBe(17);
    expect(ageOn('2026-11-26', TODAY)).toBe(0);
  });

  it("today is the Europe/Paris calendar day of the clock's instant", () => {
    expect(todayOf(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26');
    expect(todayOf(new Date('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(todayOf(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
  });
});

describe('IBAN and BIC (ibantools)', () => {
  it('accepts a valid IBAN written any way and returns its electronic format', () => {
    expect(checkIban('fr76 3000 6000 0112 3456 7890 189')).toEqual({ ok: true, iban: 'FR7630006000011234567890189' });
    expect(checkIban('DE89 3704 0044 0532 0130 00')).toEqual({ ok: true, iban: 'DE89370400440532013000' });
  });

  it('explains each refusal in French', () => {
    expect(checkIban('FR7630006000011234567890188')).toEqual({ ok: false, message: 'IBAN invalide : vérifiez les chiffres.' });
    expect(checkIban('FR76 3000 6000 0112 3456 7890')).toMatchObject({ ok: false, message: expect.stringMatching(/nombre de caractères/) });
    expect(checkIban('  ')).toEqual({ ok: false, message: "Saisissez l'IBAN." });
    expect(checkIban('1234567890')).toMatchObject({ ok: false, message: expect.stringMatching(/code du pays/) });
    expect(checkIban('BR1800360305000010009795493C1')).toMatchObject({ ok: false, message: expect.stringMatching(/zone SEPA/) });
  });

  it('normalises BICs and refuses malformed ones', () => {
    expect(normalizeBic('agri frpp 882')).toBe('AGRIFRPP882');
    expect(normalizeBic('PSSTFRPP')).toBe('PSSTFRPP');
    expect(normalizeBic('AGRIFRPP88')).toBeNull();
    expect(normalizeBic('1234FRPP')).toBeNull();
    expect(normalizeBic('')).toBeNull();
  });

  it('masks an IBAN for parents', () => {
    expect(maskIban('FR7630006000011234567890189')).toBe('FR76 **** **** **** **** **** 189');
  });
});

describe('family file schemas', () => {
  it('guardian: names required, phones normalised, "" stored as empty, absent left unchanged', () => {
    const schema = guardianInputSchema(TODAY);
    const ok = schema.parse({ lastName: ' Durand ', firstName: 'Alice', phoneMobile: '+33612345678', phoneHome: '', city: undefined });
    expect(ok.lastName).toBe('Durand');
    expect(ok.phoneMobile).toBe('06 12 34 56 78');
    expect(ok.phoneHome).toBeNull();
    expect(ok.city).toBeUndefined();
    expect(messages(schema.safeParse({ lastName: '', firstName: 'A' }))).toEqual(['Saisissez le nom.']);
    expect(messages(schema.safeParse({ lastName: 'x'.repeat(81), firstName: 'A' }))).toEqual(['Nom : 80 caractères au maximum.']);
    expect(messages(schema.safeParse({ lastName: 'D', firstName: 'A', phoneMobile: '12 34' }))).toEqual([
      'Téléphone portable invalide : 10 chiffres attendus, par exemple 06 12 34 56 78.',
    ]);
    expect(messages(schema.safeParse({ lastName: 'D', firstName: 'A', postalCode: '3516' }))).toEqual(['Code postal invalide : 5 chiffres attendus.']);
    expect(messages(schema.safeParse({ lastName: 'D', firstName: 'A', birthDate: '2026-11-27' }))).toEqual([
      'La date de naissance ne peut pas être dans le futur.',
    ]);
    expect(messages(schema.safeParse({ lastName: 'D', firstName: 'A', birthDate: '1990-02-30' }))).toEqual([
      'Date de naissance : date invalide, format attendu AAAA-MM-JJ.',
    ]);
    expect(messages(schema.safeParse({ lastName: 'D', firstName: 'A', email: 'pas-un-email' }))).toEqual(['Adresse e-mail invalide.']);
    expect(schema.safeParse({ lastName: 'D', firstName: 'A', password: 'x' }).success).toBe(false);
  });

  it('child: 0 to 17 years old, born by today', () => {
    const schema = childInputSchema(TODAY);
    expect(schema.safeParse({ lastName: 'D', firstName: 'Léo', birthDate: TODAY }).success).toBe(true);
    expect(schema.safeParse({ lastName: 'D', firstName: 'Léo', birthDate: '2008-11-27' }).success).toBe(true);
    expect(messages(schema.safeParse({ lastName: 'D', firstName: 'Léo', birthDate: '2026-11-27' }))).toEqual([
      'La date de naissance ne peut pas être dans le futur.',
    ]);
    expect(messages(schema.safeParse({ lastName: 'D', firstName: 'Léo', birthDate: '2008-11-26' }))).toEqual([
      "L'enfant doit avoir moins de 18 ans.",
    ]);
    expect(schema.safeParse({ lastName: 'D', firstName: 'Léo', birthDate: '2019-13-01' }).success).toBe(false);
    expect(schema.safeParse({ lastName: 'D', firstName: 'Léo' }).success).toBe(false);
  });

  it('household: QF integer 0–99999, CAF number digits, dependants 0–20; parents cannot send staff fields', () => {
    expect(householdInputSchema.parse({ qf: 0, cafNumber: '123 4567', dependantsCount: 20 })).toMatchObject({ qf: 0, cafNumber: '1234567', dependantsCount: 20 });
    for (const bad of [{ qf: 100000 }, { qf: -1 }, { qf: 12.5 }, { qf: '800' }, { cafNumber: '12A45' }, { dependantsCount: 21 }, { invoiceDelivery: 'fax' }]) {
      expect(householdInputSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(householdInputSchema.safeParse({ qfValidUntil: '2027-08-31' }).success).toBe(false);
    expect(householdInputSchema.safeParse({ outsideCommune: true }).success).toBe(false);
    expect(staffHouseholdInputSchema.parse({ qfValidUntil: '2027-08-31', outsideCommune: true })).toMatchObject({
      qfValidUntil: '2027-08-31',
      outsideCommune: true,
    });
    expect(staffHouseholdInputSchema.safeParse({ qfValidUntil: '31/08/2027' }).success).toBe(false);
    expect(staffHouseholdInputSchema.safeParse({ nope: 1 }).success).toBe(false);
  });

  it('mandate: IBAN and BIC checked and normalised, signature not in the future', () => {
    const schema = mandateInputSchema(TODAY);
    const valid = { iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'agrifrpp882', holderName: 'Alice Durand', signatureDate: TODAY };
    expect(schema.parse(valid)).toEqual({ ...valid, iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP882' });
    expect(messages(schema.safeParse({ ...valid, iban: 'FR7630006000011234567890188' }))).toEqual(['IBAN invalide : vérifiez les chiffres.']);
    expect(messages(schema.safeParse({ ...valid, bic: 'AGRI' }))).toEqual(['BIC invalide : 8 ou 11 caractères, par exemple AGRIFRPP882.']);
    expect(messages(schema.safeParse({ ...valid, signatureDate: '2026-11-27' }))).toEqual(['La date de signature ne peut pas être dans le futur.']);
    expect(messages(schema.safeParse({ ...valid, holderName: ' ' }))).toEqual(['Saisissez le nom du titulaire du compte.']);
  });

  it('medical and authorized persons', () => {
    expect(medicalInputSchema.parse({ diet: 'sans_porc', vaccinationsUpToDate: null, doctorPhone: '0299090017' })).toEqual({
      diet: 'sans_porc',
      vaccinationsUpToDate: null,
      doctorPhone: '02 99 09 00 17',
      allergies: undefined,
      paiDetails: undefined,
      dietDetails: undefined,
      doctorName: undefined,
      vaccinationNotes: undefined,
      otherNotes: undefined,
    });
    expect(medicalInputSchema.safeParse({ diet: 'paleo' }).success).toBe(false);
    expect(medicalInputSchema.safeParse({ paiDocumentId: 3 }).success).toBe(false);
    const person = { lastName: 'Martin', firstName: 'Jeanne', mobile: '07 11 22 33 44', relationship: 'Grand-mère' };
    expect(authorizedPersonInputSchema.parse(person)).toEqual(person);
    expect(messages(authorizedPersonInputSchema.safeParse({ ...person, mobile: '' }))).toEqual(['Saisissez le numéro de portable.']);
    expect(messages(authorizedPersonInputSchema.safeParse({ ...person, relationship: '' }))).toEqual(["Précisez le lien avec l'enfant."]);
  });
});

describe('completeness (ÉTAPE 4)', () => {
  const responsable: GuardianDto = {
    id: 1, role: 'responsable', civility: 'Mme', lastName: 'Durand', firstName: 'Alice', birthDate: null, email: null,
    phoneMobile: '06 12 34 56 78', phoneHome: null, addressLine1: '1 rue de la Mairie', addressLine2: null, postalCode: '35750',
    city: 'Iffendic', employer: null, profession: null, phoneWork: null,
  };
  const attestation = (over: Partial<DocumentDto>): DocumentDto => ({
    id: 1, type: 'attestation_responsabilite_civile', childId: null, fileName: 'a.pdf', mimeType: 'application/pdf', sizeBytes: 10,
    status: 'transmitted', refusalReason: null, schoolYear: '2026-2027', validUntil: null, uploadedAt: '2026-11-01T00:00:00Z', ...over,
  });

  it('lists what is missing, in French', () => {
    expect(completeness({ responsable: null, childrenCount: 0, documents: [], today: TODAY }).missing).toEqual([
      'Complétez votre profil : nom et prénom.',
      'Complétez votre profil : adresse postale.',
      'Complétez votre profil : au moins un numéro de téléphone.',
      'Ajoutez au moins un enfant.',
      "Transmettez l'attestation de responsabilité civile de l'année 2026-2027.",
    ]);
  });

  it('is complete with a profile, a child and this year’s attestation (transmitted or accepted, not refused or last year’s)', () => {
    expect(completeness({ responsable, childrenCount: 1, documents: [attestation({})], today: TODAY })).toEqual({ complete: true, missing: [] });
    expect(completeness({ responsable, childrenCount: 1, documents: [attestation({ status: 'accepted' })], today: TODAY }).complete).toBe(true);
    expect(completeness({ responsable, childrenCount: 1, documents: [attestation({ status: 'refused' })], today: TODAY }).complete).toBe(false);
    expect(completeness({ responsable, childrenCount: 1, documents: [attestation({ schoolYear: '2025-2026' })], today: TODAY }).complete).toBe(false);
    expect(completeness({ responsable, childrenCount: 1, documents: [attestation({ type: 'rib' })], today: TODAY }).complete).toBe(false);
  });
});

describe('accounts created at the desk', () => {
  it('get a password hash that no password matches', async () => {
    const hash = unusablePasswordHash();
    expect(hash).not.toBe(unusablePasswordHash());
    expect(await verifyPassword(hash, '')).toBe(false);
    expect(await verifyPassword(hash, hash)).toBe(false);
  });
});

describe('the authorized-persons trigger, last line of defence', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it("a 5th insert that skipped the service's count still fails with the French 409", async () => {
    store = openStore({ file: ':memory:' });
    const at = '2026-11-26T08:00:00.000Z';
    const child = await store.db
      .insertInto('children')
      .values({ last_name: 'D', first_name: 'L', birth_date: '2018-01-01', sex: null, school: null, class_level: null, notes: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const person = { lastName: 'M', firstName: 'J', mobile: '06 12 34 56 78', relationship: 'Voisine' };
    const db = store.db;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 4; i++) await insertAuthorizedPerson(trx, child.id, person, at);
    });
    const fifth = db.transaction().execute((trx) => insertAuthorizedPerson(trx, child.id, person, at));
    await expect(fifth).rejects.toBeInstanceOf(AppError);
    await expect(fifth).rejects.toMatchObject({ code: 'conflict', status: 409, message: TOO_MANY_PERSONS });
    expect(await db.selectFrom('authorized_persons').selectAll().execute()).toHaveLength(4);
  });
});
