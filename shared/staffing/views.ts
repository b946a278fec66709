/**
 * The day and month views of places and staffing: per group and unit, the children holding a
 * place, the requests pending and waiting, the places the staff and the caps allow, and the
 * animators needed, missing or spare. Computed from the store on every call (no cache), so a plan
 * change shows at once.
 */
import type { Selectable } from 'kysely';
import { ageOn, LIVE_STATUSES, PLACE_HOLDING_STATUSES } from '../bookings/rules';
import { loadServiceInfos, type GroupInfo, type ServiceInfo } from '../bookings/context';
import { addDays, formatIsoDate, parseIsoDate, type IsoDate } from '../calendar/dates';
import type { BookingStatus } from '../db/tables/bookings.table';
import type { RatioRegime, StaffPlansTable, UnitsTable } from '../db/tables/services.table';
import type { Db } from '../db/types';
import { AppError, notFound } from '../errors';
import { MONTH_MESSAGE, isMonth } from '../schemas/staffing';
import { effectiveRatio, isLongSession, type Ratio, type RatioSource } from '../services/rules';
import { serviceDays, type ServiceDay } from './calendar';
import { staffPlanDto, type StaffPlanDto } from './plans';
import { addMix, EMPTY_MIX, groupPlaces, left, mixTotal, referenceUnderSix, unitPlaces, type AgeMix } from './places';

// ---- DTOs --------------------------------------------------------------------------------------

export interface PlacesFigures {
  /** Children holding a place (accepted, or accepted with a cancellation requested). */
  booked: number;
  bookedUnderSix: number;
  bookedSixPlus: number;
  /** Requests waiting for staff (EN ATTENTE DE TRAITEMENT). */
  pending: number;
  /** Lines on the waiting list. */
  waitlisted: number;
  /** Places the staff and the caps allow; null = nothing limits them. */
  places: number | null;
  /** Places left for one more child; null = no limit. */
  left: number | null;
  /** People counted in the ratio that day (director included when counted); null = no plan. */
  planned: number | null;
  /** Animators the law requires for the children booked; null = no ratio. */
  needed: number | null;
  /** The same if every pending request were accepted. */
  neededWithPending: number | null;
  /** planned − needed: negative = animators missing, positive = spare; null = no ratio. */
  balance: number | null;
}

export interface ServiceHeadDto {
  id: number;
  name: string;
  ratioRegime: RatioRegime;
  pedt: boolean;
  maxPlaces: number | null;
}

export interface GroupHeadDto {
  id: number;
  name: string;
  minAge: number;
  maxAge: number;
  maxPlaces: number | null;
}

export interface DayGroupFiguresDto extends PlacesFigures {
  /** null: children booked without a group (a service without groups). */
  groupId: number | null;
  ratio: Ratio | null;
  ratioSource: RatioSource | null;
}

export interface DayUnitDto {
  unitId: number;
  name: string;
  kind: 'accueil' | 'activite';
  startTime: string | null;
  endTime: string | null;
  longSession: boolean;
  /** The activity's places that day (activities only); null = no limit. */
  activityPlaces: number | null;
  groups: DayGroupFiguresDto[];
  total: Pick<PlacesFigures, 'booked' | 'pending' | 'waitlisted' | 'places' | 'left'>;
}

export interface DayViewDto {
  service: ServiceHeadDto;
  date: IsoDate;
  inPeriod: boolean;
  open: boolean;
  closedReason: string | null;
  groups: (GroupHeadDto & { plan: StaffPlanDto | null })[];
  units: DayUnitDto[];
}

/** How a month cell reads: colour and text say the same thing. */
export type CellStatus = 'missing' | 'no_plan' | 'full' | 'ok';

export interface MonthCellDto extends PlacesFigures {
  groupId: number;
  /** The unit shown: the one that needs the most animators that day. */
  unitId: number | null;
  unitName: string | null;
  status: CellStatus;
}

export interface MonthDayDto {
  date: IsoDate;
  open: boolean;
  closedReason: string | null;
  cells: MonthCellDto[];
}

