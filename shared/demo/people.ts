/**
 * Invented families of the demo commune, as plain rows without ids: shared by the demo seed and
 * the bulk generator. Deterministic for a given Rng.
 */
import { formatIsoDate } from '../calendar';
import type { Diet } from '../db/tables/children.table';
import type { Bool } from '../db/tables/common';
import {
  ADULT_FIRST_NAMES_F,
  ADULT_FIRST_NAMES_M,
  ALLERGIES,
  ASTHMA_PAI,
  CHILD_FIRST_NAMES_F,
  CHILD_FIRST_NAMES_M,
  DOCTORS,
  ECOLE_PRIVEE,
  ELEMENTAIRE_PUBLIQUE,
  HAMLETS,
  JOBS,
  MATERNELLE_PUBLIQUE,
  RELATIONSHIPS_GRANDPARENT,
  RELATIONSHIPS_OTHER,
  STREETS,
  SURNAMES,
} from './names';
import type { Rng } from './random';

export const DEMO_POSTAL_CODE = '35999';
export const DEMO_CITY = 'Marelle-sur-Meu';

export type Sex = 'F' | 'M';

export interface GuardianData {
  role: 'responsable' | 'conjoint';
  civility: 'M.' | 'Mme';
  last_name: string;
  first_name: string;
  birth_date: string;
  email: string | null;
  phone_mobile: string;
  phone_home: string | null;
  address_line1: string;
  address_line2: string | null;
  postal_code: string;
  city: string;
  employer: string | null;
  profession: string | null;
  phone_work: string | null;
}

export interface MedicalData {
  allergies: string | null;
  has_pai: Bool;
  pai_details: string | null;
  diet: Diet;
  diet_details: string | null;
  doctor_name: string;
  doctor_phone: string;
  vaccinations_up_to_date: Bool | null;
  vaccination_notes: string | null;
  other_notes: string | null;
}

export interface AuthorizedPersonData {
  last_name: string;
  first_name: string;
  mobile: string;
  relationship: string;
}

export interface ChildData {
  last_name: string;
  first_name: string;
  birth_date: string;
  sex: Sex;
  school: string;
  class_level: string;
  image_rights: Bool;
  may_leave_alone: Bool;
  notes: string | null;
  medical: MedicalData;
}

export interface FamilyData {
  qf: number | null;
  caf_number: string | null;
  allocataire_name: string | null;
  dependants_count: number;
  invoice_delivery: 'email_pdf' | 'email_link' | 'paper';
  guardians: GuardianData[];
  children: ChildData[];
  /** The same list for every child of the family (0 to 4 people). */
  authorized: AuthorizedPersonData[];
}

/** Class levels of a French primary school, by age reached in the calendar year of the rentrée. */
const CLASS_BY_AGE: Readonly<Record<number, string>> = {
  3: 'PS',
  4: 'MS',
  5: 'GS',
  6: 'CP',
  7: 'CE1',
  8: 'CE2',
  9: 'CM1',
  10: 'CM2',
};

export const MATERNELLE_LEVELS: ReadonlySet<string> = new Set(['PS', 'MS', 'GS']);

/** ARCEP numbers reserved for fiction: 06 39 98 xx xx (mobile), 02 61 91 xx xx (Ouest). */
export const mobile = (rng: Rng): string => `06 39 98 ${rng.digits2()} ${rng.digits2()}`;
export const landline = (rng: Rng): string => `02 61 91 ${rng.digits2()} ${rng.digits2()}`;

/** "Anne-Sophie", "Le Gall" → "anne-sophie.le-gall" */
export function emailLocalPart(firstName: string, lastName: string): string {
  const clean = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  return `${clean(firstName)}.${clean(lastName)}`;
}

function randomDate(rng: Rng, year: number, fromMonth = 1, toMonth = 12): string {
  const month = rng.int(fromMonth, toMonth);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return formatIsoDate(year, month, rng.int(1, days));
}

export interface AddressData {
  address_line1: string;
  address_line2: string | null;
}

export function makeAddress(rng: Rng): AddressData {
  if (rng.chance(0.12)) {
    return { address_line1: `${rng.int(1, 12)} lieu-dit ${rng.pick(HAMLETS)}`, address_line2: null };
  }
  const line2 = rng.chance(0.08) ? `Appartement ${rng.int(1, 24)}` : null;
  return { address_line1: `${rng.int(1, 48)} ${rng.pick(STREETS)}`, address_line2: line2 };
}

export interface AdultInput {
  role: 'responsable' | 'conjoint';
  sex: Sex;
  lastName: string;
  firstName?: string;
  email: string | null;
  address: AddressData;
}

