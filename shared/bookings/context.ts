/**
 * What the booking rules need from the store, loaded in a few set-wise queries: services with
 * their units, incompatibilities, groups, staffing rules and tariffs; the places already held;
 * the animators planned. Shared by the planning and the request evaluation so that both count
 * places the same way.
 */
import { CompiledQuery, sql, type Selectable } from 'kysely';
import type { IsoDate } from '../calendar/dates';
import type { PeriodsTable, ServicesTable, UnitsTable } from '../db/tables/services.table';
import { CONFIG_VERSION_TABLES, configVersionTrigger, PLACE_COUNT_TRIGGERS } from '../db/migrations/0011_config_version';
import type { Db } from '../db/types';
import { rawQuery } from '../db/direct';
import { precompiled } from '../db/precompiled';
import { effectiveRatio, isLongSession, type StaffingRuleLike, type UnitPair } from '../services/rules';
import { loadTariffs, type TariffGrid } from '../tariffs';
import { ageOn, bookingSettingsOf, groupFor, PLACE_HOLDING_STATUSES, placesLeft, type BookingSettings } from './rules';

export interface GroupInfo {
  id: number;
  name: string;
  minAge: number;
  maxAge: number;
  maxPlaces: number | null;
}

export interface ServiceInfo {
  row: Selectable<ServicesTable>;
  settings: BookingSettings;
  /** Every unit of the service, active or not, in display order. */
  units: Selectable<UnitsTable>[];
  pairs: UnitPair[];
  groups: GroupInfo[];
  staffingRules: StaffingRuleLike[];
  grids: TariffGrid[];
}

/** The services, by id, with everything the rules read (tariffs included). */
export async function loadServiceInfos(db: Db, serviceIds: readonly number[]): Promise<Map<number, ServiceInfo>> {
  const ids = [...new Set(serviceIds)];
  const result = new Map<number, ServiceInfo>();
  if (ids.length === 0) return result;
  const [services, units, pairs, groups, rules] = await Promise.all([
    db.selectFrom('services').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('units').selectAll().where('service_id', 'in', ids).orderBy('sort_order').orderBy('id').execute(),
    db
      .selectFrom('unit_incompatibilities as i')
      .innerJoin('units as u', 'u.id', 'i.unit_id')
      .select(['u.service_id', 'i.unit_id', 'i.other_unit_id'])
      .where('u.service_id', 'in', ids)
      .execute(),
    db.selectFrom('groups').selectAll().where('service_id', 'in', ids).orderBy('sort_order').orderBy('id').execute(),
    db.selectFrom('staffing_rules').selectAll().where('service_id', 'in', ids).execute(),
  ]);
  for (const s of services) {
    result.set(s.id, {
      row: s,
      settings: bookingSettingsOf(s),
      units: units.filter((u) => u.service_id === s.id),
      pairs: pairs.filter((p) => p.service_id === s.id).map((p) => [p.unit_id, p.other_unit_id] as const),
      groups: groups
        .filter((g) => g.service_id === s.id)
        .map((g) => ({ id: g.id, name: g.name, minAge: g.min_age, maxAge: g.max_age, maxPlaces: g.max_places })),
      staffingRules: rules
        .filter((r) => r.service_id === s.id)
        .map((r) => ({
          groupId: r.group_id,
          longSession: r.long_session === 1,
          underSixPerAnimator: r.under_six_per_animator,
          sixPlusPerAnimator: r.six_plus_per_animator,
        })),
      grids: [],
    });
  }
  for (const info of result.values()) info.grids = await loadTariffs(db, info.row.id);
  return result;
}

/** The child's age group in a service on a day, and whether the child is under six then. */
export function childGroup(service: ServiceInfo, birthDate: IsoDate, date: IsoDate): { group: GroupInfo | null; underSix: boolean } {
  const age = ageOn(birthDate, date);
  return { group: groupFor(service.groups, age), underSix: age < 6 };
}

const key = (...parts: (number | string | null)[]): string => parts.map((p) => (p === null ? '-' : String(p))).join('|');

/**
 * Places held per (unit, date, group) by accepted and cancellation-pending bookings, plus the
 * animators planned per (group, date). `take`/`release` keep the counts right while one request
 * is evaluated line after line.
 */
