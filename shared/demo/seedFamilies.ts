/**
 * The households of the commune: the two demo parents sharing Léo (garde alternée) and the other
 * families at every stage of their file, with guardians, children, medical records, authorized
 * persons and a portal account each.
 */
import { addDays } from '../calendar';
import type { FamilyStatus } from '../db/tables/families.table';
import { SURNAMES } from './names';
import {
  emailLocalPart,
  makeFamily,
  makeGuardian,
  makeMedical,
  type AuthorizedPersonData,
  type ChildData,
  type FamilyData,
  type GuardianData,
} from './people';
import { DEMO_PARENT_EMAIL, DEMO_SECOND_PARENT_EMAIL, type SeedContext, type SeededChild, type SeededFamily } from './seedContext';
import { minutesBefore, notAfter } from './time';
import { insertedId, isoPlus } from './util';

/** Families besides the two demo parents. */
const OTHER_FAMILIES = 38;

const laterOf = (a: string, b: string): string => (a > b ? a : b);

async function insertFamily(ctx: SeedContext, input: {
  data: FamilyData;
  email: string;
  status: FamilyStatus;
  createdAt: string;
  submittedAt: string | null;
  validatedAt: string | null;
  /** Children already inserted by another family (garde alternée). */
  sharedChildren?: SeededChild[];
  /** Authorized persons per child index, instead of the family's list. */
  authorizedByChild?: AuthorizedPersonData[][];
}): Promise<SeededFamily> {
  const { data } = input;
  const familyId = insertedId(
    await ctx.trx
      .insertInto('families')
      .values({
        status: input.status,
        status_reason: null,
        qf: data.qf,
        qf_valid_until: data.qf !== null ? '2027-08-31' : null,
        caf_number: data.caf_number,
        allocataire_name: data.allocataire_name,
        dependants_count: data.dependants_count,
        outside_commune: 0,
        invoice_delivery: data.invoice_delivery,
        ical_token: null,
        submitted_at: input.submittedAt,
        validated_at: input.validatedAt,
        validated_by: input.validatedAt ? ctx.staffId('admin') : null,
        created_at: input.createdAt,
        updated_at: input.validatedAt ?? input.submittedAt ?? input.createdAt,
      })
      .executeTakeFirstOrThrow(),
  );
  const accountId = insertedId(
    await ctx.trx
      .insertInto('portal_accounts')
      .values({
        family_id: familyId,
        email: input.email,
        password_hash: ctx.passwordHash,
        email_verified_at: input.status === 'email_unverified' ? null : isoPlus(input.createdAt, 0, 9),
        created_at: input.createdAt,
        last_login_at: input.status === 'validated' ? laterOf(input.createdAt, minutesBefore(ctx.now, ctx.rng.int(60, 60 * 24 * 20))) : null,
      })
      .executeTakeFirstOrThrow(),
  );
  await ctx.trx
    .insertInto('guardians')
    .values(data.guardians.map((g) => ({ family_id: familyId, ...g, created_at: input.createdAt, updated_at: input.createdAt })))
    .execute();

  const children: SeededChild[] = [...(input.sharedChildren ?? [])];
  for (const shared of input.sharedChildren ?? []) {
    await ctx.trx
      .insertInto('family_children')
      .values({ family_id: familyId, child_id: shared.id, linked_at: input.createdAt })
      .execute();
  }
  let index = 0;
  for (const child of data.children) {
    const { medical, ...row } = child;
    const childId = insertedId(
      await ctx.trx
        .insertInto('children')
        .values({ ...row, created_at: input.createdAt, updated_at: input.createdAt })
        .executeTakeFirstOrThrow(),
    );
    await ctx.trx.insertInto('family_children').values({ family_id: familyId, child_id: childId, linked_at: input.createdAt }).execute();
    await ctx.trx
      .insertInto('medical_records')
      .values({ child_id: childId, ...medical, pai_document_id: null, updated_at: input.createdAt })
      .execute();
    const authorized = input.authorizedByChild?.[index] ?? data.authorized;
    if (authorized.length > 0) {
      await ctx.trx
        .insertInto('authorized_persons')
        .values(authorized.slice(0, 4).map((p) => ({ child_id: childId, ...p, created_at: input.createdAt })))
        .execute();
    }
    children.push({ id: childId, data: child });
    index += 1;
  }
  return { id: familyId, accountId, status: input.status, children };
}

