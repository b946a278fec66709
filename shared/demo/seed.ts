/**
 * The demo commune "Marelle-sur-Meu" (zone B): settings, staff, the five services with the guide's
 * rules, the 2026-2027 calendar, tariffs, about forty families, bookings, attendance, news and
 * practical information. Deterministic for a given `now`; fills an empty store in one transaction.
 */
import type { Insertable } from 'kysely';
import { hashPassword } from '../auth/passwords';
import {
  addDays,
  daysBetween,
  effectiveLastDayOff,
  generateOpeningDays,
  isoWeekday,
  shippedSchoolHolidays,
  type IsoDate,
  type IsoWeekday,
  type OpeningPattern,
  type SchoolHoliday,
} from '../calendar';
import type { Database } from '../db/schema';
import type { Store } from '../db/store';
import type { FamilyStatus } from '../db/tables/families.table';
import type { Trx } from '../db/types';
import { COMMUNE, MAINTENANCE, SEPA_CREDITOR } from '../settings/definitions';
import { icsFor } from '../sepa/rules';
import { setSetting } from '../settings/settings';
import { withAssignments } from '../attendance/access';
import { GUIDE_ENFANCE_JEUNESSE, MENUS_RESTAURANT, NEWS, REGLEMENT_INTERIEUR } from './content';
import { SURNAMES } from './names';
import {
  DEMO_CITY,
  DEMO_POSTAL_CODE,
  emailLocalPart,
  makeFamily,
  makeGuardian,
  makeMedical,
  type AuthorizedPersonData,
  type ChildData,
  type FamilyData,
  type GuardianData,
} from './people';
import { Rng } from './random';
import { DEMO_SERVICES, TARIFF_BRACKETS, type DemoServiceCode } from './services';
import { minutesBefore, notAfter, parisInstant, parisToday } from './time';
import { ageOn, inChunks, insertedId, isoPlus } from './util';

/** The public password of every demo login (printed by the server in demo mode only). */
export const DEMO_PASSWORD = 'Marelle-Demo-2026';
export const DEMO_PARENT_EMAIL = 'famille@demo.fr';
export const DEMO_SECOND_PARENT_EMAIL = 'moreau@demo.fr';

export type DemoRole = 'admin' | 'agent' | 'animateur' | 'parent';

export interface DemoLogin {
  email: string;
  role: DemoRole;
  password: string;
  /** Who this is, in French, for the start-up banner. */
  label: string;
}

export interface DemoSummary {
  families: number;
  children: number;
  staff: number;
  logins: DemoLogin[];
}

/** School year of the demo: rentrée Tuesday 1 September 2026, last day Friday 2 July 2027. */
export const DEMO_SCHOOL_YEAR = '2026-2027';
export const DEMO_RENTREE: IsoDate = '2026-09-01';
export const DEMO_YEAR_END: IsoDate = '2027-07-02';
const ZONE = 'B' as const;
const SEED = 20260901;
/** Families besides the two demo parents. */
const OTHER_FAMILIES = 38;

const STAFF = [
  { email: 'admin@mairie.demo', role: 'admin', first: 'Claire', last: 'Martin', label: 'administratrice' },
  { email: 'agent@mairie.demo', role: 'agent', first: 'Nathalie', last: 'Guérin', label: 'agente administrative' },
  { email: 'animateur@mairie.demo', role: 'animateur', first: 'Yann', last: 'Le Goff', label: 'animateur' },
] as const;

// ---------------------------------------------------------------------------------------------

interface ServiceIds {
  id: number;
  units: Map<string, number>;
  /** Groups in age order. */
  groups: { id: number; min: number; max: number }[];
}

interface PeriodInfo {
  id: number;
  serviceCode: DemoServiceCode;
  name: string;
  dates: IsoDate[];
}

interface SeededChild {
  id: number;
  data: ChildData;
}

interface SeededFamily {
  id: number;
  accountId: number;
  status: FamilyStatus;
  children: SeededChild[];
}

export async function seedDemo(store: Store, now: Date): Promise<DemoSummary> {
  // One argon2 hash for every demo login, computed before the transaction opens.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return store.db.transaction().execute(async (trx) => {
    await assertEmpty(trx);
    const seeder = new Seeder(trx, now, passwordHash);
    return seeder.run();
  });
}

const laterOf = (a: string, b: string): string => (a > b ? a : b);

async function assertEmpty(trx: Trx): Promise<void> {
  const family = await trx.selectFrom('families').select('id').limit(1).executeTakeFirst();
  const staff = await trx.selectFrom('staff_users').select('id').limit(1).executeTakeFirst();
  if (family || staff) {
    throw new Error(
      "La base de données n'est pas vide (familles ou comptes du personnel déjà présents) : la commune de démonstration ne peut être créée que dans une base neuve.",
    );
  }
}

class Seeder {
  private readonly rng = new Rng(SEED);
  private readonly today: IsoDate;
  private readonly services = new Map<DemoServiceCode, ServiceIds>();
  private readonly periods: PeriodInfo[] = [];
  private readonly staffIds = new Map<string, number>();
  private readonly holidays: SchoolHoliday[];