export class PlaceBook {
  private readonly held = new Map<string, number>();
  private readonly heldDay = new Map<string, number>();
  private readonly animators = new Map<string, number>();

  /**
   * Loads the places held on the given days (a list, or every day from `from` to `to`). With the
   * days listed and the groups known, each lookup seeks the (unit, date, group, status) index
   * straight to the rows that hold a place, however many refused lines a rush left behind.
   */
  static async load(
    db: Db,
    query: {
      unitIds: readonly number[];
      services: readonly ServiceInfo[];
      from: IsoDate;
      to: IsoDate;
      dates?: readonly IsoDate[];
      /**
       * 'counts': read `booking_place_counts` (kept by triggers, migration 0011) — a few rows per
       * day instead of one per booking; only when `ReferenceData.placeCounts` says its triggers
       * are all there. Default: count the bookings.
       */
      source?: 'bookings' | 'counts';
      /**
       * Also count the waiting-list lines offered a place (docs/decisions/0007) whose offer runs
       * at `at`: the place is held for that family, not for the next request — except the lines
       * named in `except` (staff deciding those very lines).
       */
      offers?: { at: Date; except?: ReadonlySet<number> };
    },
  ): Promise<PlaceBook> {
    const book = new PlaceBook();
    const unitIds = [...new Set(query.unitIds)];
    const serviceIds = [...new Set(query.services.map((s) => s.row.id))];
    if (unitIds.length === 0) return book;
    const dates = query.dates ? [...new Set(query.dates)] : null;
    const groupIds = query.services.flatMap((s) => s.groups.map((g) => g.id));
    if (query.source === 'counts') {
      const known = new Set(groupIds);
      const [rows, plans] = await Promise.all([
        dates
          ? rawQuery<PlaceCountRow>(db, PLACE_COUNTS_ON_DAYS, [JSON.stringify(unitIds), JSON.stringify(dates)])
          : rawQuery<PlaceCountRow>(db, PLACE_COUNTS_BETWEEN, [JSON.stringify(unitIds), query.from, query.to]),
        staffPlans(db, serviceIds, query.from, query.to),
      ]);
      // As when counting bookings: the service's groups, and lines without a group.
      for (const r of rows) {
        if (r.group_key === 0) book.add(r.unit_id, r.date, null, Number(r.n));
        else if (known.has(r.group_key)) book.add(r.unit_id, r.date, r.group_key, Number(r.n));
      }
      for (const p of plans) book.animators.set(key(p.group_id, p.date), p.animators);
      if (query.offers) await book.takeOffers(db, unitIds, dates, query, query.offers);
      return book;
    }
    const counts = (groups: 'listed' | 'none') => {
      let q = db
        .selectFrom('bookings')
        .select(['unit_id', 'date', 'group_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('unit_id', 'in', unitIds);
      q = dates ? q.where('date', 'in', dates) : q.where('date', '>=', query.from).where('date', '<=', query.to);
      q = groups === 'listed' ? q.where('group_id', 'in', groupIds) : q.where('group_id', 'is', null);
      return q.where('status', 'in', PLACE_HOLDING_STATUSES).groupBy(['unit_id', 'date', 'group_id']).execute();
    };
    const [listed, ungrouped, plans] = await Promise.all([
      groupIds.length > 0 ? counts('listed') : Promise.resolve([]),
      // Lines without a group (a service that had none when they were booked) still fill the day.
      counts('none'),
      staffPlans(db, serviceIds, query.from, query.to),
    ]);
    for (const c of [...listed, ...ungrouped]) book.add(c.unit_id, c.date, c.group_id, Number(c.n));
    for (const p of plans) book.animators.set(key(p.group_id, p.date), p.animators);
    if (query.offers) await book.takeOffers(db, unitIds, dates, query, query.offers);
    return book;
  }

  /**
   * Offers still running hold their place. INDEXED BY: left to itself SQLite plans this on
   * bookings_places and reads every booking of the unit that day (thousands in a rush, a third of
   * a request's time); the partial index on offer_expires_at holds only the few offered lines.
   */
  private async takeOffers(
    db: Db,
    unitIds: readonly number[],
    dates: readonly IsoDate[] | null,
    range: { from: IsoDate; to: IsoDate },
    offers: { at: Date; except?: ReadonlySet<number> },
  ): Promise<void> {
    const running = await rawQuery<{ id: number; unit_id: number; date: IsoDate; group_id: number | null }>(db, LIVE_OFFERS, [
      offers.at.toISOString(),
      JSON.stringify(unitIds),
      range.from,
      range.to,
    ]);
    const wanted = dates ? new Set(dates) : null;
    for (const o of running) {
      if ((!wanted || wanted.has(o.date)) && !offers.except?.has(o.id)) this.add(o.unit_id, o.date, o.group_id, 1);
    }
  }

  private add(unitId: number, date: IsoDate, groupId: number | null, n: number): void {
    const k = key(unitId, date, groupId);
    this.held.set(k, (this.held.get(k) ?? 0) + n);
    const d = key(unitId, date);
    this.heldDay.set(d, (this.heldDay.get(d) ?? 0) + n);
  }

  take(unitId: number, date: IsoDate, groupId: number | null): void {
    this.add(unitId, date, groupId, 1);
  }

  release(unitId: number, date: IsoDate, groupId: number | null): void {
    this.add(unitId, date, groupId, -1);
  }

  /** Places left for one more child of that group (and age) on that day; null = no limit. */
  left(service: ServiceInfo, unit: Pick<Selectable<UnitsTable>, 'id' | 'start_time' | 'end_time'>, date: IsoDate, child: { group: GroupInfo | null; underSix: boolean }, activityPlaces: number | null): number | null {
    const groupId = child.group?.id ?? null;
    const planned = groupId === null ? undefined : this.animators.get(key(groupId, date));
    let staffing: { animators: number; ratio: { underSix: number; sixPlus: number } } | null = null;
    if (planned !== undefined) {
      const longSession = unit.start_time !== null && unit.end_time !== null && isLongSession(unit.start_time, unit.end_time);
      const ratio = effectiveRatio(service.staffingRules, { ratioRegime: service.row.ratio_regime, pedt: service.row.pedt === 1 }, { groupId, longSession });
      if (ratio) staffing = { animators: planned, ratio: ratio.ratio };
    }
    return placesLeft(
      {
        groupMaxPlaces: child.group?.maxPlaces ?? null,
        serviceMaxPlaces: service.row.max_places,
        activityPlaces,
        staffing,
        underSix: child.underSix,
        mixedAges: child.group !== null && child.group.minAge < 6 && child.group.maxAge >= 6,
      },
      { group: this.held.get(key(unit.id, date, groupId)) ?? 0, day: this.heldDay.get(key(unit.id, date)) ?? 0 },
    );
  }
}

interface PlaceCountRow {
  unit_id: number;
  date: IsoDate;
  group_key: number;
  n: number;
}

const LIVE_OFFERS = `SELECT id, unit_id, date, group_id FROM bookings INDEXED BY bookings_offers
  WHERE offer_expires_at > ? AND status = 'waitlisted' AND unit_id IN (SELECT value FROM json_each(?)) AND date >= ? AND date <= ?`;
const PLACE_COUNTS_ON_DAYS = `SELECT unit_id, date, group_key, n FROM booking_place_counts
  WHERE unit_id IN (SELECT value FROM json_each(?)) AND date IN (SELECT value FROM json_each(?)) AND n <> 0`;
const PLACE_COUNTS_BETWEEN = `SELECT unit_id, date, group_key, n FROM booking_place_counts
  WHERE unit_id IN (SELECT value FROM json_each(?)) AND date >= ? AND date <= ? AND n <> 0`;

// Read by every booking request: built once (precompiled.ts).
const staffPlansQuery = precompiled<{ serviceIds: string; from: IsoDate; to: IsoDate }>()((db, slot) =>
  db
    .selectFrom('staff_plans')
    .select(['group_id', 'date', 'animators'])
    .where(sql<boolean>`service_id IN (SELECT value FROM json_each(${slot('serviceIds')}))`)
    .where('date', '>=', slot('from'))
    .where('date', '<=', slot('to')),
);

function staffPlans(db: Db, serviceIds: readonly number[], from: IsoDate, to: IsoDate): Promise<{ group_id: number; date: IsoDate; animators: number }[]> {
  if (serviceIds.length === 0) return Promise.resolve([]);
  return staffPlansQuery.all(db, { serviceIds: JSON.stringify(serviceIds), from, to });
}

/** Periods of the services that overlap [from, to]. */
export async function periodsBetween(db: Db, serviceIds: readonly number[], from: IsoDate, to: IsoDate): Promise<Selectable<PeriodsTable>[]> {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('periods')
    .selectAll()
    .where('service_id', 'in', [...new Set(serviceIds)])
    .where('start_date', '<=', to)
    .where('end_date', '>=', from)
    .orderBy('start_date')
    .orderBy('id')
    .execute();
}

export interface OpeningDayInfo {
  id: number;
  periodId: number;
  date: IsoDate;
  closed: boolean;
  note: string | null;
  /** Activities offered that day: unit id → places (null = no limit). */
  activities: Map<number, number | null>;
}

/** Opening days of the periods between two dates, by `periodId|date`. */
export async function openingDaysBetween(db: Db, periodIds: readonly number[], from: IsoDate, to: IsoDate): Promise<Map<string, OpeningDayInfo>> {
  const result = new Map<string, OpeningDayInfo>();
  if (periodIds.length === 0) return result;
  const ids = [...new Set(periodIds)];
  const [days, activities] = await Promise.all([
    db
      .selectFrom('opening_days')
      .select(['id', 'period_id', 'date', 'closed', 'note'])
      .where('period_id', 'in', ids)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute(),
    db
      .selectFrom('opening_day_activities as a')
      .innerJoin('opening_days as d', 'd.id', 'a.opening_day_id')
      .select(['a.opening_day_id', 'a.unit_id', 'a.places'])
      .where('d.period_id', 'in', ids)
      .where('d.date', '>=', from)
      .where('d.date', '<=', to)
      .execute(),
  ]);
  const byId = new Map<number, OpeningDayInfo>();
  for (const d of days) {
    const info: OpeningDayInfo = { id: d.id, periodId: d.period_id, date: d.date, closed: d.closed === 1, note: d.note, activities: new Map() };
    byId.set(d.id, info);
    result.set(`${d.period_id}|${d.date}`, info);
  }
  for (const a of activities) byId.get(a.opening_day_id)?.activities.set(a.unit_id, a.places);
  return result;
}

// ---- reference data kept in memory ----------------------------------------------------------------

const VERSION_QUERY = 'SELECT version FROM config_version WHERE id = 1';
const TRIGGER_NAMES = CONFIG_VERSION_TABLES.flatMap((t) => (['insert', 'update', 'delete'] as const).map((e) => configVersionTrigger(t, e)));
const triggersQuery = (names: readonly string[]) =>
  CompiledQuery.raw(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?))`, [JSON.stringify(names)]);
const allThere = async (db: Db, names: readonly string[]): Promise<boolean> =>
  Number((await db.executeQuery<{ n: number }>(triggersQuery(names))).rows[0]?.n ?? 0) === names.length;

interface Snapshot {
  version: number;
  units: Map<number, Selectable<UnitsTable>> | null;
  services: Map<number, ServiceInfo>;
  /** Every period of a service, by service id (sorted by start date, then id). */
  periods: Map<number, Selectable<PeriodsTable>[]>;
  /** Opening days of a whole period, by period id, then by date. */
  openingDays: Map<number, Map<IsoDate, OpeningDayInfo>>;
}

interface Cache {
  /** False when a trigger of migration 0011 is missing (a later migration rebuilt a table): reload every time. */
  enabled: boolean;
  /** `booking_place_counts` is kept by all its triggers. */
  placeCounts: boolean;
  snapshot: Snapshot | null;
}

const caches = new WeakMap<object, Cache>();

const emptySnapshot = (version: number): Snapshot => ({ version, units: null, services: new Map(), periods: new Map(), openingDays: new Map() });

/**
 * The services' reference data (units, services with their groups, rules and tariffs, periods,
 * opening days), read once and kept while `config_version` stays the same.
 * Triggers bump that counter on every write to those tables (migration 0011), whoever writes;
 * each request reads it in its own transaction, so what it uses is what the store holds at that
 * moment. Lazy parts are loaded with the caller's `db` (its transaction) on first use.
 */
export class ReferenceData {
  private constructor(
    private readonly db: Db,
    private readonly snap: Snapshot,
    /** Places may be read from `booking_place_counts` (`PlaceBook.load` source 'counts'). */
    readonly placeCounts: boolean,
  ) {}

  /** `owner`: the store's root Kysely instance (a transaction object changes with each transaction). */
  static async open(db: Db, owner: object): Promise<ReferenceData> {
    let cache = caches.get(owner);
    if (!cache) {
      cache = { enabled: await allThere(db, TRIGGER_NAMES), placeCounts: await allThere(db, PLACE_COUNT_TRIGGERS), snapshot: null };
      caches.set(owner, cache);
    }
    const row = (await rawQuery<{ version: number }>(db, VERSION_QUERY, []))[0];
    const version = row ? Number(row.version) : Number.NaN;
    if (!cache.enabled || Number.isNaN(version)) return new ReferenceData(db, emptySnapshot(Number.NaN), cache.placeCounts);
    if (!cache.snapshot || cache.snapshot.version !== version) cache.snapshot = emptySnapshot(version);
    return new ReferenceData(db, cache.snapshot, cache.placeCounts);
  }

  async units(ids: Iterable<number>): Promise<Map<number, Selectable<UnitsTable>>> {
    if (!this.snap.units) {
      const rows = await this.db.selectFrom('units').selectAll().execute();
      this.snap.units = new Map(rows.map((u) => [u.id, u]));
    }
    const all = this.snap.units;
    const out = new Map<number, Selectable<UnitsTable>>();
    for (const id of ids) {
      const u = all.get(id);
      if (u) out.set(id, u);
    }
    return out;
  }

  async services(ids: Iterable<number>): Promise<Map<number, ServiceInfo>> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.snap.services.has(id));
    if (missing.length > 0) for (const [id, info] of await loadServiceInfos(this.db, missing)) this.snap.services.set(id, info);
    const out = new Map<number, ServiceInfo>();
    for (const id of wanted) {
      const info = this.snap.services.get(id);
      if (info) out.set(id, info);
    }
    return out;
  }

  /** Same answer as `periodsBetween`. */
  async periods(serviceIds: readonly number[], from: IsoDate, to: IsoDate): Promise<Selectable<PeriodsTable>[]> {
    const wanted = [...new Set(serviceIds)];
    const missing = wanted.filter((id) => !this.snap.periods.has(id));
    if (missing.length > 0) {
      const rows = await this.db.selectFrom('periods').selectAll().where('service_id', 'in', missing).orderBy('start_date').orderBy('id').execute();
      for (const id of missing) this.snap.periods.set(id, rows.filter((p) => p.service_id === id));
    }
    return wanted
      .flatMap((id) => (this.snap.periods.get(id) ?? []).filter((p) => p.start_date <= to && p.end_date >= from))
      .sort((a, b) => (a.start_date !== b.start_date ? (a.start_date < b.start_date ? -1 : 1) : a.id - b.id));
  }

  /** Same answer as `openingDaysBetween`: by `periodId|date`. */
  async openingDays(periodIds: readonly number[], from: IsoDate, to: IsoDate): Promise<Map<string, OpeningDayInfo>> {
    const wanted = [...new Set(periodIds)];
    const missing = wanted.filter((id) => !this.snap.openingDays.has(id));
    if (missing.length > 0) {
      const all = await openingDaysBetween(this.db, missing, '0000-01-01', '9999-12-31');
      for (const id of missing) this.snap.openingDays.set(id, new Map());
      for (const day of all.values()) this.snap.openingDays.get(day.periodId)?.set(day.date, day);
    }
    const out = new Map<string, OpeningDayInfo>();
    for (const id of wanted) {
      for (const [date, day] of this.snap.openingDays.get(id) ?? []) if (date >= from && date <= to) out.set(`${id}|${date}`, day);
    }
    return out;
  }
}