export async function seedFamilies(ctx: SeedContext): Promise<SeededFamily[]> {
  const rng = ctx.rng;
  const seeded: SeededFamily[] = [];
  const emails = new Set<string>([DEMO_PARENT_EMAIL, DEMO_SECOND_PARENT_EMAIL]);

  // The demo parents: Nicolas Lefèvre (famille@demo.fr) and Aurélie Moreau (moreau@demo.fr)
  // share Léo (garde alternée); Jade is the daughter of Nicolas and Émilie Rolland.
  const lefevreAddress = { address_line1: '7 rue des Lilas', address_line2: null };
  const leo: ChildData = {
    last_name: 'Lefèvre',
    first_name: 'Léo',
    birth_date: '2018-04-12',
    sex: 'M',
    school: 'École élémentaire publique Jules-Verne',
    class_level: 'CE2',
    image_rights: 1,
    may_leave_alone: 0,
    notes: 'Garde alternée une semaine sur deux (semaines paires chez M. Lefèvre, impaires chez Mme Moreau).',
    medical: { ...makeMedical(rng), allergies: 'Pollens de graminées (rhinite saisonnière)', has_pai: 0, pai_details: null, diet: 'standard', diet_details: null },
  };
  const jade: ChildData = {
    last_name: 'Lefèvre',
    first_name: 'Jade',
    birth_date: '2022-06-03',
    sex: 'F',
    school: 'École maternelle publique Les Hirondelles',
    class_level: 'MS',
    image_rights: 1,
    may_leave_alone: 0,
    notes: null,
    medical: { ...makeMedical(rng), allergies: null, has_pai: 0, pai_details: null, diet: 'vegetarien', diet_details: null },
  };
  const lefevreGuardians: GuardianData[] = [
    makeGuardian(rng, { role: 'responsable', sex: 'M', lastName: 'Lefèvre', firstName: 'Nicolas', email: DEMO_PARENT_EMAIL, address: lefevreAddress }),
    makeGuardian(rng, { role: 'conjoint', sex: 'F', lastName: 'Rolland', firstName: 'Émilie', email: 'emilie.rolland@example.fr', address: lefevreAddress }),
  ];
  const grandMother = { last_name: 'Lefèvre', first_name: 'Monique', mobile: '06 39 98 41 07', relationship: 'Grand-mère' };
  const lefevre = await insertFamily(ctx, {
    data: {
      qf: 780,
      caf_number: '4728153',
      allocataire_name: 'Nicolas Lefèvre',
      dependants_count: 2,
      invoice_delivery: 'email_pdf',
      guardians: lefevreGuardians,
      children: [leo, jade],
      authorized: [],
    },
    email: DEMO_PARENT_EMAIL,
    status: 'validated',
    createdAt: ctx.at('2025-03-10', '20:42'),
    submittedAt: ctx.at('2025-03-11', '21:05'),
    validatedAt: ctx.at('2025-03-13', '10:17'),
    authorizedByChild: [
      [grandMother, { last_name: 'Moreau', first_name: 'Françoise', mobile: '06 39 98 52 33', relationship: 'Grand-mère' }],
      [grandMother, { last_name: 'Rolland', first_name: 'Martine', mobile: '06 39 98 18 64', relationship: 'Grand-mère' }],
    ],
  });
  const leoChild = lefevre.children[0];
  if (!leoChild) throw new Error('Léo Lefèvre non créé.');
  const moreau = await insertFamily(ctx, {
    data: {
      qf: 540,
      caf_number: '5310927',
      allocataire_name: 'Aurélie Moreau',
      dependants_count: 1,
      invoice_delivery: 'email_pdf',
      guardians: [
        makeGuardian(rng, {
          role: 'responsable',
          sex: 'F',
          lastName: 'Moreau',
          firstName: 'Aurélie',
          email: DEMO_SECOND_PARENT_EMAIL,
          address: { address_line1: '3 allée des Tilleuls', address_line2: 'Appartement 5' },
        }),
      ],
      children: [],
      authorized: [],
    },
    email: DEMO_SECOND_PARENT_EMAIL,
    status: 'validated',
    createdAt: ctx.at('2025-04-02', '19:30'),
    submittedAt: ctx.at('2025-04-02', '20:10'),
    validatedAt: ctx.at('2025-04-04', '09:12'),
    sharedChildren: [leoChild],
  });
  seeded.push(lefevre, moreau);

  // The other households of the commune.
  const surnames = rng.shuffle(SURNAMES.filter((s) => s !== 'Lefebvre' && s !== 'Moreau'));
  const statuses = rng.shuffle<FamilyStatus>([
    'email_unverified',
    'profile_incomplete',
    'awaiting_validation',
    'awaiting_validation',
    'awaiting_validation',
    ...Array.from({ length: OTHER_FAMILIES - 5 }, (): FamilyStatus => 'validated'),
  ]);
  for (let i = 0; i < OTHER_FAMILIES; i += 1) {
    const status = statuses[i] ?? 'validated';
    const lastName = surnames[i % surnames.length] ?? 'Bernard';
    const data = makeFamily(rng, {
      rentreeYear: 2026,
      lastName,
      email: (first, last) => {
        const base = emailLocalPart(first, last);
        let email = `${base}@example.fr`;
        for (let n = 2; emails.has(email); n += 1) email = `${base}${n}@example.fr`;
        emails.add(email);
        return email;
      },
    });
    const email = data.email;
    let createdAt: string;
    let submittedAt: string | null = null;
    let validatedAt: string | null = null;
    switch (status) {
      case 'email_unverified':
        // Just signed up, e-mail not confirmed yet: no children, no QF.
        createdAt = ctx.at(addDays(ctx.today, -1), '21:14');
        data.children = [];
        data.authorized = [];
        data.qf = null;
        data.caf_number = null;
        data.allocataire_name = null;
        data.dependants_count = 0;
        break;
      case 'profile_incomplete':
        createdAt = ctx.at(addDays(ctx.today, -5), '20:37');
        data.qf = null;
        data.caf_number = null;
        data.allocataire_name = null;
        data.authorized = [];
        break;
      case 'awaiting_validation':
        createdAt = ctx.at(addDays(ctx.today, -rng.int(5, 15)), `${rng.int(18, 22)}:${rng.int(0, 59)}`);
        submittedAt = ctx.at(addDays(ctx.today, -rng.int(1, 4)), `${rng.int(19, 22)}:${rng.int(0, 59)}`);
        break;
      default: {
        const day = addDays('2025-03-01', rng.int(0, 540));
        createdAt = ctx.at(day, `${rng.int(7, 22)}:${rng.int(0, 59)}`);
        submittedAt = notAfter(ctx.now, isoPlus(createdAt, rng.int(0, 3), rng.int(10, 300)));
        validatedAt = notAfter(ctx.now, isoPlus(submittedAt, rng.int(1, 4), rng.int(60, 480)));
      }
    }
    seeded.push(await insertFamily(ctx, { data, email, status, createdAt, submittedAt, validatedAt }));
  }
  return seeded;
}
