/**
 * The confirmation e-mail of a request, composed after the request's transaction (decision 0015).
 *
 * `submitRequest` writes, in the request's row and in the same transaction as its bookings, the
 * state of each line as validated (`requests.confirmation_lines`). `composeDueConfirmations` later
 * turns those into e-mails in the outbox and clears them, in one transaction per batch: an e-mail
 * is queued exactly once, and a request whose transaction rolled back has none. A crash between
 * the two loses nothing: what is due stays due and is composed at the next start.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { BookingStatus } from '../db/tables/bookings.table';
import { enqueueEmail } from '../mail/outbox';
import { COMMUNE } from '../settings/definitions';
import { getSetting } from '../settings/settings';
import { familyRecipient, greeting } from '../validation/emails';
import { requestConfirmationText, type EmailLine } from './emails';

/** A line as stored with the request: short keys, a rush stores thousands. */
interface StoredLine {
  a: 'book' | 'cancel';
  d: string;
  c: string;
  s: string;
  u: string;
  o: BookingStatus;
  r: string | null;
  m: number;
  b: 0 | 1;
}

const STATUSES: ReadonlySet<string> = new Set<BookingStatus>(['pending', 'waitlisted', 'accepted', 'refused', 'cancelled', 'cancellation_pending']);

/** What `submitRequest` writes into `requests.confirmation_lines`. */
export function confirmationLines(lines: readonly EmailLine[]): string {
  return JSON.stringify(
    lines.map(
      (l): StoredLine => ({
        a: l.action,
        d: l.date,
        c: l.childName,
        s: l.serviceName,
        u: l.unitName,
        o: l.outcome,
        r: l.reason,
        m: l.surchargeCents,
        b: l.stillBilled ? 1 : 0,
      }),
    ),
  );
}

const isStoredLine = (v: unknown): v is StoredLine => {
  if (typeof v !== 'object' || v === null) return false;
  const l = v as Record<string, unknown>;
  return (
    (l.a === 'book' || l.a === 'cancel') &&
    typeof l.d === 'string' &&
    typeof l.c === 'string' &&
    typeof l.s === 'string' &&
    typeof l.u === 'string' &&
    typeof l.o === 'string' &&
    STATUSES.has(l.o) &&
    (l.r === null || typeof l.r === 'string') &&
    typeof l.m === 'number' &&
    (l.b === 0 || l.b === 1)
  );
};

/** The stored lines back, or null when unreadable (never written by this code: a damaged row). */
export function readConfirmationLines(json: string): EmailLine[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || !parsed.every(isStoredLine)) return null;
  return parsed.map((l: StoredLine) => ({
    action: l.a,
    date: l.d,
    childName: l.c,
    serviceName: l.s,
    unitName: l.u,
    outcome: l.o,
    reason: l.r,
    surchargeCents: l.m,
    stillBilled: l.b === 1,
  }));
}

export interface ComposeResult {
  /** Requests whose confirmation was due and is now handled. */
  requests: number;
  /** E-mails queued (a family without any address gets none; staff tell it in person). */
  queued: number;
  /** Requests whose stored lines could not be read (no e-mail; kept out of the way). */
  unreadable: number;
}

/**
 * Queues the confirmation e-mails due, oldest first, at most `limit` per call (one transaction);
 * call again while `requests > 0`.
 */
export async function composeDueConfirmations(db: Kysely<Database>, options: { publicUrl: string; now: Date; limit?: number }): Promise<ComposeResult> {
  const limit = Math.max(1, options.limit ?? 200);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('requests')
      .select(['id', 'family_id', 'created_at', 'confirmation_lines'])
      .where('confirmation_lines', 'is not', null)
      .orderBy('id')
      .limit(limit)
      .execute();
    const result: ComposeResult = { requests: due.length, queued: 0, unreadable: 0 };
    if (due.length === 0) return result;
    const commune = await getSetting(trx, COMMUNE);
    for (const request of due) {
      const lines = readConfirmationLines(request.confirmation_lines ?? '');
      if (!lines) {
        result.unreadable++;
        continue;
      }
      if (lines.length === 0) continue;
      const recipient = await familyRecipient(trx, request.family_id);
      if (!recipient.email) continue;
      const { subject, text } = requestConfirmationText(
        commune,
        greeting(recipient.person),
        { id: request.id, createdAt: new Date(request.created_at), lines },
        options.publicUrl,
      );
      await enqueueEmail(trx, { to: recipient.email, subject, text, familyId: request.family_id }, options.now);
      result.queued++;
    }
    await trx
      .updateTable('requests')
      .set({ confirmation_lines: null })
      .where('id', 'in', due.map((r) => r.id))
      .execute();
    return result;
  });
}

/** Every confirmation due, batch after batch (tests, the composer's catch-up). */
export async function composeAllDueConfirmations(db: Kysely<Database>, options: { publicUrl: string; now: Date }): Promise<ComposeResult> {
  const total: ComposeResult = { requests: 0, queued: 0, unreadable: 0 };
  for (;;) {
    const r = await composeDueConfirmations(db, options);
    total.requests += r.requests;
    total.queued += r.queued;
    total.unreadable += r.unreadable;
    if (r.requests === 0) return total;
  }
}
