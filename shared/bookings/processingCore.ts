/**
 * What the staff's decisions, the waiting list and the automatic refusal share: the booking lines
 * with the names their messages need, the places left counted exactly as the booking rules count
 * them (`PlaceBook` + the child's group), and the one way a line changes state — a guarded UPDATE
 * (status and version as read) plus its `booking_events` row.
 */
import type { IsoDate } from '../calendar/dates';
import type { ActorType } from '../db/tables/system.table';
import type { BookingStatus } from '../db/tables/bookings.table';
import type { Db, Trx } from '../db/types';
import { AppError } from '../errors';
import { childGroup, loadServiceInfos, openingDaysBetween, PlaceBook, type GroupInfo, type OpeningDayInfo, type ServiceInfo } from './context';
import type { DecidedLine } from './processingEmails';
import { frenchDate } from './rules';

/** A booking line with the names and facts its processing reads. */
export interface LineRow {
  id: number;
  version: number;
  status: BookingStatus;
  familyId: number;
  childId: number;
  serviceId: number;
  periodId: number;
  unitId: number;
  groupId: number | null;
  date: IsoDate;
  statusReason: string | null;
  requestId: number | null;
  cancelRequestId: number | null;
  billedIfCancelled: boolean;
  surchargeCents: number;
  createdAt: string;
  updatedAt: string;
  offerExpiresAt: string | null;
  firstName: string;
  lastName: string;
  birthDate: IsoDate;
  unitName: string;
  serviceName: string;
}

/** The select behind every `LineRow`; callers add their filters. */
export function lineRowsQuery(db: Db) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('children as c', 'c.id', 'b.child_id')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .innerJoin('services as s', 's.id', 'b.service_id')
    .select([
      'b.id',
      'b.version',
      'b.status',
      'b.family_id',
      'b.child_id',
      'b.service_id',
      'b.period_id',
      'b.unit_id',
      'b.group_id',
      'b.date',
      'b.status_reason',
      'b.request_id',
      'b.cancel_request_id',
      'b.billed_if_cancelled',
      'b.surcharge_cents',
      'b.created_at',
      'b.updated_at',
      'b.offer_expires_at',
      'c.first_name',
      'c.last_name',
      'c.birth_date',
      'u.name as unit_name',
      's.name as service_name',
    ]);
}

type RawRow = Awaited<ReturnType<ReturnType<typeof lineRowsQuery>['execute']>>[number];

export function toLineRow(r: RawRow): LineRow {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    familyId: r.family_id,
    childId: r.child_id,
    serviceId: r.service_id,
    periodId: r.period_id,
    unitId: r.unit_id,
    groupId: r.group_id,
    date: r.date,
    statusReason: r.status_reason,
    requestId: r.request_id,
    cancelRequestId: r.cancel_request_id,
    billedIfCancelled: r.billed_if_cancelled === 1,
    surchargeCents: r.surcharge_cents,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    offerExpiresAt: r.offer_expires_at,
    firstName: r.first_name,
    lastName: r.last_name,
    birthDate: r.birth_date,
    unitName: r.unit_name,
    serviceName: r.service_name,
  };
}

export const childNameOf = (row: Pick<LineRow, 'firstName' | 'lastName'>): string => `${row.firstName} ${row.lastName}`;

/** « Léo Lefèvre, 09/12/2026, Journée » — how a line is named in the staff's messages. */
export const lineLabel = (row: LineRow): string => `n° ${row.id} (${childNameOf(row)}, ${frenchDate(row.date)}, ${row.unitName})`;

/** A waitlisted line whose offer is still running holds its place. */
export const offerRunning = (row: Pick<LineRow, 'status' | 'offerExpiresAt'>, now: Date): boolean =>
  row.status === 'waitlisted' && row.offerExpiresAt !== null && Date.parse(row.offerExpiresAt) > now.getTime();

/**
 * The places of the days and units of some lines, counted like the booking rules count them, plus
 * the places held by running waiting-list offers (except the lines named in `exceptOffers`, which
 * are the ones being decided).
 */
export class LinePlaces {
  private constructor(
    private readonly book: PlaceBook,
    readonly services: Map<number, ServiceInfo>,
    private readonly days: Map<string, OpeningDayInfo>,
  ) {}