export function makeGuardian(rng: Rng, input: AdultInput): GuardianData {
  const firstName = input.firstName ?? rng.pick(input.sex === 'F' ? ADULT_FIRST_NAMES_F : ADULT_FIRST_NAMES_M);
  const working = rng.chance(0.88);
  const job = rng.pick(JOBS);
  return {
    role: input.role,
    civility: input.sex === 'F' ? 'Mme' : 'M.',
    last_name: input.lastName,
    first_name: firstName,
    birth_date: randomDate(rng, rng.int(1978, 1994)),
    email: input.email,
    phone_mobile: mobile(rng),
    phone_home: rng.chance(0.3) ? landline(rng) : null,
    address_line1: input.address.address_line1,
    address_line2: input.address.address_line2,
    postal_code: DEMO_POSTAL_CODE,
    city: DEMO_CITY,
    employer: working ? job[2] : null,
    profession: working ? (input.sex === 'F' ? job[1] : job[0]) : 'Sans emploi',
    phone_work: working && rng.chance(0.4) ? landline(rng) : null,
  };
}

export function makeMedical(rng: Rng): MedicalData {
  let allergies: string | null = null;
  let paiDetails: string | null = null;
  let diet: Diet = 'standard';
  let dietDetails: string | null = null;
  if (rng.chance(0.14)) {
    const a = rng.pick(ALLERGIES);
    allergies = a.allergies;
    paiDetails = a.pai;
    if (a.diet) {
      diet = a.diet;
      dietDetails = 'Maladie cœliaque diagnostiquée.';
    }
  } else if (rng.chance(0.04)) {
    paiDetails = ASTHMA_PAI;
  }
  if (diet === 'standard') {
    const d = rng.weighted<Diet>([
      ['standard', 82],
      ['sans_porc', 11],
      ['vegetarien', 7],
    ]);
    diet = d;
  }
  const upToDate = rng.chance(0.92);
  return {
    allergies,
    has_pai: paiDetails ? 1 : 0,
    pai_details: paiDetails,
    diet,
    diet_details: dietDetails,
    doctor_name: rng.pick(DOCTORS),
    doctor_phone: landline(rng),
    vaccinations_up_to_date: upToDate ? 1 : null,
    vaccination_notes: upToDate ? null : 'Carnet de santé à transmettre.',
    other_notes: rng.chance(0.05) ? 'Porte des lunettes.' : null,
  };
}

/**
 * A child of a primary school in the school year starting in `rentreeYear`: aged 3 to 10 at the
 * rentrée (PS born January–August only, so that every child is at least 3 on 1 September).
 */
export function makeChild(
  rng: Rng,
  input: { lastName: string; rentreeYear: number; age: number; private: boolean; firstName?: string; sex?: Sex; taken?: Set<string> },
): ChildData {
  const sex: Sex = input.sex ?? (rng.chance(0.5) ? 'F' : 'M');
  let firstName = input.firstName ?? rng.pick(sex === 'F' ? CHILD_FIRST_NAMES_F : CHILD_FIRST_NAMES_M);
  while (!input.firstName && input.taken?.has(firstName)) {
    firstName = rng.pick(sex === 'F' ? CHILD_FIRST_NAMES_F : CHILD_FIRST_NAMES_M);
  }
  input.taken?.add(firstName);
  const birthYear = input.rentreeYear - input.age;
  const birthDate = input.age === 3 ? randomDate(rng, birthYear, 1, 8) : randomDate(rng, birthYear);
  const level = CLASS_BY_AGE[input.age] ?? 'CM2';
  const maternelle = MATERNELLE_LEVELS.has(level);
  const school = input.private ? ECOLE_PRIVEE : maternelle ? MATERNELLE_PUBLIQUE : ELEMENTAIRE_PUBLIQUE;
  return {
    last_name: input.lastName,
    first_name: firstName,
    birth_date: birthDate,
    sex,
    school,
    class_level: level,
    image_rights: rng.chance(0.82) ? 1 : 0,
    may_leave_alone: input.age >= 9 && rng.chance(0.3) ? 1 : 0,
    notes: null,
    medical: makeMedical(rng),
  };
}

