/**
 * The staff's processing of the parents' requests (issue 6): the lines waiting for a decision with
 * the places left on their day, and « Accepter » / « Refuser » for one line or a selection. One
 * transaction per decision: the places are counted and the lines written together (SQLite
 * serialises transactions), so staff accepting while parents book never overbook a day; every
 * line is checked first (known, still waiting, unchanged since shown) — one bad line changes
 * nothing. Each family gets one e-mail per decision, grouped per request.
 */
import type { Kysely } from 'kysely';
import type { IsoDate } from '../calendar/dates';
import type { Database } from '../db/schema';
import type { BookingStatus } from '../db/tables/bookings.table';
import type { Db, Trx } from '../db/types';
import { AppError } from '../errors';
import type { DecisionLineInput, ProcessingQuery } from '../schemas/processing';
import { familyDisplayName } from '../validation/names';
import {
  applyTransition,
  CHANGED_MESSAGE,
  childNameOf,
  decidedLine,
  lineLabel,
  LinePlaces,
  lineRowsQuery,
  offerRunning,
  toLineRow,
  type Actor,
  type LineRow,
} from './processingCore';
import { emailDecisions, type DecidedLine } from './processingEmails';
import { ageOn } from './rules';
import { promoteWaitlisted, scopesOf, type PromotionResult } from './waitlist';
import { RESPONSABLE } from '../db/literals';

/** One line to process, as the « Demandes » page shows it. */
export interface ProcessingLineDto {
  bookingId: number;
  version: number;
  /** 'book': a booking waiting for a decision; 'cancel': a cancellation waiting for confirmation. */
  kind: 'book' | 'cancel';
  status: BookingStatus;
  requestId: number | null;
  familyId: number;
  familyName: string;
  childId: number;
  childName: string;
  /** Whole years on the day booked. */
  age: number;
  serviceId: number;
  serviceName: string;
  unitId: number;
  unitName: string;
  groupId: number | null;
  groupName: string | null;
  date: IsoDate;
  /** When the request arrived: the booking's, or the cancellation's. */
  arrivedAt: string;
  /** Places left for this child's group that day and unit; null = no limit. */
  placesLeft: number | null;
  /** Why surcharged, waitlisted, or still billed if cancelled. */
  reason: string | null;
  stillBilledIfCancelled: boolean;
  /** A waiting line offered a place until then. */
  offerExpiresAt: string | null;
}

export interface ProcessingListDto {
  /** Bookings and cancellations waiting for staff, in arrival order. */
  lines: ProcessingLineDto[];
  /** The waiting lists, in arrival order. */
  waitlisted: ProcessingLineDto[];
  /** More lines wait than the page shows: narrow the filters. */
  truncated: boolean;
}

export const LIST_LIMIT = 1000;

const byArrival = (a: { arrivedAt: string; bookingId: number }, b: { arrivedAt: string; bookingId: number }): number =>
  a.arrivedAt !== b.arrivedAt ? (a.arrivedAt < b.arrivedAt ? -1 : 1) : a.bookingId - b.bookingId;

/** The lines waiting for a decision, filtered, each with the places left on its day. */
export async function listProcessing(db: Db, filters: ProcessingQuery, now: Date): Promise<ProcessingListDto> {
  let query = lineRowsQuery(db).where('b.status', 'in', ['pending', 'cancellation_pending', 'waitlisted']);
  if (filters.serviceId !== undefined) query = query.where('b.service_id', '=', filters.serviceId);
  if (filters.periodId !== undefined) query = query.where('b.period_id', '=', filters.periodId);
  if (filters.groupId !== undefined) query = query.where('b.group_id', '=', filters.groupId);
  if (filters.date !== undefined) query = query.where('b.date', '=', filters.date);
  const raw = await query.orderBy('b.created_at').orderBy('b.id').limit(LIST_LIMIT + 1).execute();
  const truncated = raw.length > LIST_LIMIT;
  const rows = raw.slice(0, LIST_LIMIT).map(toLineRow);
  if (rows.length === 0) return { lines: [], waitlisted: [], truncated };

  const familyIds = [...new Set(rows.map((r) => r.familyId))];
  const cancelRequestIds = [...new Set(rows.flatMap((r) => (r.status === 'cancellation_pending' && r.cancelRequestId !== null ? [r.cancelRequestId] : [])))];
  const [places, guardians, cancelRequests] = await Promise.all([
    LinePlaces.load(db, rows, now),
    db
      .selectFrom('guardians')
      .select(['family_id', 'last_name'])
      .where('family_id', 'in', familyIds)
      .where('role', '=', RESPONSABLE)
      .orderBy('id')
      .execute(),
    cancelRequestIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom('requests').select(['id', 'created_at']).where('id', 'in', cancelRequestIds).execute(),
  ]);
  const familyNames = new Map<number, string>();
  for (const g of guardians) if (!familyNames.has(g.family_id)) familyNames.set(g.family_id, g.last_name);
  const cancelAt = new Map(cancelRequests.map((r) => [r.id, r.created_at]));

  const dto = (r: LineRow): ProcessingLineDto => {
    const service = places.service(r);
    const cancel = r.status === 'cancellation_pending';
    return {
      bookingId: r.id,
      version: r.version,
      kind: cancel ? 'cancel' : 'book',
      status: r.status,
      requestId: cancel ? (r.cancelRequestId ?? r.requestId) : r.requestId,
      familyId: r.familyId,
      familyName: familyDisplayName(familyNames.get(r.familyId), r.familyId),
      childId: r.childId,
      childName: childNameOf(r),
      age: ageOn(r.birthDate, r.date),
      serviceId: r.serviceId,
      serviceName: r.serviceName,
      unitId: r.unitId,
      unitName: r.unitName,
      groupId: r.groupId,
      groupName: service.groups.find((g) => g.id === r.groupId)?.name ?? null,
      date: r.date,
      arrivedAt: cancel ? (cancelAt.get(r.cancelRequestId ?? -1) ?? r.updatedAt) : r.createdAt,
      placesLeft: places.left(r),
      reason: r.statusReason,
      stillBilledIfCancelled: r.billedIfCancelled,
      offerExpiresAt: offerRunning(r, now) ? r.offerExpiresAt : null,
    };
  };
  const all = rows.map(dto).sort(byArrival);
  return { lines: all.filter((l) => l.status !== 'waitlisted'), waitlisted: all.filter((l) => l.status === 'waitlisted'), truncated };
}