  static async load(db: Db, rows: readonly LineRow[], now: Date, exceptOffers: ReadonlySet<number> = new Set()): Promise<LinePlaces> {
    const services = await loadServiceInfos(db, rows.map((r) => r.serviceId));
    if (rows.length === 0) return new LinePlaces(new PlaceBook(), services, new Map());
    const dates = [...new Set(rows.map((r) => r.date))].sort();
    const from = dates[0] ?? '';
    const to = dates[dates.length - 1] ?? '';
    const unitIds = [...new Set(rows.map((r) => r.unitId))];
    const [book, days] = await Promise.all([
      PlaceBook.load(db, { unitIds, services: [...services.values()], from, to, dates, offers: { at: now, except: exceptOffers } }),
      openingDaysBetween(db, [...new Set(rows.map((r) => r.periodId))], from, to),
    ]);
    return new LinePlaces(book, services, days);
  }

  service(row: LineRow): ServiceInfo {
    const service = this.services.get(row.serviceId);
    if (!service) throw new Error(`Service ${row.serviceId} introuvable.`);
    return service;
  }

  /** The line's group: the one stored with it, else the child's age group that day. */
  private who(row: LineRow): { group: GroupInfo | null; underSix: boolean } {
    const service = this.service(row);
    const who = childGroup(service, row.birthDate, row.date);
    const stored = row.groupId === null ? null : (service.groups.find((g) => g.id === row.groupId) ?? null);
    return { group: stored ?? who.group, underSix: who.underSix };
  }

  /** Places left for this line's child on its day and unit; null = no limit. */
  left(row: LineRow): number | null {
    const service = this.service(row);
    const unit = service.units.find((u) => u.id === row.unitId);
    if (!unit) return 0;
    const activityPlaces = unit.kind === 'activite' ? (this.days.get(`${row.periodId}|${row.date}`)?.activities.get(unit.id) ?? null) : null;
    return this.book.left(service, unit, row.date, this.who(row), activityPlaces);
  }

  hasPlace(row: LineRow): boolean {
    const left = this.left(row);
    return left === null || left > 0;
  }

  take(row: LineRow): void {
    this.book.take(row.unitId, row.date, this.who(row).group?.id ?? null);
  }

  release(row: LineRow): void {
    this.book.release(row.unitId, row.date, row.groupId);
  }
}

export interface Actor {
  type: ActorType;
  id: number | null;
}

export interface Transition {
  to: BookingStatus;
  /** The line's new `status_reason`. */
  reason: string | null;
  /** The reason kept in the history (defaults to `reason`). */
  eventReason?: string | null;
  billedIfCancelled?: boolean;
  offerExpiresAt?: string | null;
}

export const CHANGED_MESSAGE = (row: LineRow): string =>
  `La ligne ${lineLabel(row)} a été modifiée entre-temps : actualisez la liste puis recommencez.`;

/**
 * Moves one line, guarded by the status and version read: a line changed meanwhile refuses the
 * whole batch (the caller's transaction rolls back). Writes the event with its actor.
 */
export async function applyTransition(trx: Trx, row: LineRow, change: Transition, actor: Actor, now: Date): Promise<void> {
  const at = now.toISOString();
  const result = await trx
    .updateTable('bookings')
    .set((eb) => ({
      status: change.to,
      status_reason: change.reason,
      updated_at: at,
      version: eb('version', '+', 1),
      offer_expires_at: change.offerExpiresAt ?? null,
      ...(change.billedIfCancelled === undefined ? {} : { billed_if_cancelled: change.billedIfCancelled ? 1 : 0 }),
    }))
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .where('status', '=', row.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AppError('conflict', CHANGED_MESSAGE(row));
  await trx
    .insertInto('booking_events')
    .values({
      booking_id: row.id,
      at,
      from_status: row.status,
      to_status: change.to,
      actor_type: actor.type,
      actor_id: actor.id,
      reason: change.eventReason === undefined ? change.reason : change.eventReason,
    })
    .execute();
}

/** The line as its e-mail tells it, in its new state. */
export function decidedLine(row: LineRow, fields: Pick<DecidedLine, 'action' | 'outcome' | 'reason'> & Partial<DecidedLine>): DecidedLine {
  return {
    bookingId: row.id,
    familyId: row.familyId,
    requestId: fields.action === 'cancel' ? (row.cancelRequestId ?? row.requestId) : row.requestId,
    date: row.date,
    childName: childNameOf(row),
    serviceName: row.serviceName,
    unitName: row.unitName,
    surchargeCents: row.surchargeCents,
    stillBilled: false,
    ...fields,
  };
}