  constructor(
    private readonly trx: Trx,
    private readonly now: Date,
    private readonly passwordHash: string,
  ) {
    this.today = parisToday(now);
    this.holidays = shippedSchoolHolidays().filter(
      (h) => h.zone === ZONE && (h.schoolYear === '2026-2027' || h.schoolYear === '2027-2028'),
    );
  }

  async run(): Promise<DemoSummary> {
    await this.settings();
    await this.staff();
    await this.insertServices();
    await this.schoolHolidays();
    await this.insertPeriods();
    await this.tariffs();
    const families = await this.families();
    await this.bookings(families);
    await this.directDebits(families);
    await this.staffPlans();
    await this.attendanceAssignments();
    await this.content();

    const childIds = new Set(families.flatMap((f) => f.children.map((c) => c.id)));
    return {
      families: families.length,
      children: childIds.size,
      staff: STAFF.length,
      logins: [
        ...STAFF.map((s) => ({ email: s.email, role: s.role, password: DEMO_PASSWORD, label: `${s.first} ${s.last}, ${s.label}` })),
        { email: DEMO_PARENT_EMAIL, role: 'parent', password: DEMO_PASSWORD, label: 'Famille Lefèvre (compte validé, garde alternée de Léo)' },
        { email: DEMO_SECOND_PARENT_EMAIL, role: 'parent', password: DEMO_PASSWORD, label: 'Famille Moreau (autre parent de Léo)' },
      ],
    };
  }

  private at(date: IsoDate, time: string): string {
    return notAfter(this.now, parisInstant(date, time));
  }

  private service(code: DemoServiceCode): ServiceIds {
    const s = this.services.get(code);
    if (!s) throw new Error(`Service de démonstration inconnu : ${code}`);
    return s;
  }

  private unit(code: DemoServiceCode, unit: string): number {
    const id = this.service(code).units.get(unit);
    if (id === undefined) throw new Error(`Unité inconnue : ${code}/${unit}`);
    return id;
  }

  private period(name: string): PeriodInfo {
    const p = this.periods.find((x) => x.name === name);
    if (!p) throw new Error(`Période inconnue : ${name}`);
    return p;
  }

  private groupFor(code: DemoServiceCode, birthDate: string, date: IsoDate): number | null {
    const age = ageOn(birthDate, date);
    const groups = this.service(code).groups;
    // Outside every age range, the nearest group (the youngest or the oldest).
    const g = groups.find((x) => age >= x.min && age <= x.max) ?? (age < (groups[0]?.min ?? 0) ? groups[0] : groups.at(-1));
    return g?.id ?? null;
  }

  // ---- settings and staff --------------------------------------------------------------------

  private async settings(): Promise<void> {
    await setSetting(
      this.trx,
      COMMUNE,
      {
        name: 'Mairie de Marelle-sur-Meu',
        address: '1 place de la Mairie',
        postalCode: DEMO_POSTAL_CODE,
        city: DEMO_CITY,
        phone: '02 61 91 00 00',
        email: 'enfance@mairie.demo',
        website: 'https://www.marelle-sur-meu.demo',
        schoolZone: ZONE,
      },
      this.now,
    );
    await setSetting(this.trx, MAINTENANCE, { enabled: false, message: null }, this.now);
  }

  private async staff(): Promise<void> {
    const createdAt = this.at('2026-06-01', '09:00');
    for (const s of STAFF) {
      const r = await this.trx
        .insertInto('staff_users')
        .values({
          email: s.email,
          password_hash: this.passwordHash,
          first_name: s.first,
          last_name: s.last,
          role: s.role,
          active: 1,
          created_at: createdAt,
          last_login_at: null,
        })
        .executeTakeFirstOrThrow();
      this.staffIds.set(s.role, insertedId(r));
    }
  }

  private staffId(role: 'admin' | 'agent' | 'animateur'): number {
    const id = this.staffIds.get(role);
    if (id === undefined) throw new Error(`Compte du personnel absent : ${role}`);
    return id;
  }

  // ---- services ---------------------------------------------------------------------------------