export interface MonthViewDto {
  service: ServiceHeadDto;
  month: string;
  groups: GroupHeadDto[];
  /** Opening days, and the days staff closed. */
  days: MonthDayDto[];
}

// ---- loading -----------------------------------------------------------------------------------

interface Tally {
  held: AgeMix;
  pending: AgeMix;
  waitlisted: number;
}

const emptyTally = (): Tally => ({ held: EMPTY_MIX, pending: EMPTY_MIX, waitlisted: 0 });
const tallyKey = (date: IsoDate, unitId: number, groupId: number | null) => `${date}|${unitId}|${groupId ?? '-'}`;
const HOLDING: readonly BookingStatus[] = PLACE_HOLDING_STATUSES;

/** Live bookings of the service between two dates, counted per (date, unit, group) and by age. */
async function loadTallies(db: Db, serviceId: number, from: IsoDate, to: IsoDate): Promise<Map<string, Tally>> {
  const rows = await db
    .selectFrom('bookings as b')
    .innerJoin('children as c', 'c.id', 'b.child_id')
    .select(['b.date', 'b.unit_id', 'b.group_id', 'b.status', 'c.birth_date', (eb) => eb.fn.countAll<number>().as('n')])
    .where('b.service_id', '=', serviceId)
    .where('b.date', '>=', from)
    .where('b.date', '<=', to)
    .where('b.status', 'in', LIVE_STATUSES)
    .groupBy(['b.date', 'b.unit_id', 'b.group_id', 'b.status', 'c.birth_date'])
    .execute();
  const result = new Map<string, Tally>();
  for (const r of rows) {
    const k = tallyKey(r.date, r.unit_id, r.group_id);
    const t = result.get(k) ?? emptyTally();
    const n = Number(r.n);
    const mix: AgeMix = ageOn(r.birth_date, r.date) < 6 ? { underSix: n, sixPlus: 0 } : { underSix: 0, sixPlus: n };
    if (HOLDING.includes(r.status)) t.held = addMix(t.held, mix);
    else if (r.status === 'pending') t.pending = addMix(t.pending, mix);
    else if (r.status === 'waitlisted') t.waitlisted += n;
    result.set(k, t);
  }
  return result;
}

async function loadPlanRows(db: Db, serviceId: number, from: IsoDate, to: IsoDate): Promise<Map<string, Selectable<StaffPlansTable>>> {
  const rows = await db.selectFrom('staff_plans').selectAll().where('service_id', '=', serviceId).where('date', '>=', from).where('date', '<=', to).execute();
  return new Map(rows.map((r) => [`${r.group_id}|${r.date}`, r]));
}

async function requireServiceInfo(db: Db, serviceId: number): Promise<ServiceInfo> {
  const info = (await loadServiceInfos(db, [serviceId])).get(serviceId);
  if (!info) throw notFound('Ce service est introuvable.');
  return info;
}

const serviceHead = (s: ServiceInfo): ServiceHeadDto => ({
  id: s.row.id,
  name: s.row.name,
  ratioRegime: s.row.ratio_regime,
  pedt: s.row.pedt === 1,
  maxPlaces: s.row.max_places,
});

const groupHead = (g: GroupInfo): GroupHeadDto => ({ id: g.id, name: g.name, minAge: g.minAge, maxAge: g.maxAge, maxPlaces: g.maxPlaces });

// ---- computing one day -------------------------------------------------------------------------

type UnitRow = Selectable<UnitsTable>;

/** The units of a day: the active accueils, the activities offered that day, and any unit with bookings. */
function unitsOfDay(service: ServiceInfo, day: ServiceDay, tallies: Map<string, Tally>): UnitRow[] {
  return service.units.filter((u) => {
    if (u.kind === 'accueil' && u.active === 1) return true;
    if (u.kind === 'activite' && day.activities.has(u.id)) return true;
    const groupIds: (number | null)[] = [...service.groups.map((g) => g.id), null];
    return groupIds.some((g) => tallies.has(tallyKey(day.date, u.id, g)));
  });
}

