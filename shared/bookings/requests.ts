/**
 * A request (« demande ») of a parent, or of staff on the family's behalf (`RequestActor`): booking
 * and cancellation lines validated at once. The recap
 * (`previewRequest`) and the validation (`submitRequest`) share one evaluation: every line is
 * checked first — a single invalid line refuses the whole request, nothing written — then the
 * rules give each line its outcome. `submitRequest` evaluates and writes inside one transaction
 * (or one savepoint of the store's group transaction, decision 0013): SQLite transactions are
 * serialised on the store's one connection, so the places counted are the places left when the
 * bookings are inserted, and a rush never overbooks a day.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { IsoDate } from '../calendar/dates';
import { publicHolidayName } from '../calendar/publicHolidays';
import { schoolHolidayOn } from '../calendar/openingDays';
import { getSchoolZone, schoolHolidaysFor } from '../calendar/store';
import type { Database } from '../db/schema';
import type { BookingStatus, BookingsTable } from '../db/tables/bookings.table';
import type { PeriodsTable, UnitsTable } from '../db/tables/services.table';
import type { Db, Trx } from '../db/types';
import { groupCommitterOf } from '../db/groupCommit';
import { precompiled } from '../db/precompiled';
import { AppError, type IssueDetail } from '../errors';
import { parisWallTime } from '../services/parisTime';
import { areIncompatible } from '../services/rules';
import { loadFamilyTariffProfile, priceFor, type FamilyTariffProfile } from '../tariffs';
import type { RequestLineInput } from '../schemas/bookings';
import { childName, familyChildren, type FamilyChild } from './access';
import {
  childGroup,
  PlaceBook,
  ReferenceData,
  type OpeningDayInfo,
  type ServiceInfo,
} from './context';
import { dto, writeRequest, type WriteActor } from './requestWrite';
import {
  bookingOutcome,
  cancellationOutcome,
  dayStatus,
  frenchDate,
  LIVE_STATUSES,
  staffBookingOutcome,
  staffCancellationOutcome,
  type CancellationDecision,
} from './rules';

export type LineOutcome = 'accepted' | 'pending' | 'waitlisted' | 'refused' | 'cancelled' | 'cancellation_pending';

/** One line of the recap, and of the validated request. */
export interface RequestLineDto {
  action: 'book' | 'cancel';
  /** The booking written (validated request) or cancelled; null for a booking line of the recap. */
  bookingId: number | null;
  childId: number;
  childName: string;
  date: IsoDate;
  unitId: number;
  unitName: string;
  serviceId: number;
  serviceName: string;
  outcome: LineOutcome;
  /** Why refused, waitlisted, surcharged, or still billed. */
  reason: string | null;
  /** Past the service's deadline. */
  late: boolean;
  /** The unit's price at the family's QF that day (informational: invoices recompute it). */
  priceCents: number | null;
  surchargeCents: number;
  /** A cancelled day that stays billed. */
  stillBilled: boolean;
}

export interface RequestRecapDto {
  lines: RequestLineDto[];
  /** Price and surcharges of the booking lines accepted or pending. */
  totalCents: number;
}

export interface SubmittedRequestDto {
  requestId: number;
  lines: RequestLineDto[];
}

/**
 * Who asks: a parent of the family, or staff acting on the family's behalf (an unforeseeable
 * need). Staff are held neither by the deadline (no refusal, no repas majoré) nor by the approval
 * mode (accepted while a place remains, else refused or waitlisted per the service: places are
 * never exceeded); their cancellations are confirmed at once, past any deadline and on final
 * holiday bookings, and stay billed only if staff say so (`billed`, default false: an
 * unforeseeable need is not the family's doing). Their reason is kept in `requests.staff_reason`
 * and in each line's `booking_events.reason`.
 */
export type RequestActor =
  | { kind: 'parent'; accountId: number }
  | { kind: 'staff'; staffId: number; reason: string; billed?: boolean };

/** Whose rules a recap follows: a parent's, or staff's (with their billing choice for cancellations). */
export type RequestRole = { kind: 'parent' } | { kind: 'staff'; billed?: boolean };

