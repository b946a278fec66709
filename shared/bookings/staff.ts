/**
 * What staff do with a family's bookings from the back-office (issue 6): read them month by
 * month, book and cancel on the family's behalf (an unforeseeable need: the request service with
 * a staff actor, past any deadline, with a reason kept in the history), and record an exceptional
 * absence on a final holiday booking so that the day is not billed.
 */
import { addDays, type IsoDate } from '../calendar/dates';
import { writeAudit, type Actor } from '../audit/audit';
import type { BookingStatus } from '../db/tables/bookings.table';
import type { FamilyStatus } from '../db/tables/families.table';
import type { Db } from '../db/types';
import type { Database } from '../db/schema';
import type { Kysely } from 'kysely';
import { AppError, forbidden, notFound } from '../errors';
import { reservationsOpen } from '../families/status';
import type { ExceptionalAbsenceInput, FamilyBookingsQuery, StaffRequestInput } from '../schemas/staffBookings';
import { previewRequest, submitRequest, type RequestRecapDto, type SubmittedRequestDto } from './requests';
import { isPast, LIVE_STATUSES, parisToday, STATUS_LABELS } from './rules';

export const FAMILY_NOT_FOUND_MESSAGE = 'Cette famille est introuvable.';
export const BOOKING_NOT_FOUND_MESSAGE = 'Cette réservation est introuvable.';
export const NOT_FINAL_MESSAGE =
  "L'absence exceptionnelle ne concerne que les réservations définitives des vacances (accueil de loisirs des vacances) : pour les autres accueils, l'annulation ou le pointage suffit.";
export const NOT_ACCEPTED_MESSAGE =
  "L'absence exceptionnelle ne peut être enregistrée que sur une réservation ACCEPTÉE, ou annulée mais restée facturée.";

/** A holiday day a family keeps paying for: accepted, or cancelled (or being cancelled) but still billed. */
const exceptionalApplies = (b: { status: string; billed_if_cancelled: number }): boolean =>
  b.status === 'accepted' || ((b.status === 'cancelled' || b.status === 'cancellation_pending') && b.billed_if_cancelled === 1);
export const ALREADY_MARKED_MESSAGE = 'Cette absence exceptionnelle est déjà enregistrée.';
export const NOT_MARKED_MESSAGE = "Aucune absence exceptionnelle n'est enregistrée sur cette réservation.";

export interface StaffBookingDto {
  id: number;
  childId: number;
  childName: string;
  serviceId: number;
  serviceName: string;
  unitId: number;
  unitName: string;
  groupName: string | null;
  date: IsoDate;
  status: BookingStatus;
  /** The guide's words: ACCEPTÉE, EN ATTENTE DE TRAITEMENT… */
  statusLabel: string;
  statusReason: string | null;
  late: boolean;
  surchargeCents: number;
  billedIfCancelled: boolean;
  exceptionalAbsence: boolean;
  /** A holiday booking (final: any cancellation or absence billed, save an exceptional absence). */
  bookingsFinal: boolean;
  /** Booked by staff on the family's behalf. */
  bookedByStaff: boolean;
  /** Staff may cancel it now (live, today or later). */
  cancellable: boolean;
  /** Staff may mark or unmark an exceptional absence on it. */
  exceptionalAllowed: boolean;
}

export interface FamilyBookingsDto {
  /** The server's today (Europe/Paris). */
  today: IsoDate;
  month: string;
  from: IsoDate;
  to: IsoDate;
  items: StaffBookingDto[];
}

export interface BookingEventDto {
  at: string;
  fromStatus: BookingStatus | null;
  toStatus: BookingStatus;
  toStatusLabel: string;
  actorType: 'parent' | 'staff' | 'system';
  actorLabel: string;
  reason: string | null;
}

/** The family, or a 404: staff reach a family through its id in the address. */
export async function assertFamily(db: Db, familyId: number): Promise<{ status: FamilyStatus }> {
  const family = await db.selectFrom('families').select(['id', 'status']).where('id', '=', familyId).executeTakeFirst();
  if (!family) throw notFound(FAMILY_NOT_FOUND_MESSAGE);
  return family;
}