  private async insertServices(): Promise<void> {
    const createdAt = this.at('2026-06-01', '09:30');
    let order = 0;
    for (const spec of DEMO_SERVICES) {
      order += 1;
      const serviceId = insertedId(
        await this.trx
          .insertInto('services')
          .values({
            code: spec.code,
            name: spec.name,
            description: spec.description,
            kind: spec.kind,
            ratio_regime: spec.ratio,
            pedt: 0,
            approval_mode: spec.approval,
            deadline_days: spec.deadlineDays,
            late_booking_policy: spec.lateBooking,
            late_cancellation_policy: spec.lateCancellation,
            bookings_final: spec.bookingsFinal,
            late_booking_surcharge_cents: spec.lateSurchargeCents,
            unbooked_presence_surcharge_cents: spec.unbookedSurchargeCents,
            justified_absence_billed: spec.justifiedAbsenceBilled,
            no_place_policy: 'refuse',
            waitlist_promotion: 'automatic',
            max_places: null,
            requires_enrolment: 0,
            contact_email: spec.contact.email,
            contact_phone: spec.contact.phone,
            contact_url: spec.contact.url,
            sort_order: order,
            active: 1,
            created_at: createdAt,
            updated_at: createdAt,
          })
          .executeTakeFirstOrThrow(),
      );
      const units = new Map<string, number>();
      let unitOrder = 0;
      for (const u of spec.units) {
        unitOrder += 1;
        const unitId = insertedId(
          await this.trx
            .insertInto('units')
            .values({
              service_id: serviceId,
              code: u.code,
              name: u.name,
              kind: u.kind,
              start_time: u.start,
              end_time: u.end,
              sort_order: unitOrder,
              active: 1,
            })
            .executeTakeFirstOrThrow(),
        );
        units.set(u.code, unitId);
      }
      const pairs: Insertable<Database['unit_incompatibilities']>[] = [];
      for (const [a, b] of spec.incompatible) {
        const ia = units.get(a);
        const ib = units.get(b);
        if (ia === undefined || ib === undefined) throw new Error(`Incompatibilité sur une unité inconnue : ${a}/${b}`);
        pairs.push({ unit_id: ia, other_unit_id: ib }, { unit_id: ib, other_unit_id: ia });
      }
      if (pairs.length > 0) await this.trx.insertInto('unit_incompatibilities').values(pairs).execute();

      const groups: ServiceIds['groups'] = [];
      let groupOrder = 0;
      for (const g of spec.groups) {
        groupOrder += 1;
        const groupId = insertedId(
          await this.trx
            .insertInto('groups')
            .values({ service_id: serviceId, name: g.name, min_age: g.min, max_age: g.max, max_places: g.places, sort_order: groupOrder })
            .executeTakeFirstOrThrow(),
        );
        groups.push({ id: groupId, min: g.min, max: g.max });
      }
      if (spec.staffing.length > 0) {
        await this.trx
          .insertInto('staffing_rules')
          .values(
            spec.staffing.map((r) => ({
              service_id: serviceId,
              group_id: null,
              long_session: r.long,
              under_six_per_animator: r.underSix,
              six_plus_per_animator: r.sixPlus,
            })),
          )
          .execute();
      }
      this.services.set(spec.code, { id: serviceId, units, groups });
    }
  }

  private async schoolHolidays(): Promise<void> {
    await this.trx
      .insertInto('school_holidays')
      .values(
        this.holidays.map((h) => ({
          zone: h.zone,
          school_year: h.schoolYear,
          name: h.name,
          first_day_off: h.firstDayOff,
          last_day_off: h.lastDayOff,
          source: 'officiel',
        })),
      )
      .execute();
  }

  // ---- periods and opening days --------------------------------------------------------------

  private holiday(schoolYear: string, pattern: RegExp): SchoolHoliday {
    const h = this.holidays.find((x) => x.schoolYear === schoolYear && pattern.test(x.name));
    if (!h) throw new Error(`Vacances introuvables dans le calendrier livré : ${String(pattern)} ${schoolYear}`);
    return h;
  }

  private openingDays(start: IsoDate, end: IsoDate, pattern: OpeningPattern, weekdays?: readonly IsoWeekday[]): IsoDate[] {
    return generateOpeningDays({
      start,
      end,
      pattern,
      ...(weekdays ? { weekdays } : {}),
      schoolHolidays: this.holidays,
      zone: ZONE,
      closures: [],
    });
  }

  private async insertPeriod(input: {
    service: DemoServiceCode;
    name: string;
    kind: 'school_year' | 'holidays' | 'other';
    pattern: OpeningPattern;
    weekdays: readonly IsoWeekday[] | null;
    dates: IsoDate[];
    opensAt: string;
    closed?: readonly { date: IsoDate; note: string }[];
    activities?: readonly { unit: string; dates: readonly IsoDate[]; places: number }[];
  }): Promise<void> {
    const first = input.dates[0];
    const last = input.dates[input.dates.length - 1];
    if (first === undefined || last === undefined) throw new Error(`Aucun jour d'ouverture pour la période ${input.name}`);
    const periodId = insertedId(
      await this.trx
        .insertInto('periods')
        .values({
          service_id: this.service(input.service).id,
          name: input.name,
          kind: input.kind,
          school_year: DEMO_SCHOOL_YEAR,
          start_date: first,
          end_date: last,
          day_pattern: input.pattern,
          weekdays: input.weekdays ? JSON.stringify(input.weekdays) : null,
          bookings_open_at: input.opensAt,
          created_at: this.at('2026-06-01', '10:00'),
        })
        .executeTakeFirstOrThrow(),
    );
    const closed = new Map((input.closed ?? []).map((c) => [c.date, c.note]));
    await inChunks(input.dates, 500, (chunk) =>
      this.trx
        .insertInto('opening_days')
        .values(chunk.map((date) => ({ period_id: periodId, date, closed: closed.has(date) ? 1 : 0, note: closed.get(date) ?? null })))
        .execute(),
    );
    if (input.activities && input.activities.length > 0) {
      const rows = await this.trx.selectFrom('opening_days').select(['id', 'date']).where('period_id', '=', periodId).execute();
      const byDate = new Map(rows.map((r) => [r.date, r.id]));
      const links: Insertable<Database['opening_day_activities']>[] = [];
      for (const a of input.activities) {
        for (const date of a.dates) {
          const dayId = byDate.get(date);
          if (dayId === undefined) throw new Error(`Activité « ${a.unit} » un jour fermé : ${date}`);
          links.push({ opening_day_id: dayId, unit_id: this.unit(input.service, a.unit), places: a.places });
        }
      }
      await this.trx.insertInto('opening_day_activities').values(links).execute();
    }
    this.periods.push({ id: periodId, serviceCode: input.service, name: input.name, dates: input.dates.filter((d) => !closed.has(d)) });
  }