/** Who asks, and when: `accountId` alone is a parent (the family portal's form). */
export type RequestContext = {
  familyId: number;
  now: Date;
  /** The portal's address, for the links of the e-mails sent in the transaction (waiting-list offers). */
  publicUrl: string;
} & ({ accountId: number } | { actor: RequestActor });

export const STAFF_REASON_MAX = 500;
export const STAFF_REASON_REQUIRED_MESSAGE = 'Indiquez le motif de la demande faite pour la famille.';
export const STAFF_REASON_TOO_LONG_MESSAGE = `Le motif ne peut pas dépasser ${STAFF_REASON_MAX} caractères.`;

export const actorOf = (context: RequestContext): RequestActor =>
  'actor' in context ? context.actor : { kind: 'parent', accountId: context.accountId };

/** The staff reason, trimmed; a missing or overlong one refuses the request, nothing written. */
function staffReason(actor: Extract<RequestActor, { kind: 'staff' }>): string {
  const reason = actor.reason.trim();
  if (reason === '') throw new AppError('validation', STAFF_REASON_REQUIRED_MESSAGE, [{ path: 'reason', message: STAFF_REASON_REQUIRED_MESSAGE }]);
  if (reason.length > STAFF_REASON_MAX) {
    throw new AppError('validation', STAFF_REASON_TOO_LONG_MESSAGE, [{ path: 'reason', message: STAFF_REASON_TOO_LONG_MESSAGE }]);
  }
  return reason;
}

export interface BookWrite {
  kind: 'book';
  periodId: number;
  groupId: number | null;
}

export interface CancelWrite {
  kind: 'cancel';
  fromStatus: BookingStatus;
}

/** A line checked and given its outcome, with what writing it takes. */
export interface EvaluatedLine extends RequestLineDto {
  write: BookWrite | CancelWrite;
}

interface Evaluation {
  lines: EvaluatedLine[];
  issues: IssueDetail[];
  /** A line names a booking that is not the family's: the request answers 404. */
  foreign: boolean;
}

export const FOREIGN_BOOKING_MESSAGE = 'Cette réservation est introuvable.';
export const FOREIGN_CHILD_MESSAGE = "Cet enfant n'est pas rattaché à votre compte.";
export const DOUBLE_BOOKING_MESSAGE =
  'Une de ces journées vient d’être réservée pour cet enfant par ailleurs : actualisez le planning puis recommencez.';

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);
const timeFr = (hhmm: string): string => hhmm.replace(':', ' h ');

// Read by every request: built once (precompiled.ts).
const liveBookingsQuery = precompiled<{ childIds: string; from: IsoDate; to: IsoDate }>()((db, slot) =>
  db
    .selectFrom('bookings')
    .select(['id', 'child_id', 'date', 'unit_id', 'family_id'])
    .where(sql<boolean>`child_id IN (SELECT value FROM json_each(${slot('childIds')}))`)
    .where('date', '>=', slot('from'))
    .where('date', '<=', slot('to'))
    .where('status', 'in', LIVE_STATUSES),
);