export function makeAuthorized(rng: Rng, lastNames: readonly string[], count: number): AuthorizedPersonData[] {
  const people: AuthorizedPersonData[] = [];
  const grandparents = rng.shuffle(RELATIONSHIPS_GRANDPARENT);
  for (let i = 0; i < count; i += 1) {
    if (i < 2 && rng.chance(0.7)) {
      const gp = grandparents[i];
      if (gp) {
        people.push({ last_name: rng.pick(lastNames), first_name: gp[0], mobile: mobile(rng), relationship: gp[1] });
        continue;
      }
    }
    const relationship = rng.pick(RELATIONSHIPS_OTHER);
    const female = ['Tante', 'Voisine', 'Assistante maternelle', 'Marraine'].includes(relationship)
      ? true
      : ['Oncle', 'Voisin', 'Parrain'].includes(relationship)
        ? false
        : rng.chance(0.5);
    people.push({
      last_name: rng.pick(SURNAMES),
      first_name: rng.pick(female ? ADULT_FIRST_NAMES_F : ADULT_FIRST_NAMES_M),
      mobile: mobile(rng),
      relationship,
    });
  }
  return people;
}

/** A QF spread over the four brackets of the tariffs (0–600, 601–1000, 1001–1500, 1501+), sometimes unknown. */
export function makeQf(rng: Rng): number | null {
  const bracket = rng.weighted<number>([
    [0, 20],
    [1, 32],
    [2, 28],
    [3, 14],
    [-1, 6],
  ]);
  switch (bracket) {
    case 0:
      return rng.int(280, 600);
    case 1:
      return rng.int(601, 1000);
    case 2:
      return rng.int(1001, 1500);
    case 3:
      return rng.int(1501, 2600);
    default:
      return null;
  }
}

export interface FamilyInput {
  rentreeYear: number;
  /** The account's e-mail; built from the responsable's name when absent. */
  email?: (firstName: string, lastName: string) => string;
  lastName?: string;
  childCount?: number;
}

/** A household: responsable (+ often a conjoint), 1–3 children aged 3–10, 0–4 authorized persons. */
export function makeFamily(rng: Rng, input: FamilyInput): FamilyData & { email: string } {
  const lastName = input.lastName ?? rng.pick(SURNAMES);
  const address = makeAddress(rng);
  const respSex: Sex = rng.chance(0.7) ? 'F' : 'M';
  const respFirst = rng.pick(respSex === 'F' ? ADULT_FIRST_NAMES_F : ADULT_FIRST_NAMES_M);
  const email = input.email ? input.email(respFirst, lastName) : `${emailLocalPart(respFirst, lastName)}@example.fr`;
  const guardians: GuardianData[] = [
    makeGuardian(rng, { role: 'responsable', sex: respSex, lastName, firstName: respFirst, email, address }),
  ];
  if (rng.chance(0.65)) {
    const sex: Sex = rng.chance(0.95) ? (respSex === 'F' ? 'M' : 'F') : respSex;
    const conjointLast = rng.chance(0.7) ? lastName : rng.pick(SURNAMES);
    const conjointFirst = rng.pick(sex === 'F' ? ADULT_FIRST_NAMES_F : ADULT_FIRST_NAMES_M);
    const conjointEmail = rng.chance(0.5) ? `${emailLocalPart(conjointFirst, conjointLast)}@example.fr` : null;
    guardians.push(
      makeGuardian(rng, { role: 'conjoint', sex, lastName: conjointLast, firstName: conjointFirst, email: conjointEmail, address }),
    );
  }
  const childCount = input.childCount ?? rng.weighted<number>([
    [1, 40],
    [2, 45],
    [3, 15],
  ]);
  const ages = rng.shuffle([3, 4, 5, 6, 7, 8, 9, 10]).slice(0, childCount).sort((a, b) => b - a);
  const privateSchool = rng.chance(0.12);
  const taken = new Set<string>();
  const children = ages.map((age) => makeChild(rng, { lastName, rentreeYear: input.rentreeYear, age, private: privateSchool, taken }));
  const familyNames = [...new Set(guardians.map((g) => g.last_name))];
  const authorizedCount = rng.weighted<number>([
    [0, 12],
    [1, 25],
    [2, 33],
    [3, 20],
    [4, 10],
  ]);
  const qf = makeQf(rng);
  return {
    email,
    qf,
    caf_number: qf !== null && rng.chance(0.85) ? String(rng.int(1_000_000, 9_999_999)) : null,
    allocataire_name: qf !== null ? `${respFirst} ${lastName}` : null,
    dependants_count: children.length,
    invoice_delivery: rng.weighted<'email_pdf' | 'email_link' | 'paper'>([
      ['email_pdf', 80],
      ['email_link', 15],
      ['paper', 5],
    ]),
    guardians,
    children,
    authorized: makeAuthorized(rng, familyNames, authorizedCount),
  };
}

/** The calendar year of the rentrée of the school year containing `date` (August belongs to the next year). */
export function rentreeYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 8 ? year : year - 1;
}