const monthBounds = (month: string): { from: IsoDate; to: IsoDate } => {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${String((y ?? 0) + 1).padStart(4, '0')}-01-01` : `${String(y).padStart(4, '0')}-${String((m ?? 0) + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
};

/** The family's own bookings of a month (every state, history included), by day, child and unit. */
export async function listFamilyBookings(db: Db, familyId: number, query: FamilyBookingsQuery, now: Date): Promise<FamilyBookingsDto> {
  await assertFamily(db, familyId);
  const today = parisToday(now);
  const month = query.month ?? today.slice(0, 7);
  const { from, to } = monthBounds(month);
  let q = db
    .selectFrom('bookings as b')
    .innerJoin('children as c', 'c.id', 'b.child_id')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .innerJoin('services as s', 's.id', 'b.service_id')
    .leftJoin('groups as g', 'g.id', 'b.group_id')
    .select([
      'b.id',
      'b.child_id',
      'c.first_name',
      'c.last_name',
      'b.service_id',
      's.name as service_name',
      's.bookings_final',
      's.sort_order as service_order',
      'b.unit_id',
      'u.name as unit_name',
      'u.sort_order as unit_order',
      'g.name as group_name',
      'b.date',
      'b.status',
      'b.status_reason',
      'b.late',
      'b.surcharge_cents',
      'b.billed_if_cancelled',
      'b.exceptional_absence',
      'b.booked_by_staff_id',
    ])
    .where('b.family_id', '=', familyId)
    .where('b.date', '>=', from)
    .where('b.date', '<=', to);
  if (query.childId !== undefined) q = q.where('b.child_id', '=', query.childId);
  if (query.serviceId !== undefined) q = q.where('b.service_id', '=', query.serviceId);
  const rows = await q
    .orderBy('b.date')
    .orderBy('c.birth_date')
    .orderBy('c.id')
    .orderBy('s.sort_order')
    .orderBy('u.sort_order')
    .orderBy('b.id')
    .execute();
  const live = new Set<BookingStatus>(LIVE_STATUSES);
  return {
    today,
    month,
    from,
    to,
    items: rows.map((r) => ({
      id: r.id,
      childId: r.child_id,
      childName: `${r.first_name} ${r.last_name}`,
      serviceId: r.service_id,
      serviceName: r.service_name,
      unitId: r.unit_id,
      unitName: r.unit_name,
      groupName: r.group_name,
      date: r.date,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      statusReason: r.status_reason,
      late: r.late === 1,
      surchargeCents: r.surcharge_cents,
      billedIfCancelled: r.billed_if_cancelled === 1,
      exceptionalAbsence: r.exceptional_absence === 1,
      bookingsFinal: r.bookings_final === 1,
      bookedByStaff: r.booked_by_staff_id !== null,
      cancellable: live.has(r.status) && !isPast(r.date, now),
      exceptionalAllowed: r.bookings_final === 1 && exceptionalApplies(r),
    })),
  };
}

/** One booking's history (who, when, why), oldest first. */
export async function bookingHistory(db: Db, familyId: number, bookingId: number): Promise<BookingEventDto[]> {
  const booking = await db
    .selectFrom('bookings as b')
    .leftJoin('requests as r', 'r.id', 'b.request_id')
    .leftJoin('staff_users as s', 's.id', 'r.created_by_staff_id')
    .select(['b.id', 'b.created_at', 'b.created_status', 'b.created_reason', 'r.created_by_staff_id', 'r.staff_reason', 's.first_name', 's.last_name'])
    .where('b.id', '=', bookingId)
    .where('b.family_id', '=', familyId)
    .executeTakeFirst();
  if (!booking) throw notFound(BOOKING_NOT_FOUND_MESSAGE);
  // The creation, recorded on the booking itself since migration 0013 (decision 0016); earlier
  // bookings have it as their first row of booking_events.
  const created =
    booking.created_status === null
      ? []
      : [
          {
            id: 0,
            at: booking.created_at,
            from_status: null,
            to_status: booking.created_status,
            actor_type: booking.created_by_staff_id !== null ? ('staff' as const) : ('parent' as const),
            reason: booking.created_by_staff_id !== null ? booking.staff_reason : booking.created_reason,
            first_name: booking.first_name,
            last_name: booking.last_name,
          },
        ];
  const changes = await db
    .selectFrom('booking_events as e')
    .leftJoin('staff_users as s', (join) => join.onRef('s.id', '=', 'e.actor_id').on('e.actor_type', '=', 'staff'))
    .select(['e.id', 'e.at', 'e.from_status', 'e.to_status', 'e.actor_type', 'e.reason', 's.first_name', 's.last_name'])
    .where('e.booking_id', '=', bookingId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return [...created, ...changes].map((e) => ({
    at: e.at,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    toStatusLabel: STATUS_LABELS[e.to_status],
    actorType: e.actor_type,
    actorLabel:
      e.actor_type === 'staff'
        ? e.first_name !== null && e.last_name !== null
          ? `${e.first_name} ${e.last_name} (service)`
          : 'Service enfance'
        : e.actor_type === 'parent'
          ? 'Famille'
          : 'Marelle',
    reason: e.reason,
  }));
}

export interface ExceptionalAbsenceChange {
  actor: Actor;
  familyId: number;
  bookingId: number;
  now: Date;
}

/**
 * « Absence exceptionnelle »: a final holiday booking (ALSH vacances) that stays ACCEPTÉE but is
 * not billed. Past and future days alike: staff learn of a hospital stay before or after it. The
 * reason goes into the booking's history and the audit; nothing changes on a refusal.
 */
export async function setExceptionalAbsence(db: Kysely<Database>, change: ExceptionalAbsenceChange, input: ExceptionalAbsenceInput): Promise<StaffBookingDto> {
  const { actor, familyId, bookingId, now } = change;
  const reason = input.reason.trim();
  await db.transaction().execute(async (trx) => {
    await assertFamily(trx, familyId);
    const booking = await trx
      .selectFrom('bookings as b')
      .innerJoin('services as s', 's.id', 'b.service_id')
      .innerJoin('children as c', 'c.id', 'b.child_id')
      .select(['b.id', 'b.status', 'b.billed_if_cancelled', 'b.exceptional_absence', 'b.date', 'b.version', 's.bookings_final', 'c.first_name'])
      .where('b.id', '=', bookingId)
      .where('b.family_id', '=', familyId)
      .executeTakeFirst();
    if (!booking) throw notFound(BOOKING_NOT_FOUND_MESSAGE);
    if (booking.bookings_final !== 1) throw new AppError('validation', NOT_FINAL_MESSAGE);
    if (!exceptionalApplies(booking)) throw new AppError('validation', NOT_ACCEPTED_MESSAGE);
    const before = booking.exceptional_absence === 1;
    if (before === input.exceptional) throw new AppError('conflict', input.exceptional ? ALREADY_MARKED_MESSAGE : NOT_MARKED_MESSAGE);

    const at = now.toISOString();
    const result = await trx
      .updateTable('bookings')
      .set((eb) => ({ exceptional_absence: input.exceptional ? 1 : 0, updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', booking.id)
      .where('version', '=', booking.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError('conflict', 'Cette réservation vient de changer : actualisez la page puis recommencez.');
    }
    await trx
      .insertInto('booking_events')
      .values({
        booking_id: booking.id,
        at,
        from_status: 'accepted',
        to_status: 'accepted',
        actor_type: actor.type,
        actor_id: actor.id,
        reason: input.exceptional ? `Absence exceptionnelle : ${reason}` : `Absence exceptionnelle retirée : ${reason}`,
      })
      .execute();
    await writeAudit(
      trx,
      actor,
      {
        action: input.exceptional ? 'booking.exceptional_absence' : 'booking.exceptional_absence_removed',
        entityType: 'booking',
        entityId: booking.id,
        familyId,
        changes: { exceptional_absence: [before, input.exceptional], reason: [null, reason] },
      },
      now,
    );
  });
  const month = await db.selectFrom('bookings').select('date').where('id', '=', bookingId).executeTakeFirstOrThrow();
  const list = await listFamilyBookings(db, familyId, { month: month.date.slice(0, 7) }, now);
  const dto = list.items.find((b) => b.id === bookingId);
  if (!dto) throw notFound(BOOKING_NOT_FOUND_MESSAGE);
  return dto;
}

// ---- booking and cancelling on the family's behalf ----------------------------------------------

export const FAMILY_NOT_VALIDATED_MESSAGE =
  "Le dossier de cette famille n'est pas validé : les réservations ne sont pas encore ouvertes. Seules des annulations sont possibles.";

/** Bookings need a validated family (as on the portal); cancellations stay possible whatever its state. */
async function assertStaffMayRequest(db: Db, familyId: number, input: StaffRequestInput): Promise<void> {
  const family = await assertFamily(db, familyId);
  if (!reservationsOpen(family.status) && input.lines.some((l) => l.action === 'book')) throw forbidden(FAMILY_NOT_VALIDATED_MESSAGE);
}

/** The recap of a request staff make for the family: outcomes under staff rules, prices, refusals; nothing written. */
export async function staffPreview(db: Db, familyId: number, input: StaffRequestInput, now: Date): Promise<RequestRecapDto> {
  await assertStaffMayRequest(db, familyId, input);
  return previewRequest(db, familyId, input.lines, now, { kind: 'staff', billed: input.billed === true });
}

export interface StaffRequestContext {
  familyId: number;
  staffId: number;
  now: Date;
  publicUrl: string;
}

/** Validates the request for the family: written with the staff's reason, the family e-mailed as usual. */
export async function staffSubmit(db: Kysely<Database>, context: StaffRequestContext, input: StaffRequestInput): Promise<SubmittedRequestDto> {
  await assertStaffMayRequest(db, context.familyId, input);
  return submitRequest(
    db,
    {
      familyId: context.familyId,
      now: context.now,
      publicUrl: context.publicUrl,
      actor: { kind: 'staff', staffId: context.staffId, reason: input.reason, billed: input.billed === true },
    },
    input.lines,
  );
}