/** Checks every line and gives each its outcome; writes nothing. */
async function evaluate(db: Db, familyId: number, input: readonly RequestLineInput[], now: Date, role: RequestRole, reference: ReferenceData): Promise<Evaluation> {
  const staff = role.kind === 'staff';
  const staffBilled = role.kind === 'staff' && role.billed === true;
  const cancellation = (service: ServiceInfo, target: Selectable<BookingsTable>): CancellationDecision =>
    staff
      ? staffCancellationOutcome(service.settings, { date: target.date, status: target.status }, now, staffBilled)
      : cancellationOutcome(service.settings, { date: target.date, status: target.status }, now);
  const issues: IssueDetail[] = [];
  let foreign = false;
  const issue = (index: number, message: string) => issues.push({ path: `lines.${index}`, message });

  const children = new Map<number, FamilyChild>((await familyChildren(db, familyId)).map((c) => [c.id, c]));

  // Cancellation lines: the family's own live bookings only.
  const cancelIds = input.flatMap((l) => (l.action === 'cancel' ? [l.bookingId] : []));
  const targets = new Map<number, Selectable<BookingsTable>>();
  if (cancelIds.length > 0) {
    const rows = await db.selectFrom('bookings').selectAll().where('id', 'in', [...new Set(cancelIds)]).execute();
    for (const r of rows) if (r.family_id === familyId && children.has(r.child_id)) targets.set(r.id, r);
  }

  const bookLines = input.flatMap((l, index) => (l.action === 'book' ? [{ ...l, index }] : []));
  const unitIds = new Set<number>([...bookLines.map((l) => l.unitId), ...[...targets.values()].map((t) => t.unit_id)]);
  const units = unitIds.size > 0 ? await reference.units(unitIds) : new Map<number, Selectable<UnitsTable>>();
  const services = await reference.services([...new Set([...units.values()].map((u) => u.service_id))]);

  const bookDates = bookLines.map((l) => l.date).sort();
  const from = bookDates[0];
  const to = bookDates[bookDates.length - 1];
  const bookServiceIds = [...new Set(bookLines.flatMap((l) => { const u = units.get(l.unitId); return u ? [u.service_id] : []; }))];
  const periods = from !== undefined && to !== undefined ? await reference.periods(bookServiceIds, from, to) : [];
  const openingDays = from !== undefined && to !== undefined ? await reference.openingDays(periods.map((p) => p.id), from, to) : new Map<string, OpeningDayInfo>();

  // Live bookings of the children on those days, whichever family made them (garde alternée).
  const bookChildIds = [...new Set(bookLines.map((l) => l.childId).filter((id) => children.has(id)))];
  const live =
    bookChildIds.length > 0 && from !== undefined && to !== undefined
      ? await liveBookingsQuery.all(db, { childIds: JSON.stringify(bookChildIds), from, to })
      : [];
  const cancelledHere = new Set(cancelIds);
  const liveByDay = new Map<string, { id: number; unitId: number; familyId: number }[]>();
  for (const b of live) {
    if (cancelledHere.has(b.id)) continue;
    const k = `${b.child_id}|${b.date}`;
    const list = liveByDay.get(k) ?? [];
    list.push({ id: b.id, unitId: b.unit_id, familyId: b.family_id });
    liveByDay.set(k, list);
  }

  // Enrolments, for the services that require one.
  const enrolled = new Set<string>();
  const enrolmentServices = [...services.values()].filter((s) => s.row.requires_enrolment === 1).map((s) => s.row.id);
  if (enrolmentServices.length > 0 && bookChildIds.length > 0) {
    const rows = await db
      .selectFrom('enrolments')
      .select(['child_id', 'period_id'])
      .where('family_id', '=', familyId)
      .where('child_id', 'in', bookChildIds)
      .where('service_id', 'in', enrolmentServices)
      .where('status', '=', 'accepted')
      .execute();
    for (const r of rows) enrolled.add(`${r.child_id}|${r.period_id}`);
  }

  // Why a day is closed, for the message (school holidays read only when needed).
  let holidays: { zone: Awaited<ReturnType<typeof getSchoolZone>>; list: Awaited<ReturnType<typeof schoolHolidaysFor>> } | null = null;
  const closedReason = async (period: Selectable<PeriodsTable>, date: IsoDate, day: OpeningDayInfo | undefined): Promise<string> => {
    if (!holidays) {
      const zone = await getSchoolZone(db);
      holidays = { zone, list: await schoolHolidaysFor(db, zone) };
    }
    const status = dayStatus({
      pattern: period.day_pattern,
      openingDay: day ? { closed: day.closed, note: day.note } : null,
      publicHoliday: publicHolidayName(date),
      schoolHoliday: schoolHolidayOn(date, holidays.list, holidays.zone)?.name ?? null,
    });
    return sentence(status.closedReason ?? 'Accueil fermé ce jour-là');
  };

  // ---- checks, line by line -------------------------------------------------------------------
  interface Checked {
    index: number;
    child: FamilyChild;
    unit: Selectable<UnitsTable>;
    service: ServiceInfo;
    period: Selectable<PeriodsTable>;
    date: IsoDate;
    activityPlaces: number | null;
  }
  const checkedBooks: Checked[] = [];
  const seen = new Map<string, number>();
  const requestedByDay = new Map<string, number[]>();
  const nowIso = now.toISOString();

  for (const line of bookLines) {
    const { index, date } = line;
    const child = children.get(line.childId);
    if (!child) {
      issue(index, FOREIGN_CHILD_MESSAGE);
      continue;
    }
    const unit = units.get(line.unitId);
    const service = unit ? services.get(unit.service_id) : undefined;
    if (!unit || !service) {
      issue(index, "Cet accueil n'existe pas.");
      continue;
    }
    if (unit.active !== 1 || service.row.active !== 1) {
      issue(index, `L'accueil « ${unit.name} » n'est plus proposé à la réservation.`);
      continue;
    }
    const candidates = periods.filter((p) => p.service_id === service.row.id && p.start_date <= date && p.end_date >= date);
    const period = candidates.find((p) => openingDays.get(`${p.id}|${date}`)?.closed === false) ?? candidates[0];
    if (!period) {
      issue(index, `Le ${frenchDate(date)} est en dehors des périodes de réservation du service « ${service.row.name} ».`);
      continue;
    }
    // Staff book on the family's behalf before the opening too (a need the service decided to meet).
    if (!staff && period.bookings_open_at !== null && Date.parse(period.bookings_open_at) > Date.parse(nowIso)) {
      const opens = parisWallTime(period.bookings_open_at);
      issue(index, `Les réservations de la période « ${period.name} » ouvriront le ${frenchDate(opens.date)} à ${timeFr(opens.time)}.`);
      continue;
    }
    const day = openingDays.get(`${period.id}|${date}`);
    if (!day || day.closed) {
      issue(index, `Le ${frenchDate(date)} n'est pas un jour d'accueil du service « ${service.row.name} » : ${await closedReason(period, date, day)}`);
      continue;
    }
    let activityPlaces: number | null = null;
    if (unit.kind === 'activite') {
      if (!day.activities.has(unit.id)) {
        issue(index, `L'activité « ${unit.name} » n'est pas proposée le ${frenchDate(date)}.`);
        continue;
      }
      activityPlaces = day.activities.get(unit.id) ?? null;
    }
    if (service.row.requires_enrolment === 1 && !enrolled.has(`${child.id}|${period.id}`)) {
      issue(
        index,
        `${child.firstName} n'est pas encore inscrit(e) au service « ${service.row.name} » pour la période « ${period.name} » : l'inscription doit d'abord être validée.`,
      );
      continue;
    }
    const lineKey = `${child.id}|${date}|${unit.id}`;
    const twin = seen.get(lineKey);
    if (twin !== undefined) {
      issue(index, `Cette journée figure déjà à la ligne ${twin + 1} de la demande.`);
      continue;
    }
    seen.set(lineKey, index);
    const dayKey = `${child.id}|${date}`;
    const existing = liveByDay.get(dayKey) ?? [];
    const same = existing.find((b) => b.unitId === unit.id);
    if (same) {
      const other = same.familyId !== familyId ? ' (réservation liée à un autre compte)' : '';
      issue(index, `${child.firstName} a déjà une réservation « ${unit.name} » le ${frenchDate(date)}${other}.`);
      continue;
    }
    const clash = [...existing.map((b) => b.unitId), ...(requestedByDay.get(dayKey) ?? [])].find((other) =>
      areIncompatible(service.pairs, unit.id, other),
    );
    if (clash !== undefined) {
      const otherName = units.get(clash)?.name ?? service.units.find((u) => u.id === clash)?.name ?? 'un autre accueil';
      issue(index, `« ${unit.name} » et « ${otherName} » ne peuvent pas être réservés le même jour (${frenchDate(date)}) pour ${child.firstName}.`);
      continue;
    }
    requestedByDay.set(dayKey, [...(requestedByDay.get(dayKey) ?? []), unit.id]);
    checkedBooks.push({ index, child, unit, service, period, date, activityPlaces });
  }

  const seenCancels = new Map<number, number>();
  input.forEach((line, index) => {
    if (line.action !== 'cancel') return;
    const target = targets.get(line.bookingId);
    if (!target) {
      foreign = true;
      issue(index, FOREIGN_BOOKING_MESSAGE);
      return;
    }
    const twin = seenCancels.get(line.bookingId);
    if (twin !== undefined) {
      issue(index, `Cette réservation figure déjà à la ligne ${twin + 1} de la demande.`);
      return;
    }
    seenCancels.set(line.bookingId, index);
    const unit = units.get(target.unit_id);
    const service = unit ? services.get(unit.service_id) : undefined;
    if (!service) {
      issue(index, FOREIGN_BOOKING_MESSAGE);
      return;
    }
    const decision = cancellation(service, target);
    if (!decision.ok) issue(index, decision.message);
  });

  if (issues.length > 0) return { lines: [], issues, foreign };

  // ---- outcomes -------------------------------------------------------------------------------
  const family: FamilyTariffProfile = (await loadFamilyTariffProfile(db, familyId)) ?? { qf: null, qfValidUntil: null, outsideCommune: false };
  const priceOf = (service: ServiceInfo, unitId: number, date: IsoDate): number | null => {
    const quote = priceFor(service.grids, { unitId, date, family });
    return quote.kind === 'price' ? quote.priceCents : null;
  };

  // Places are counted where the line is decided now: automatic approval, or staff deciding.
  const automatic = [...services.values()].filter((s) => staff || s.settings.approvalMode === 'automatic');
  const automaticIds = new Set(automatic.map((s) => s.row.id));
  const placeDates = [...bookDates, ...[...targets.values()].map((t) => t.date)].sort();
  const placeUnits = [...units.values()].filter((u) => automaticIds.has(u.service_id)).map((u) => u.id);
  const places =
    placeUnits.length > 0 && placeDates.length > 0
      ? await PlaceBook.load(db, {
          unitIds: placeUnits,
          services: automatic,
          from: placeDates[0] ?? '',
          to: placeDates[placeDates.length - 1] ?? '',
          dates: placeDates,
          source: reference.placeCounts ? 'counts' : 'bookings',
          offers: { at: now },
        })
      : new PlaceBook();

  const results = new Map<number, EvaluatedLine>();
  // Cancellations first: a place they free is offered to the request's own bookings.
  input.forEach((line, index) => {
    if (line.action !== 'cancel') return;
    const target = targets.get(line.bookingId);
    const unit = target ? units.get(target.unit_id) : undefined;
    const service = unit ? services.get(unit.service_id) : undefined;
    const child = target ? children.get(target.child_id) : undefined;
    if (!target || !unit || !service || !child) return;
    const decision = cancellation(service, target);
    if (!decision.ok) return;
    const heldPlace = target.status === 'accepted' || target.status === 'cancellation_pending';
    if (heldPlace && decision.outcome === 'cancelled' && automaticIds.has(service.row.id)) {
      places.release(unit.id, target.date, target.group_id);
    }
    results.set(index, {
      action: 'cancel',
      bookingId: target.id,
      childId: child.id,
      childName: childName(child),
      date: target.date,
      unitId: unit.id,
      unitName: unit.name,
      serviceId: service.row.id,
      serviceName: service.row.name,
      outcome: decision.outcome,
      reason: decision.reason,
      late: decision.late,
      priceCents: priceOf(service, unit.id, target.date),
      surchargeCents: target.surcharge_cents,
      stillBilled: decision.stillBilled,
      write: { kind: 'cancel', fromStatus: target.status },
    });
  });
  for (const c of checkedBooks) {
    const who = childGroup(c.service, c.child.birthDate, c.date);
    const left = automaticIds.has(c.service.row.id) ? places.left(c.service, c.unit, c.date, who, c.activityPlaces) : null;
    const decision = (staff ? staffBookingOutcome : bookingOutcome)(c.service.settings, { date: c.date, placesLeft: left }, now);
    if (decision.outcome === 'accepted') places.take(c.unit.id, c.date, who.group?.id ?? null);
    results.set(c.index, {
      action: 'book',
      bookingId: null,
      childId: c.child.id,
      childName: childName(c.child),
      date: c.date,
      unitId: c.unit.id,
      unitName: c.unit.name,
      serviceId: c.service.row.id,
      serviceName: c.service.row.name,
      outcome: decision.outcome,
      reason: decision.reason,
      late: decision.late,
      priceCents: priceOf(c.service, c.unit.id, c.date),
      surchargeCents: decision.surchargeCents,
      stillBilled: false,
      write: { kind: 'book', periodId: c.period.id, groupId: who.group?.id ?? null },
    });
  }
  const lines = input.map((_, index) => {
    const line = results.get(index);
    if (!line) throw new Error(`Ligne ${index} non évaluée.`);
    return line;
  });
  return { lines, issues, foreign };
}