function computeUnit(service: ServiceInfo, day: ServiceDay, unit: UnitRow, tallies: Map<string, Tally>, plans: Map<string, Selectable<StaffPlansTable>>): DayUnitDto {
  const longSession = unit.start_time !== null && unit.end_time !== null && isLongSession(unit.start_time, unit.end_time);
  const activityPlaces = unit.kind === 'activite' ? (day.activities.get(unit.id) ?? null) : null;
  const serviceRatio = { ratioRegime: service.row.ratio_regime, pedt: service.row.pedt === 1 };

  const rows: { groupId: number | null; ratio: Ratio | null; ratioSource: RatioSource | null; tally: Tally; figures: ReturnType<typeof groupPlaces>; planned: number | null }[] = [];
  for (const g of service.groups) {
    const tally = tallies.get(tallyKey(day.date, unit.id, g.id)) ?? emptyTally();
    const ratio = effectiveRatio(service.staffingRules, serviceRatio, { groupId: g.id, longSession });
    const plan = plans.get(`${g.id}|${day.date}`);
    const planned = plan ? plan.animators : null;
    const figures = groupPlaces({
      animators: planned,
      ratio: ratio?.ratio ?? null,
      held: tally.held,
      pending: tally.pending,
      groupMaxPlaces: g.maxPlaces,
      underSixReference: referenceUnderSix(g),
    });
    rows.push({ groupId: g.id, ratio: ratio?.ratio ?? null, ratioSource: ratio?.source ?? null, tally, figures, planned });
  }
  const ungrouped = tallies.get(tallyKey(day.date, unit.id, null));
  if (ungrouped || service.groups.length === 0) {
    const tally = ungrouped ?? emptyTally();
    // PlaceBook applies no ratio to a line without a group: neither do the views.
    const figures = groupPlaces({ animators: null, ratio: null, held: tally.held, pending: tally.pending, groupMaxPlaces: null, underSixReference: false });
    rows.push({ groupId: null, ratio: null, ratioSource: null, tally, figures, planned: null });
  }

  const heldDay = rows.reduce((n, r) => n + mixTotal(r.tally.held), 0);
  const totalPlaces = unitPlaces(
    rows.map((r) => r.figures.places),
    { serviceMaxPlaces: service.row.max_places, activityPlaces },
  );
  const totalLeft = left(totalPlaces, heldDay);

  const groups: DayGroupFiguresDto[] = rows.map((r) => {
    const held = mixTotal(r.tally.held);
    const own = left(r.figures.places, held);
    // As PlaceBook.left: the tightest of the group's own places and what the day has left.
    const groupLeft = own === null ? totalLeft : totalLeft === null ? own : Math.min(own, totalLeft);
    return {
      groupId: r.groupId,
      ratio: r.ratio,
      ratioSource: r.ratioSource,
      booked: held,
      bookedUnderSix: r.tally.held.underSix,
      bookedSixPlus: r.tally.held.sixPlus,
      pending: mixTotal(r.tally.pending),
      waitlisted: r.tally.waitlisted,
      places: r.figures.places,
      left: groupLeft,
      planned: r.planned,
      needed: r.figures.needed,
      neededWithPending: r.figures.neededWithPending,
      balance: r.figures.balance,
    };
  });

  return {
    unitId: unit.id,
    name: unit.name,
    kind: unit.kind,
    startTime: unit.start_time,
    endTime: unit.end_time,
    longSession,
    activityPlaces,
    groups,
    total: {
      booked: heldDay,
      pending: groups.reduce((n, g) => n + g.pending, 0),
      waitlisted: groups.reduce((n, g) => n + g.waitlisted, 0),
      places: totalPlaces,
      left: totalLeft,
    },
  };
}

// ---- the views ---------------------------------------------------------------------------------

export async function loadDayView(db: Db, serviceId: number, date: IsoDate): Promise<DayViewDto> {
  const service = await requireServiceInfo(db, serviceId);
  const [days, tallies, plans] = await Promise.all([serviceDays(db, serviceId, date, date), loadTallies(db, serviceId, date, date), loadPlanRows(db, serviceId, date, date)]);
  const day = days.get(date) ?? { date, inPeriod: false, open: false, closedReason: null, closedByStaff: false, periodId: null, activities: new Map<number, number | null>() };
  const units = day.open || tallies.size > 0 ? unitsOfDay(service, day, tallies).map((u) => computeUnit(service, day, u, tallies, plans)) : [];
  return {
    service: serviceHead(service),
    date,
    inPeriod: day.inPeriod,
    open: day.open,
    closedReason: day.closedReason,
    groups: service.groups.map((g) => {
      const plan = plans.get(`${g.id}|${date}`);
      return { ...groupHead(g), plan: plan ? staffPlanDto(plan) : null };
    }),
    units,
  };
}

