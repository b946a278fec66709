/**
 * What the booking rules need from the store, loaded in a few set-wise queries: services with
 * their units, incompatibilities, groups, staffing rules and tariffs; the places already held;
 * the animators planned. Shared by the planning and the request evaluation so that both count
 * places the same way.
 */
import type { Selectable } from 'kysely';
import type { IsoDate } from '../calendar/dates';
import type { PeriodsTable, ServicesTable, UnitsTable } from '../db/tables/services.table';
import type { Db } from '../db/types';
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
    query: { unitIds: readonly number[]; services: readonly ServiceInfo[]; from: IsoDate; to: IsoDate; dates?: readonly IsoDate[] },
  ): Promise<PlaceBook> {
    const book = new PlaceBook();
    const unitIds = [...new Set(query.unitIds)];
    const serviceIds = [...new Set(query.services.map((s) => s.row.id))];
    if (unitIds.length === 0) return book;
    const dates = query.dates ? [...new Set(query.dates)] : null;
    const groupIds = query.services.flatMap((s) => s.groups.map((g) => g.id));
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
      serviceIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('staff_plans')
            .select(['group_id', 'date', 'animators'])
            .where('service_id', 'in', serviceIds)
            .where('date', '>=', query.from)
            .where('date', '<=', query.to)
            .execute(),
    ]);
    for (const c of [...listed, ...ungrouped]) book.add(c.unit_id, c.date, c.group_id, Number(c.n));
    for (const p of plans) book.animators.set(key(p.group_id, p.date), p.animators);
    return book;
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
      },
      { group: this.held.get(key(unit.id, date, groupId)) ?? 0, day: this.heldDay.get(key(unit.id, date)) ?? 0 },
    );
  }
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