function refuse(evaluation: Evaluation): never {
  const first = evaluation.issues[0];
  const count = evaluation.issues.length;
  const lineNumber = first ? Number(first.path.split('.')[1]) + 1 : 0;
  const message = first
    ? `Ligne ${lineNumber} : ${first.message}${count > 1 ? ` (et ${count - 1} autre${count > 2 ? 's' : ''} ligne${count > 2 ? 's' : ''} à corriger)` : ''}`
    : 'Demande invalide.';
  throw new AppError(evaluation.foreign ? 'not_found' : 'validation', message, evaluation.issues);
}


function total(lines: readonly RequestLineDto[]): number {
  return lines
    .filter((l) => l.action === 'book' && (l.outcome === 'accepted' || l.outcome === 'pending'))
    .reduce((sum, l) => sum + (l.priceCents ?? 0) + l.surchargeCents, 0);
}

/**
 * « Suivant » → the recap: each line's outcome, price and reason; nothing is written. `role`:
 * staff preview a request they make on the family's behalf under their rules.
 */
export async function previewRequest(
  db: Db,
  familyId: number,
  lines: readonly RequestLineInput[],
  now: Date,
  role: RequestRole = { kind: 'parent' },
): Promise<RequestRecapDto> {
  const evaluation = await evaluate(db, familyId, lines, now, role, await ReferenceData.open(db, db));
  if (evaluation.issues.length > 0) refuse(evaluation);
  const out = evaluation.lines.map(dto);
  return { lines: out, totalCents: total(out) };
}