/** Worst first: animators missing, then the fullest unit. */
function busiest(a: DayGroupFiguresDto, b: DayGroupFiguresDto): number {
  const balance = (x: DayGroupFiguresDto) => x.balance ?? Number.POSITIVE_INFINITY;
  const leftOf = (x: DayGroupFiguresDto) => x.left ?? Number.POSITIVE_INFINITY;
  return balance(a) - balance(b) || b.booked - a.booked || leftOf(a) - leftOf(b);
}

export function cellStatus(f: Pick<PlacesFigures, 'balance' | 'planned' | 'needed' | 'left'>): CellStatus {
  if (f.balance !== null && f.balance < 0) return 'missing';
  if (f.needed !== null && f.planned === null) return 'no_plan';
  if (f.left === 0) return 'full';
  return 'ok';
}


const figuresOf = (x: PlacesFigures): PlacesFigures => ({
  booked: x.booked,
  bookedUnderSix: x.bookedUnderSix,
  bookedSixPlus: x.bookedSixPlus,
  pending: x.pending,
  waitlisted: x.waitlisted,
  places: x.places,
  left: x.left,
  planned: x.planned,
  needed: x.needed,
  neededWithPending: x.neededWithPending,
  balance: x.balance,
});

export async function loadMonthView(db: Db, serviceId: number, month: string): Promise<MonthViewDto> {
  if (!isMonth(month)) throw new AppError('validation', MONTH_MESSAGE);
  const service = await requireServiceInfo(db, serviceId);
  const { year, month: m } = parseIsoDate(`${month}-01`);
  const from = formatIsoDate(year, m, 1);
  const to = addDays(m === 12 ? formatIsoDate(year + 1, 1, 1) : formatIsoDate(year, m + 1, 1), -1);
  const [days, tallies, plans] = await Promise.all([serviceDays(db, serviceId, from, to), loadTallies(db, serviceId, from, to), loadPlanRows(db, serviceId, from, to)]);
  const out: MonthDayDto[] = [];
  for (const day of days.values()) {
    if (!day.inPeriod) continue;
    // Days the period never opens (a Tuesday for the Wednesdays, a public holiday) are left out;
    // a day staff closed stays, with its reason.
    if (!day.open && !day.closedByStaff) continue;
    const units = day.open ? unitsOfDay(service, day, tallies).map((u) => computeUnit(service, day, u, tallies, plans)) : [];
    const cells: MonthCellDto[] = service.groups.map((g) => {
      const candidates = units
        .map((u) => ({ unit: u, figures: u.groups.find((x) => x.groupId === g.id) }))
        .filter((c): c is { unit: DayUnitDto; figures: DayGroupFiguresDto } => c.figures !== undefined)
        .sort((a, b) => busiest(a.figures, b.figures));
      const pick = candidates[0];
      const plan = plans.get(`${g.id}|${day.date}`);
      if (!pick) {
        return {
          groupId: g.id,
          unitId: null,
          unitName: null,
          booked: 0,
          bookedUnderSix: 0,
          bookedSixPlus: 0,
          pending: 0,
          waitlisted: 0,
          places: null,
          left: null,
          planned: plan ? plan.animators : null,
          needed: null,
          neededWithPending: null,
          balance: null,
          status: 'ok',
        };
      }
      const figures = figuresOf(pick.figures);
      return { ...figures, groupId: g.id, unitId: pick.unit.unitId, unitName: pick.unit.name, status: cellStatus(figures) };
    });
    out.push({ date: day.date, open: day.open, closedReason: day.closedReason, cells });
  }
  return { service: serviceHead(service), month, groups: service.groups.map(groupHead), days: out };
}