// ---- decisions ------------------------------------------------------------------------------------

export interface DecisionContext {
  actor: Actor;
  now: Date;
  publicUrl: string;
}

export interface DecisionResultDto {
  accepted: number;
  /** Cancellations confirmed. */
  cancelled: number;
  refused: number;
  /** Cancellations refused: the bookings stay accepted. */
  cancellationsRefused: number;
  /** Lines that found no place, with the reason (they are unchanged). */
  notAccepted: { bookingId: number; message: string }[];
  /** Waiting lines accepted or offered a place freed by this decision. */
  promoted: number;
  offered: number;
  emails: number;
  /** The outcome in one French sentence, for the staff's notice. */
  message: string;
}

const WAITING: readonly BookingStatus[] = ['pending', 'waitlisted', 'cancellation_pending'];
const DONE_WORD: Partial<Record<BookingStatus, string>> = { accepted: 'acceptée', refused: 'refusée', cancelled: 'annulée' };

/** The lines named, each known, still waiting and unchanged since shown; else nothing is decided. */
async function loadTargets(trx: Trx, input: readonly DecisionLineInput[], verb: 'acceptée' | 'refusée'): Promise<LineRow[]> {
  const rows = (await lineRowsQuery(trx).where('b.id', 'in', input.map((l) => l.bookingId)).execute()).map(toLineRow);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const targets: LineRow[] = [];
  for (const line of input) {
    const row = byId.get(line.bookingId);
    if (!row) throw new AppError('not_found', `La ligne n° ${line.bookingId} est introuvable : actualisez la liste. Rien n'a été modifié.`);
    if (!WAITING.includes(row.status)) {
      throw new AppError(
        'conflict',
        `La ligne ${lineLabel(row)} est déjà ${DONE_WORD[row.status] ?? 'traitée'} : elle ne peut plus être ${verb}. Rien n'a été modifié.`,
      );
    }
    if (row.version !== line.version) throw new AppError('conflict', `${CHANGED_MESSAGE(row)} Rien n'a été modifié.`);
    targets.push(row);
  }
  return targets;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n > 1 ? many : one}`;

function summary(r: Omit<DecisionResultDto, 'message'>): string {
  const parts: string[] = [];
  if (r.accepted > 0) parts.push(plural(r.accepted, 'ligne acceptée', 'lignes acceptées'));
  if (r.cancelled > 0) parts.push(plural(r.cancelled, 'annulation confirmée', 'annulations confirmées'));
  if (r.refused > 0) parts.push(plural(r.refused, 'ligne refusée', 'lignes refusées'));
  if (r.cancellationsRefused > 0) parts.push(plural(r.cancellationsRefused, 'annulation refusée', 'annulations refusées'));
  let text = parts.length > 0 ? `${parts.join(', ')}.` : 'Aucune ligne modifiée.';
  if (r.notAccepted.length > 0) {
    text += ` ${plural(r.notAccepted.length, "ligne n'a pas été acceptée faute de place", "lignes n'ont pas été acceptées faute de place")} : ${r.notAccepted.map((n) => `n° ${n.bookingId}`).join(', ')}.`;
  }
  if (r.promoted > 0) text += ` ${plural(r.promoted, "ligne de la liste d'attente acceptée", "lignes de la liste d'attente acceptées")}.`;
  if (r.offered > 0) text += ` ${plural(r.offered, 'place proposée', 'places proposées')} sur liste d'attente.`;
  if (r.emails > 0) text += ` ${plural(r.emails, 'e-mail envoyé', 'e-mails envoyés')} aux familles.`;
  return text;
}