const isDoubleBooking = (err: unknown): boolean =>
  err instanceof Error &&
  (err as Error & { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
  /bookings\.child_id/.test(err.message);

/** The partial unique index on live child × date × unit is the last wall: its refusal is a 409. */
export async function guardDoubleBooking<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isDoubleBooking(err)) throw new AppError('conflict', DOUBLE_BOOKING_MESSAGE);
    throw err;
  }
}

/**
 * « Valider »: evaluates the request and writes it in one transaction — the request with the state
 * of every line for the family's confirmation e-mail (queued after the transaction by
 * `composeDueConfirmations`, decision 0015), each booking with its state and reason at creation
 * (decision 0016), each cancellation and its event (the parent, or staff with their reason). An
 * invalid line refuses everything (400, or 404 for another family's booking).
 */
export async function submitRequest(db: Kysely<Database>, context: RequestContext, input: readonly RequestLineInput[]): Promise<SubmittedRequestDto> {
  const actor = actorOf(context);
  const who: WriteActor =
    actor.kind === 'parent'
      ? { kind: 'parent', accountId: actor.accountId }
      : { kind: 'staff', staffId: actor.staffId, reason: staffReason(actor) };
  const work = async (trx: Trx) => {
    const reference = await ReferenceData.open(trx, db);
    const evaluation = await evaluate(trx, context.familyId, input, context.now, actor, reference);
    if (evaluation.issues.length > 0) refuse(evaluation);
    return writeRequest(trx, context, who, evaluation.lines);
  };
  // The store's group commit when it has one (decision 0013): the same checks and writes, in a
  // savepoint of a transaction shared with the requests queued at the same moment.
  const group = groupCommitterOf(db);
  return guardDoubleBooking(() => (group ? group.run(work) : db.transaction().execute(work)));
}
