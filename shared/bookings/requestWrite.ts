/**
 * The writes of a validated request (`submitRequest`, requests.ts), inside its transaction: the
 * request with its confirmation lines, the bookings, the cancellations and their events, and the
 * waiting list promoted for the places cancellations free.
 */
import type { IsoDate } from '../calendar/dates';
import type { BookingStatus } from '../db/tables/bookings.table';
import type { Trx } from '../db/types';
import { rawQuery } from '../db/direct';
import { AppError } from '../errors';
import { confirmationLines } from './confirmations';
import type { EvaluatedLine, RequestContext, RequestLineDto, SubmittedRequestDto } from './requests';
import { promoteWaitlisted } from './waitlist';

/** A line as answered: without what writing it took. */
export const dto = ({ write: _write, ...line }: EvaluatedLine): RequestLineDto => line;

const INSERT_CHUNK = 200;

/*
 * The writes of a request as fixed SQL, each prepared once (`rawQuery`). A request of up to
 * `VALUES_ROWS` bookings uses the multi-row VALUES statement for its size (one per size, 1 to 20);
 * a longer one (a school year of cantine) sends its rows as one JSON array read with json_each (a
 * PostgreSQL store would use jsonb_to_recordset). Building these with Kysely cost more than running
 * them; VALUES costs a third less than json_each for a rush's five lines.
 */
const BOOKING_COLUMNS = `family_id, child_id, service_id, period_id, unit_id, group_id, date, status,
    status_reason, request_id, cancel_request_id, late, surcharge_cents, billed_if_cancelled, exceptional_absence,
    booked_by_staff_id, created_at, updated_at, created_status, created_reason`;
const VALUES_ROWS = 20;
const VALUES_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 0, 0, ?, ?, ?, ?, ?)';
const insertBookingsValues = Array.from(
  { length: VALUES_ROWS + 1 },
  (_, n) => `INSERT INTO bookings (${BOOKING_COLUMNS}) VALUES ${Array.from({ length: n }, () => VALUES_ROW).join(', ')} RETURNING id, child_id, date, unit_id`,
);
const INSERT_REQUEST = `INSERT INTO requests (family_id, created_by_account_id, created_by_staff_id, staff_reason, created_at, confirmation_lines)
  VALUES (?, ?, ?, ?, ?, ?) RETURNING id`;
const INSERT_BOOKINGS = `INSERT INTO bookings (${BOOKING_COLUMNS})
  SELECT f.family_id, j.value ->> 'c', j.value ->> 's', j.value ->> 'p', j.value ->> 'u', j.value ->> 'g', j.value ->> 'd',
    j.value ->> 'st', j.value ->> 'r', f.request_id, NULL, j.value ->> 'l', j.value ->> 'sc', 0, 0, f.staff_id, f.at, f.at,
    j.value ->> 'st', j.value ->> 'r'
  FROM (SELECT ? AS family_id, ? AS request_id, ? AS staff_id, ? AS at) AS f, json_each(?) AS j
  ORDER BY j.key
  RETURNING id, child_id, date, unit_id`;
const INSERT_EVENTS = `INSERT INTO booking_events (booking_id, at, from_status, to_status, actor_type, actor_id, reason)
  SELECT j.value ->> 'b', f.at, j.value ->> 'f', j.value ->> 't', j.value ->> 'a', j.value ->> 'i', j.value ->> 'r'
  FROM (SELECT ? AS at) AS f, json_each(?) AS j
  ORDER BY j.key`;

/** The actor as written: staff's reason already checked and trimmed. */
export type WriteActor = { kind: 'parent'; accountId: number } | { kind: 'staff'; staffId: number; reason: string };