async function promoteAfter(trx: Trx, rows: readonly LineRow[], ctx: DecisionContext): Promise<PromotionResult> {
  const total: PromotionResult = { promoted: 0, offered: 0, emails: 0 };
  for (const scope of scopesOf(rows)) {
    const r = await promoteWaitlisted(trx, scope, ctx.now, ctx.publicUrl);
    total.promoted += r.promoted;
    total.offered += r.offered;
    total.emails += r.emails;
  }
  return total;
}

const arrival = (a: LineRow, b: LineRow): number => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id - b.id);

/**
 * « Accepter »: cancellations are confirmed first (the places they free serve the selection), then
 * bookings are accepted in arrival order while their day has a place; a line without a place stays
 * as it is and is reported. Nothing accepted at all → 409 with the reason.
 */
export async function acceptLines(db: Kysely<Database>, input: readonly DecisionLineInput[], ctx: DecisionContext): Promise<DecisionResultDto> {
  return db.transaction().execute(async (trx) => {
    const rows = await loadTargets(trx, input, 'acceptée');
    const places = await LinePlaces.load(trx, rows, ctx.now, new Set(rows.map((r) => r.id)));
    const decided: DecidedLine[] = [];
    const notAccepted: DecisionResultDto['notAccepted'] = [];
    let cancelled = 0;
    let accepted = 0;
    for (const row of rows.filter((r) => r.status === 'cancellation_pending')) {
      // The billing flag and its reason were settled when the parent asked: staff only confirm.
      await applyTransition(trx, row, { to: 'cancelled', reason: row.statusReason, eventReason: null, billedIfCancelled: row.billedIfCancelled }, ctx.actor, ctx.now);
      places.release(row);
      cancelled += 1;
      decided.push(decidedLine(row, { action: 'cancel', outcome: 'cancelled', reason: row.statusReason, stillBilled: row.billedIfCancelled }));
    }
    for (const row of rows.filter((r) => r.status !== 'cancellation_pending').sort(arrival)) {
      if (!places.hasPlace(row)) {
        notAccepted.push({ bookingId: row.id, message: `Ligne ${lineLabel(row)} : plus de place disponible ce jour-là, elle n'est pas acceptée.` });
        continue;
      }
      places.take(row);
      // A late line keeps the reason of its surcharge (repas majoré); the waiting-list note goes.
      const reason = row.surchargeCents > 0 ? row.statusReason : null;
      await applyTransition(trx, row, { to: 'accepted', reason, eventReason: null }, ctx.actor, ctx.now);
      accepted += 1;
      decided.push(decidedLine(row, { action: 'book', outcome: 'accepted', reason }));
    }
    if (decided.length === 0) {
      const first = notAccepted[0];
      throw new AppError(
        'conflict',
        notAccepted.length === 1 && first
          ? `${first.message} Rien n'a été modifié.`
          : `Plus de place disponible pour ces ${notAccepted.length} lignes : aucune n'a été acceptée.`,
      );
    }
    const emails = await emailDecisions(trx, 'staff', decided, ctx.now, ctx.publicUrl);
    const promotion = await promoteAfter(trx, rows, ctx);
    const result = {
      accepted,
      cancelled,
      refused: 0,
      cancellationsRefused: 0,
      notAccepted,
      promoted: promotion.promoted,
      offered: promotion.offered,
      emails: emails + promotion.emails,
    };
    return { ...result, message: summary(result) };
  });
}

/**
 * « Refuser » with a reason: bookings waiting (pending or on the waiting list) become refused; a
 * cancellation waiting for confirmation is refused — the booking stays accepted and is no longer
 * billed as cancelled. A place held by an offer is given to the next waiting line.
 */
export async function refuseLines(db: Kysely<Database>, input: readonly DecisionLineInput[], reason: string, ctx: DecisionContext): Promise<DecisionResultDto> {
  return db.transaction().execute(async (trx) => {
    const rows = await loadTargets(trx, input, 'refusée');
    const decided: DecidedLine[] = [];
    let refused = 0;
    let cancellationsRefused = 0;
    for (const row of [...rows].sort(arrival)) {
      if (row.status === 'cancellation_pending') {
        await applyTransition(
          trx,
          row,
          { to: 'accepted', reason: `Annulation refusée : ${reason}`, eventReason: reason, billedIfCancelled: false },
          ctx.actor,
          ctx.now,
        );
        cancellationsRefused += 1;
        decided.push(decidedLine(row, { action: 'cancel', outcome: 'accepted', reason, cancellationRefused: true }));
      } else {
        await applyTransition(trx, row, { to: 'refused', reason }, ctx.actor, ctx.now);
        refused += 1;
        decided.push(decidedLine(row, { action: 'book', outcome: 'refused', reason }));
      }
    }
    const emails = await emailDecisions(trx, 'staff', decided, ctx.now, ctx.publicUrl);
    const promotion = await promoteAfter(trx, rows, ctx);
    const result = {
      accepted: 0,
      cancelled: 0,
      refused,
      cancellationsRefused,
      notAccepted: [],
      promoted: promotion.promoted,
      offered: promotion.offered,
      emails: emails + promotion.emails,
    };
    return { ...result, message: summary(result) };
  });
}
