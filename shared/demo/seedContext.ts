/**
 * What every step of the demo seed shares: the public logins and school year of the demo, the
 * transaction, the clock, one random sequence (the steps draw from it in a fixed order, so the
 * data only stays the same if they keep running in that order) and the ids inserted so far.
 */
import { shippedSchoolHolidays, type IsoDate, type SchoolHoliday } from '../calendar';
import type { FamilyStatus } from '../db/tables/families.table';
import type { Trx } from '../db/types';
import type { ChildData } from './people';
import { Rng } from './random';
import type { DemoServiceCode } from './services';
import { notAfter, parisInstant, parisToday } from './time';
import { ageOn } from './util';

/** The public password of every demo login (printed by the server in demo mode only). */
export const DEMO_PASSWORD = 'Marelle-Demo-2026';
export const DEMO_PARENT_EMAIL = 'famille@demo.fr';
export const DEMO_SECOND_PARENT_EMAIL = 'moreau@demo.fr';

/** School year of the demo: rentrée Tuesday 1 September 2026, last day Friday 2 July 2027. */
export const DEMO_SCHOOL_YEAR = '2026-2027';
export const DEMO_RENTREE: IsoDate = '2026-09-01';
export const DEMO_YEAR_END: IsoDate = '2027-07-02';
export const ZONE = 'B' as const;
const SEED = 20260901;

export interface ServiceIds {
  id: number;
  units: Map<string, number>;
  /** Groups in age order. */
  groups: { id: number; min: number; max: number }[];
}

export interface PeriodInfo {
  id: number;
  serviceCode: DemoServiceCode;
  name: string;
  dates: IsoDate[];
}

export interface SeededChild {
  id: number;
  data: ChildData;
}

export interface SeededFamily {
  id: number;
  accountId: number;
  status: FamilyStatus;
  children: SeededChild[];
}

export class SeedContext {
  readonly rng = new Rng(SEED);
  readonly today: IsoDate;
  /** Filled by the services step, read by every later one. */
  readonly services = new Map<DemoServiceCode, ServiceIds>();
  /** Filled by the calendar step, in insertion order. */
  readonly periods: PeriodInfo[] = [];
  readonly staffIds = new Map<string, number>();
  readonly holidays: SchoolHoliday[];

  constructor(
    readonly trx: Trx,
    readonly now: Date,
    readonly passwordHash: string,
  ) {
    this.today = parisToday(now);
    this.holidays = shippedSchoolHolidays().filter(
      (h) => h.zone === ZONE && (h.schoolYear === '2026-2027' || h.schoolYear === '2027-2028'),
    );
  }

  at(date: IsoDate, time: string): string {
    return notAfter(this.now, parisInstant(date, time));
  }

  service(code: DemoServiceCode): ServiceIds {
    const s = this.services.get(code);
    if (!s) throw new Error(`Service de démonstration inconnu : ${code}`);
    return s;
  }

  unit(code: DemoServiceCode, unit: string): number {
    const id = this.service(code).units.get(unit);
    if (id === undefined) throw new Error(`Unité inconnue : ${code}/${unit}`);
    return id;
  }

  period(name: string): PeriodInfo {
    const p = this.periods.find((x) => x.name === name);
    if (!p) throw new Error(`Période inconnue : ${name}`);
    return p;
  }

  groupFor(code: DemoServiceCode, birthDate: string, date: IsoDate): number | null {
    const age = ageOn(birthDate, date);
    const groups = this.service(code).groups;
    // Outside every age range, the nearest group (the youngest or the oldest).
    const g = groups.find((x) => age >= x.min && age <= x.max) ?? (age < (groups[0]?.min ?? 0) ? groups[0] : groups.at(-1));
    return g?.id ?? null;
  }

  staffId(role: 'admin' | 'agent' | 'animateur'): number {
    const id = this.staffIds.get(role);
    if (id === undefined) throw new Error(`Compte du personnel absent : ${role}`);
    return id;
  }
}