export async function writeRequest(trx: Trx, context: RequestContext, actor: WriteActor, lines: EvaluatedLine[]): Promise<SubmittedRequestDto> {
  const at = context.now.toISOString();
  const staffId = actor.kind === 'staff' ? actor.staffId : null;
  const inserted = await rawQuery<{ id: number }>(trx, INSERT_REQUEST, [
    context.familyId,
    actor.kind === 'parent' ? actor.accountId : null,
    staffId,
    actor.kind === 'staff' ? actor.reason : null,
    at,
    // The confirmation e-mail, composed after this transaction (decision 0015).
    confirmationLines(lines),
  ]);
  const request = { id: inserted[0]?.id ?? 0 };
  if (request.id === 0) throw new Error('Demande insérée introuvable.');
  const events: {
    booking_id: number;
    at: string;
    from_status: BookingStatus;
    to_status: BookingStatus;
    actor_type: 'parent' | 'staff';
    actor_id: number;
    reason: string | null;
  }[] = [];
  // The history says who acted: the parent's line reason, or staff's own reason.
  const event = (bookingId: number, from: BookingStatus, to: BookingStatus, lineReason: string | null) =>
    events.push(
      actor.kind === 'parent'
        ? { booking_id: bookingId, at, from_status: from, to_status: to, actor_type: 'parent', actor_id: actor.accountId, reason: lineReason }
        : { booking_id: bookingId, at, from_status: from, to_status: to, actor_type: 'staff', actor_id: actor.staffId, reason: actor.reason },
    );

  const books = lines.filter((l) => l.write.kind === 'book');
  if (books.length > 0) {
    type Inserted = { id: number; child_id: number; date: IsoDate; unit_id: number };
    const write = (l: EvaluatedLine) => (l.write.kind === 'book' ? l.write : { periodId: 0, groupId: null });
    const rows =
      books.length <= VALUES_ROWS
        ? await rawQuery<Inserted>(
            trx,
            insertBookingsValues[books.length] ?? '',
            books.flatMap((l) => [
              context.familyId, l.childId, l.serviceId, write(l).periodId, l.unitId, write(l).groupId, l.date, l.outcome,
              l.reason, request.id, l.late ? 1 : 0, l.surchargeCents, staffId, at, at, l.outcome, l.reason,
            ]),
          )
        : await rawQuery<Inserted>(trx, INSERT_BOOKINGS, [
            context.familyId,
            request.id,
            staffId,
            at,
            JSON.stringify(
              books.map((l) => ({
                c: l.childId,
                s: l.serviceId,
                p: write(l).periodId,
                u: l.unitId,
                g: write(l).groupId,
                d: l.date,
                st: l.outcome,
                r: l.reason,
                l: l.late ? 1 : 0,
                sc: l.surchargeCents,
              })),
            ),
          ]);
    // RETURNING order is not guaranteed: match each row to its line by child, day and unit. A
    // booking's creation is its own row (created_status, created_reason): no event (decision 0016).
    const ids = new Map(rows.map((r) => [`${r.child_id}|${r.date}|${r.unit_id}`, r.id]));
    for (const l of books) {
      const id = ids.get(`${l.childId}|${l.date}|${l.unitId}`);
      if (id === undefined) throw new Error('Réservation insérée introuvable.');
      l.bookingId = id;
    }
  }

  // Cancellations, grouped by what they become (one UPDATE per kind of outcome).
  const groups = new Map<string, { outcome: BookingStatus; reason: string | null; billed: boolean; lines: EvaluatedLine[] }>();
  for (const l of lines) {
    if (l.write.kind !== 'cancel' || l.bookingId === null) continue;
    const k = `${l.outcome}|${l.reason ?? ''}|${l.stillBilled ? 1 : 0}`;
    const group = groups.get(k) ?? { outcome: l.outcome, reason: l.reason, billed: l.stillBilled, lines: [] };
    group.lines.push(l);
    groups.set(k, group);
    event(l.bookingId, l.write.fromStatus, l.outcome, l.reason);
  }
  for (const g of groups.values()) {
    const ids = g.lines.flatMap((l) => (l.bookingId === null ? [] : [l.bookingId]));
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      const chunk = ids.slice(i, i + INSERT_CHUNK);
      const result = await trx
        .updateTable('bookings')
        .set((eb) => ({
          status: g.outcome,
          status_reason: g.reason,
          billed_if_cancelled: g.billed ? 1 : 0,
          cancel_request_id: request.id,
          updated_at: at,
          version: eb('version', '+', 1),
        }))
        .where('id', 'in', chunk)
        .where('family_id', '=', context.familyId)
        .where('status', 'in', actor.kind === 'staff' ? ['pending', 'waitlisted', 'accepted', 'cancellation_pending'] : ['pending', 'waitlisted', 'accepted'])
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== chunk.length) {
        throw new AppError('conflict', 'Une de ces réservations vient de changer : actualisez le planning puis recommencez.');
      }
    }
  }
  if (events.length > 0) {
    await rawQuery(trx, INSERT_EVENTS, [
      at,
      JSON.stringify(events.map((e) => ({ b: e.booking_id, f: e.from_status, t: e.to_status, a: e.actor_type, i: e.actor_id, r: e.reason }))),
    ]);
  }

  // A cancelled day that held a place frees it: the waiting list takes it in arrival order.
  const freed = new Map<number, IsoDate[]>();
  for (const l of lines) {
    if (l.write.kind !== 'cancel' || l.outcome !== 'cancelled') continue;
    if (l.write.fromStatus !== 'accepted' && l.write.fromStatus !== 'cancellation_pending') continue;
    freed.set(l.serviceId, [...(freed.get(l.serviceId) ?? []), l.date]);
  }
  for (const [serviceId, dates] of freed) await promoteWaitlisted(trx, { serviceId, dates }, context.now, context.publicUrl);
  return { requestId: request.id, lines: lines.map(dto) };
}