  private async insertPeriods(): Promise<void> {
    const schoolDays: readonly IsoWeekday[] = [1, 2, 4, 5];
    const yearOpens = parisInstant('2026-06-01', '08:00');
    for (const service of ['restauration', 'periscolaire'] as const) {
      await this.insertPeriod({
        service,
        name: 'Année scolaire 2026-2027',
        kind: 'school_year',
        pattern: 'school_days',
        weekdays: schoolDays,
        dates: this.openingDays(DEMO_RENTREE, DEMO_YEAR_END, 'school_days', schoolDays),
        opensAt: yearOpens,
      });
    }
    await this.insertPeriod({
      service: 'alsh_mercredi',
      name: 'Mercredis 2026-2027',
      kind: 'school_year',
      pattern: 'wednesdays',
      weekdays: null,
      dates: this.openingDays(DEMO_RENTREE, DEMO_YEAR_END, 'wednesdays'),
      opensAt: yearOpens,
    });

    const vacations: {
      name: string;
      holiday: RegExp;
      end?: IsoDate;
      opens: IsoDate;
      closed?: { date: IsoDate; note: string }[];
      activities?: { unit: string; dates: IsoDate[]; places: number }[];
    }[] = [
      {
        name: 'Vacances de la Toussaint 2026',
        holiday: /toussaint/i,
        opens: '2026-09-21',
        activities: [{ unit: 'stage_poney', dates: ['2026-10-20', '2026-10-21', '2026-10-22'], places: 12 }],
      },
      {
        name: 'Vacances de Noël 2026',
        holiday: /no[eë]l/i,
        opens: '2026-11-23',
        closed: [
          { date: '2026-12-24', note: 'Accueil de loisirs fermé la veille de Noël.' },
          { date: '2026-12-31', note: 'Accueil de loisirs fermé la veille du jour de l’an.' },
        ],
        activities: [{ unit: 'cinema', dates: ['2026-12-23'], places: 48 }],
      },
      {
        name: "Vacances d'hiver 2027",
        holiday: /hiver/i,
        opens: '2027-01-25',
        activities: [
          { unit: 'stage_poney', dates: ['2027-02-23', '2027-02-24', '2027-02-25'], places: 12 },
          { unit: 'cinema', dates: ['2027-03-03'], places: 48 },
        ],
      },
      {
        name: 'Vacances de printemps 2027',
        holiday: /printemps/i,
        opens: '2027-03-22',
        activities: [{ unit: 'sortie_mer', dates: ['2027-04-22'], places: 24 }],
      },
      {
        name: "Vacances d'été 2027",
        holiday: /[ée]t[ée]/i,
        end: '2027-07-30',
        opens: '2027-05-17',
        activities: [
          { unit: 'sortie_mer', dates: ['2027-07-08', '2027-07-22'], places: 40 },
          { unit: 'stage_poney', dates: ['2027-07-19', '2027-07-20', '2027-07-21'], places: 12 },
        ],
      },
    ];
    for (const v of vacations) {
      const h = this.holiday('2026-2027', v.holiday);
      await this.insertPeriod({
        service: 'alsh_vacances',
        name: v.name,
        kind: 'holidays',
        pattern: 'holiday_weekdays',
        weekdays: null,
        dates: this.openingDays(h.firstDayOff, v.end ?? effectiveLastDayOff(h), 'holiday_weekdays'),
        opensAt: parisInstant(v.opens, '08:00'),
        ...(v.closed ? { closed: v.closed } : {}),
        ...(v.activities ? { activities: v.activities } : {}),
      });
    }
    await this.insertPeriod({
      service: 'mini_camps',
      name: 'Mini-camps été 2027',
      kind: 'holidays',
      pattern: 'holiday_weekdays',
      weekdays: null,
      dates: this.openingDays('2027-07-12', '2027-07-23', 'holiday_weekdays'),
      opensAt: parisInstant('2027-04-12', '08:00'),
    });
  }

  // ---- tariffs -----------------------------------------------------------------------------------

  private async tariffs(): Promise<void> {
    const createdAt = this.at('2026-06-15', '10:00');
    for (const spec of DEMO_SERVICES) {
      const s = this.service(spec.code);
      const gridId = insertedId(
        await this.trx
          .insertInto('tariff_grids')
          .values({ service_id: s.id, name: `Tarifs ${DEMO_SCHOOL_YEAR}`, valid_from: DEMO_RENTREE, created_at: createdAt })
          .executeTakeFirstOrThrow(),
      );
      const prices: Insertable<Database['tariff_prices']>[] = [];
      let index = 0;
      for (const b of TARIFF_BRACKETS) {
        const bracketId = insertedId(
          await this.trx
            .insertInto('tariff_brackets')
            .values({ grid_id: gridId, label: b.label, qf_min: b.min, qf_max: b.max, outside_commune: b.outside, sort_order: index + 1 })
            .executeTakeFirstOrThrow(),
        );
        for (const u of spec.units) {
          const price = u.prices[index];
          if (price === undefined) throw new Error(`Tarif manquant : ${spec.code}/${u.code}`);
          prices.push({ bracket_id: bracketId, unit_id: this.unit(spec.code, u.code), price_cents: price });
        }
        index += 1;
      }
      await this.trx.insertInto('tariff_prices').values(prices).execute();
    }
  }

