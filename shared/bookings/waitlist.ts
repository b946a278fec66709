/**
 * The waiting list (docs/decisions/0007-waiting-list.md): when places free on a day (a cancellation,
 * more animators, a refusal), the first waiting lines in arrival order take them — accepted at once
 * (`waitlist_promotion` 'automatic') or offered for 48 hours ('offer': the line stays waitlisted,
 * holds the place until `offer_expires_at`, and staff accept it once the family confirms).
 */
import type { IsoDate } from '../calendar/dates';
import { parisWallTime } from '../services/parisTime';
import type { Trx } from '../db/types';
import { applyTransition, decidedLine, lineRowsQuery, LinePlaces, offerRunning, toLineRow, type Actor } from './processingCore';
import { emailDecisions, type DecidedLine } from './processingEmails';
import { frenchDate, parisToday } from './rules';

/** How long a family has to confirm an offered place. */
export const OFFER_HOURS = 48;
export const PROMOTED_REASON = "Place libérée : acceptée depuis la liste d'attente.";
export function offerReason(until: string): string {
  const wall = parisWallTime(until);
  return `Place proposée jusqu'au ${frenchDate(wall.date)} à ${wall.time.replace(':', ' h ')} : à accepter dans votre espace famille (« Mon planning ») ou auprès du service.`;
}

export interface PromotionResult {
  /** Lines accepted from the waiting list. */
  promoted: number;
  /** Lines offered a place (waiting for the family's confirmation). */
  offered: number;
  emails: number;
}

const SYSTEM: Actor = { type: 'system', id: null };

/**
 * Gives the places left on the scope's days to the waiting lines, in arrival order, and e-mails
 * the families (one e-mail each). Runs in the caller's transaction: call it after any change
 * that frees places (a refusal or cancellation accepted by staff, a parent's cancellation, more
 * animators planned). Past days are left alone; lines with a running offer keep their place.
 */
export async function promoteWaitlisted(
  trx: Trx,
  scope: { serviceId: number; dates: readonly IsoDate[] },
  now: Date,
  publicUrl: string,
): Promise<PromotionResult> {
  const today = parisToday(now);
  const dates = [...new Set(scope.dates)].filter((d) => d >= today);
  if (dates.length === 0) return { promoted: 0, offered: 0, emails: 0 };
  const rows = (
    await lineRowsQuery(trx)
      .where('b.service_id', '=', scope.serviceId)
      .where('b.status', '=', 'waitlisted')
      .where('b.date', 'in', dates)
      .orderBy('b.created_at')
      .orderBy('b.id')
      .execute()
  ).map(toLineRow);
  if (rows.length === 0) return { promoted: 0, offered: 0, emails: 0 };

  // Running offers already hold their places (LinePlaces takes them); lapsed ones are the hourly
  // job's to refuse, so they neither hold a place nor get a second offer here.
  const places = await LinePlaces.load(trx, rows, now);
  const waiting = rows.filter((r) => r.offerExpiresAt === null);
  const service = places.services.get(scope.serviceId);
  if (!service) return { promoted: 0, offered: 0, emails: 0 };
  const offer = service.row.waitlist_promotion === 'offer';
  const until = new Date(now.getTime() + OFFER_HOURS * 3_600_000).toISOString();
  const contact = [service.row.contact_phone, service.row.contact_email].filter((v): v is string => Boolean(v && v.trim())).join(' — ') || null;

  const decided: DecidedLine[] = [];
  for (const row of waiting) {
    if (offerRunning(row, now) || !places.hasPlace(row)) continue;
    places.take(row);
    if (offer) {
      const reason = offerReason(until);
      await applyTransition(trx, row, { to: 'waitlisted', reason, offerExpiresAt: until }, SYSTEM, now);
      decided.push(decidedLine(row, { action: 'book', outcome: 'waitlisted', reason, offeredUntil: until, contact }));
    } else {
      await applyTransition(trx, row, { to: 'accepted', reason: null, eventReason: PROMOTED_REASON }, SYSTEM, now);
      decided.push(decidedLine(row, { action: 'book', outcome: 'accepted', reason: null }));
    }
  }
  const emails = await emailDecisions(trx, 'promotion', decided, now, publicUrl);
  return {
    promoted: offer ? 0 : decided.length,
    offered: offer ? decided.length : 0,
    emails,
  };
}

/** The days of a list of lines, per service: the scopes to promote after they changed. */
export function scopesOf(rows: readonly { serviceId: number; date: IsoDate }[]): { serviceId: number; dates: IsoDate[] }[] {
  const byService = new Map<number, Set<IsoDate>>();
  for (const r of rows) byService.set(r.serviceId, (byService.get(r.serviceId) ?? new Set()).add(r.date));
  return [...byService].map(([serviceId, dates]) => ({ serviceId, dates: [...dates].sort() }));
}