  // ---- families --------------------------------------------------------------------------------

  private async insertFamily(input: {
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
      await this.trx
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
          validated_by: input.validatedAt ? this.staffId('admin') : null,
          created_at: input.createdAt,
          updated_at: input.validatedAt ?? input.submittedAt ?? input.createdAt,
        })
        .executeTakeFirstOrThrow(),
    );
    const accountId = insertedId(
      await this.trx
        .insertInto('portal_accounts')
        .values({
          family_id: familyId,
          email: input.email,
          password_hash: this.passwordHash,
          email_verified_at: input.status === 'email_unverified' ? null : isoPlus(input.createdAt, 0, 9),
          created_at: input.createdAt,
          last_login_at: input.status === 'validated' ? laterOf(input.createdAt, minutesBefore(this.now, this.rng.int(60, 60 * 24 * 20))) : null,
        })
        .executeTakeFirstOrThrow(),
    );
    await this.trx
      .insertInto('guardians')
      .values(data.guardians.map((g) => ({ family_id: familyId, ...g, created_at: input.createdAt, updated_at: input.createdAt })))
      .execute();

    const children: SeededChild[] = [...(input.sharedChildren ?? [])];
    for (const shared of input.sharedChildren ?? []) {
      await this.trx
        .insertInto('family_children')
        .values({ family_id: familyId, child_id: shared.id, linked_at: input.createdAt })
        .execute();
    }
    let index = 0;
    for (const child of data.children) {
      const { medical, ...row } = child;
      const childId = insertedId(
        await this.trx
          .insertInto('children')
          .values({ ...row, created_at: input.createdAt, updated_at: input.createdAt })
          .executeTakeFirstOrThrow(),
      );
      await this.trx.insertInto('family_children').values({ family_id: familyId, child_id: childId, linked_at: input.createdAt }).execute();
      await this.trx
        .insertInto('medical_records')
        .values({ child_id: childId, ...medical, pai_document_id: null, updated_at: input.createdAt })
        .execute();
      const authorized = input.authorizedByChild?.[index] ?? data.authorized;
      if (authorized.length > 0) {
        await this.trx
          .insertInto('authorized_persons')
          .values(authorized.slice(0, 4).map((p) => ({ child_id: childId, ...p, created_at: input.createdAt })))
          .execute();
      }
      children.push({ id: childId, data: child });
      index += 1;
    }
    return { id: familyId, accountId, status: input.status, children };
  }

  private async families(): Promise<SeededFamily[]> {
    const rng = this.rng;
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
    const lefevre = await this.insertFamily({
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
      createdAt: this.at('2025-03-10', '20:42'),
      submittedAt: this.at('2025-03-11', '21:05'),
      validatedAt: this.at('2025-03-13', '10:17'),
      authorizedByChild: [
        [grandMother, { last_name: 'Moreau', first_name: 'Françoise', mobile: '06 39 98 52 33', relationship: 'Grand-mère' }],
        [grandMother, { last_name: 'Rolland', first_name: 'Martine', mobile: '06 39 98 18 64', relationship: 'Grand-mère' }],
      ],
    });
    const leoChild = lefevre.children[0];
    if (!leoChild) throw new Error('Léo Lefèvre non créé.');
    const moreau = await this.insertFamily({
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
      createdAt: this.at('2025-04-02', '19:30'),
      submittedAt: this.at('2025-04-02', '20:10'),
      validatedAt: this.at('2025-04-04', '09:12'),
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
          createdAt = this.at(addDays(this.today, -1), '21:14');
          data.children = [];
          data.authorized = [];
          data.qf = null;
          data.caf_number = null;
          data.allocataire_name = null;
          data.dependants_count = 0;
          break;
        case 'profile_incomplete':
          createdAt = this.at(addDays(this.today, -5), '20:37');
          data.qf = null;
          data.caf_number = null;
          data.allocataire_name = null;
          data.authorized = [];
          break;
        case 'awaiting_validation':
          createdAt = this.at(addDays(this.today, -rng.int(5, 15)), `${rng.int(18, 22)}:${rng.int(0, 59)}`);
          submittedAt = this.at(addDays(this.today, -rng.int(1, 4)), `${rng.int(19, 22)}:${rng.int(0, 59)}`);
          break;
        default: {
          const day = addDays('2025-03-01', rng.int(0, 540));
          createdAt = this.at(day, `${rng.int(7, 22)}:${rng.int(0, 59)}`);
          submittedAt = notAfter(this.now, isoPlus(createdAt, rng.int(0, 3), rng.int(10, 300)));
          validatedAt = notAfter(this.now, isoPlus(submittedAt, rng.int(1, 4), rng.int(60, 480)));
        }
      }
      seeded.push(await this.insertFamily({ data, email, status, createdAt, submittedAt, validatedAt }));
    }
    return seeded;
  }

  // ---- bookings and attendance ---------------------------------------------------------------

  private async bookings(families: SeededFamily[]): Promise<void> {
    const rng = this.rng;
    const lefevre = families[0];
    const moreau = families[1];
    if (!lefevre || !moreau) throw new Error('Familles de démonstration absentes.');
    const [leo, jade] = lefevre.children;
    if (!leo || !jade) throw new Error('Enfants de démonstration absents.');
    const others = families.slice(2).filter((f) => f.status === 'validated' && f.children.length > 0);

    const cantine = this.period('Année scolaire 2026-2027');
    if (cantine.serviceCode !== 'restauration') throw new Error('Période de restauration attendue en premier.');
    const cantineDays = cantine.dates.filter((d) => d >= DEMO_RENTREE && d <= '2026-11-30');
    const restauration = this.service('restauration');
    const repas = this.unit('restauration', 'repas');
    const cantineGroup = restauration.groups[0]?.id ?? null;

    type Line = {
      family: SeededFamily;
      child: SeededChild;
      service: DemoServiceCode;
      periodId: number;
      unitId: number;
      date: IsoDate;
      status: 'accepted' | 'pending';
      requestAt: string;
      late?: boolean;
    };
    const lines: Line[] = [];
    // Cantine bookings for the term were made the week before the rentrée.
    const cantineRequestAt = () => this.at(addDays('2026-08-20', rng.int(0, 6)), `${rng.int(18, 22)}:${rng.int(10, 59)}`);
    const weekParity = (date: IsoDate) => Math.floor(daysBetween('2026-08-31', date) / 7) % 2;

    // Cantine, September to November: Léo alternates weeks between his two homes.
    const lefevreAt = cantineRequestAt();
    const moreauAt = cantineRequestAt();
    for (const date of cantineDays) {
      const even = weekParity(date) === 0;
      const family = even ? lefevre : moreau;
      lines.push({
        family,
        child: leo,
        service: 'restauration',
        periodId: cantine.id,
        unitId: repas,
        date,
        status: 'accepted',
        requestAt: even ? lefevreAt : moreauAt,
      });
      if ([1, 2, 5].includes(isoWeekday(date))) {
        lines.push({ family: lefevre, child: jade, service: 'restauration', periodId: cantine.id, unitId: repas, date, status: 'accepted', requestAt: lefevreAt });
      }
    }
    // Léo's cantine in March was booked at the rentrée too (Monday, Tuesday, Thursday, Friday),
    // still alternating weeks: the month can be invoiced once it is over (a later clock).
    for (const date of cantine.dates.filter((d) => d >= '2027-03-01' && d <= '2027-03-31')) {
      if (![1, 2, 4, 5].includes(isoWeekday(date))) continue;
      const even = weekParity(date) === 0;
      lines.push({
        family: even ? lefevre : moreau,
        child: leo,
        service: 'restauration',
        periodId: cantine.id,
        unitId: repas,
        date,
        status: 'accepted',
        requestAt: even ? lefevreAt : moreauAt,
      });
    }
    // One late booking (repas majoré): Jade on Thursday 5 November, asked on Monday 2 November.
    if (cantineDays.includes('2026-11-05')) {
      lines.push({
        family: lefevre,
        child: jade,
        service: 'restauration',
        periodId: cantine.id,
        unitId: repas,
        date: '2026-11-05',
        status: 'accepted',
        requestAt: this.at('2026-11-02', '07:40'),
        late: true,
      });
    }

    const cantineFamilies = others.slice(0, 14);
    const patterns: readonly (readonly [readonly IsoWeekday[], number])[] = [
      [[1, 2, 4, 5], 60],
      [[1, 2, 4], 12],
      [[1, 4], 10],
      [[2, 5], 8],
      [[1, 2, 5], 10],
    ];
    for (const family of cantineFamilies) {
      const at = cantineRequestAt();
      for (const child of family.children) {
        if (!rng.chance(0.85)) continue;
        const days = rng.weighted(patterns);
        for (const date of cantineDays) {
          if (days.includes(isoWeekday(date))) {
            lines.push({ family, child, service: 'restauration', periodId: cantine.id, unitId: repas, date, status: 'accepted', requestAt: at });
          }
        }
      }
    }

    // ALSH du mercredi, December: requests waiting for the staff.
    const mercredis = this.period('Mercredis 2026-2027');
    const december = mercredis.dates.filter((d) => d.startsWith('2026-12'));
    const bookable = december.filter((d) => d >= addDays(this.today, 7));
    const wednesdays = bookable.length > 0 ? bookable : december;
    const journee = this.unit('alsh_mercredi', 'journee');
    const matin = this.unit('alsh_mercredi', 'matin');
    const repasMercredi = this.unit('alsh_mercredi', 'repas');
    const pendingAt = this.at('2026-11-20', '21:10');
    const wednesdayLine = (family: SeededFamily, child: SeededChild, date: IsoDate, unitId: number, at: string): Line => ({
      family,
      child,
      service: 'alsh_mercredi',
      periodId: mercredis.id,
      unitId,
      date,
      status: 'pending',
      requestAt: at,
    });
    wednesdays.forEach((date, i) => {
      lines.push(wednesdayLine(i % 2 === 0 ? lefevre : moreau, leo, date, journee, i % 2 === 0 ? pendingAt : this.at('2026-11-21', '08:45')));
      lines.push(wednesdayLine(lefevre, jade, date, matin, pendingAt), wednesdayLine(lefevre, jade, date, repasMercredi, pendingAt));
    });
    for (const family of others.slice(14, 22)) {
      const at = this.at(addDays('2026-11-14', rng.int(0, 7)), `${rng.int(7, 22)}:${rng.int(10, 59)}`);
      for (const child of family.children) {
        if (!rng.chance(0.7)) continue;
        for (const date of wednesdays) {
          if (rng.chance(0.6)) lines.push(wednesdayLine(family, child, date, journee, at));
        }
      }
    }

    // Requests: one per family and instant.
    const requestIds = new Map<string, number>();
    for (const line of lines) {
      const key = `${line.family.id}|${line.requestAt}`;
      if (requestIds.has(key)) continue;
      const id = insertedId(
        await this.trx
          .insertInto('requests')
          .values({
            family_id: line.family.id,
            created_by_account_id: line.family.accountId,
            created_by_staff_id: null,
            staff_reason: null,
            created_at: line.requestAt,
          })
          .executeTakeFirstOrThrow(),
      );
      requestIds.set(key, id);
    }

    const lateSurcharge = DEMO_SERVICES.find((s) => s.code === 'restauration')?.lateSurchargeCents ?? 100;
    const bookingRows: Insertable<Database['bookings']>[] = lines.map((line) => {
      const late = line.late === true;
      return {
        family_id: line.family.id,
        child_id: line.child.id,
        service_id: this.service(line.service).id,
        period_id: line.periodId,
        unit_id: line.unitId,
        group_id: line.service === 'restauration' ? cantineGroup : this.groupFor(line.service, line.child.data.birth_date, line.date),
        date: line.date,
        status: line.status,
        status_reason: null,
        request_id: requestIds.get(`${line.family.id}|${line.requestAt}`) ?? null,
        cancel_request_id: null,
        late: late ? 1 : 0,
        surcharge_cents: late ? lateSurcharge : 0,
        billed_if_cancelled: 0,
        exceptional_absence: 0,
        booked_by_staff_id: null,
        created_at: line.requestAt,
        updated_at: line.requestAt,
        version: 1,
      };
    });
    await inChunks(bookingRows, 1000, (chunk) => this.trx.insertInto('bookings').values(chunk).execute());

    const inserted = await this.trx.selectFrom('bookings').select(['id', 'child_id', 'date', 'unit_id', 'status', 'late']).execute();
    const lineByKey = new Map(lines.map((l) => [`${l.child.id}|${l.date}|${l.unitId}`, l]));

    const events: Insertable<Database['booking_events']>[] = [];
    const attendance: Insertable<Database['attendance']>[] = [];
    const animateur = this.staffId('animateur');
    const illUntil = new Map<number, IsoDate>();
    for (const b of inserted.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.id - y.id))) {
      const line = lineByKey.get(`${b.child_id}|${b.date}|${b.unit_id}`);
      if (!line) continue;
      events.push({
        booking_id: b.id,
        at: line.requestAt,
        from_status: null,
        to_status: 'pending',
        actor_type: 'parent',
        actor_id: line.family.accountId,
        reason: null,
      });
      if (b.status === 'accepted') {
        events.push({
          booking_id: b.id,
          at: line.requestAt,
          from_status: 'pending',
          to_status: 'accepted',
          actor_type: 'system',
          actor_id: null,
          reason: b.late ? 'Acceptée hors délai : repas majoré de 1 €.' : 'Acceptée automatiquement (places disponibles).',
        });
        if (line.service === 'restauration' && b.date < this.today) {
          // A few days of illness now and then, justified to the school (not billed).
          const sickUntil = illUntil.get(b.child_id);
          let ill = sickUntil !== undefined && b.date <= sickUntil;
          if (!ill && rng.chance(0.035)) {
            ill = true;
            illUntil.set(b.child_id, addDays(b.date, rng.int(0, 3)));
          }
          attendance.push({
            booking_id: b.id,
            family_id: line.family.id,
            child_id: b.child_id,
            service_id: restauration.id,
            unit_id: b.unit_id,
            group_id: cantineGroup,
            date: b.date,
            state: ill ? 'absent_justified' : 'present',
            justification: ill ? 'illness' : null,
            recorded_by: animateur,
            recorded_at: parisInstant(b.date, ill ? '10:05' : '13:40'),
            version: 1,
          });
        }
      }
    }

    // A child who went to the restaurant without a booking (billed with the 1 € surcharge).
    const unbookedFamily = others[others.length - 1];
    const unbookedChild = unbookedFamily?.children[0];
    const unbookedDate = cantineDays.find((d) => d >= '2026-10-06' && d < this.today && isoWeekday(d) === 2);
    if (unbookedFamily && unbookedChild && unbookedDate && !cantineFamilies.includes(unbookedFamily)) {
      attendance.push({
        booking_id: null,
        family_id: unbookedFamily.id,
        child_id: unbookedChild.id,
        service_id: restauration.id,
        unit_id: repas,
        group_id: cantineGroup,
        date: unbookedDate,
        state: 'present_unbooked',
        justification: null,
        recorded_by: animateur,
        recorded_at: parisInstant(unbookedDate, '13:40'),
        version: 1,
      });
    }

    await inChunks(events, 2000, (chunk) => this.trx.insertInto('booking_events').values(chunk).execute());
    await inChunks(attendance, 1500, (chunk) => this.trx.insertInto('attendance').values(chunk).execute());
  }

  /** The demo animator ticks the restaurant and the périscolaire lists (not the ALSH). */
  // ---- direct debit -------------------------------------------------------------------------------

  /**
   * The commune collects by SEPA direct debit too: its creditor identity, and four families (not
   * the demo logins' own) who signed a mandate at the rentrée, so that their invoices are issued
   * « en prélèvement » and « Paiements › Prélèvements SEPA » has something to collect.
   */
  private async directDebits(families: SeededFamily[]): Promise<void> {
    await setSetting(
      this.trx,
      SEPA_CREDITOR,
      { ics: icsFor('FR', 'ZZZ', '654321'), name: 'Mairie de Marelle-sur-Meu', iban: 'FR7630001007941234567890185', bic: 'BDFEFRPPCCT' },
      this.now,
    );
    const accounts = ['00012345601', '00012345602', '00012345603', '00012345604'];
    const signers = families.slice(2).filter((f) => f.status === 'validated' && f.children.length > 0).slice(0, accounts.length);
    const at = this.at('2026-09-02', '10:00');
    for (const [i, family] of signers.entries()) {
      const holder = await this.trx
        .selectFrom('guardians')
        .select(['first_name', 'last_name'])
        .where('family_id', '=', family.id)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const account = accounts[i] ?? '';
      // A French BBAN ends with its RIB key: 97 − (89 × bank + 15 × branch + 3 × account) mod 97.
      const key = String(97 - ((89 * 30004 + 15 * 821 + 3 * Number(account)) % 97)).padStart(2, '0');
      await this.trx
        .insertInto('sepa_mandates')
        .values({
          family_id: family.id,
          rum: `MARELLE-${String(family.id).padStart(6, '0')}`,
          iban: frenchIban(`3000400821${account}${key}`),
          bic: 'BNPAFRPPXXX',
          holder_name: `${holder.first_name} ${holder.last_name}`,
          signature_date: '2026-09-02',
          status: 'active',
          first_collected_at: null,
          last_collected_at: null,
          document_id: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
  }

  private async attendanceAssignments(): Promise<void> {
    const at = this.at('2026-08-28', '11:00');
    await withAssignments(this.trx)
      .insertInto('staff_service_assignments')
      .values((['restauration', 'periscolaire'] as const).map((code) => ({ staff_id: this.staffId('animateur'), service_id: this.service(code).id, assigned_at: at })))
      .execute();
  }

  /** Animators planned on the Wednesdays of the first term, group by group. */
  private async staffPlans(): Promise<void> {
    const mercredi = this.service('alsh_mercredi');
    const period = this.period('Mercredis 2026-2027');
    const rows: Insertable<Database['staff_plans']>[] = [];
    const admin = this.staffId('admin');
    for (const date of period.dates.filter((d) => d <= '2026-12-16')) {
      for (const [i, g] of mercredi.groups.entries()) {
        rows.push({
          service_id: mercredi.id,
          group_id: g.id,
          date,
          animators: i === 0 ? 3 : 2,
          qualified: i === 0 ? 2 : 1,
          director_counted: 0,
          names: i === 0 ? 'Yann Le Goff, Maëlle Hamon, Inès Riou' : 'Killian Jégou, Solène Prigent',
          updated_by: admin,
          updated_at: this.at('2026-08-28', '11:00'),
        });
      }
    }
    if (rows.length > 0) await this.trx.insertInto('staff_plans').values(rows).execute();
  }

  // ---- portal content ----------------------------------------------------------------------------

  private async content(): Promise<void> {
    const admin = this.staffId('admin');
    await this.trx
      .insertInto('news')
      .values(
        NEWS.map((n) => {
          const at = this.at(n.publishOn, '09:00');
          return {
            service_id: this.service(n.service).id,
            title: n.title,
            body: n.body,
            publish_from: at,
            publish_until: null,
            created_by: admin,
            created_at: at,
            updated_at: at,
          };
        }),
      )
      .execute();
    const at = this.at('2026-06-20', '10:00');
    await this.trx
      .insertInto('info_pages')
      .values([
        { service_id: null, slug: 'reglement-interieur', title: 'Règlement intérieur', body: REGLEMENT_INTERIEUR, published: 1, sort_order: 1, created_at: at, updated_at: at },
        { service_id: null, slug: 'guide-enfance-jeunesse', title: 'Guide enfance-jeunesse', body: GUIDE_ENFANCE_JEUNESSE, published: 1, sort_order: 2, created_at: at, updated_at: at },
        {
          service_id: this.service('restauration').id,
          slug: 'menus-restaurant',
          title: 'Menus du restaurant scolaire',
          body: MENUS_RESTAURANT,
          published: 1,
          sort_order: 3,
          created_at: at,
          updated_at: at,
        },
      ])
      .execute();
  }
}

/** FR + the check digits of ISO 13616 (mod 97 of the BBAN followed by "FR00", letters as numbers). */
function frenchIban(bban: string): string {
  const digits = `${bban}152700`;
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return `FR${String(98 - rest).padStart(2, '0')}${bban}`;
}
