/**
 * The automatic refusal (issue 6, PRODUCT.md « States »): a line still waiting when its date comes
 * within the service's deadline (date − deadline_days ≤ today in Paris: on D − 7 for the default
 * 7 days) with no place free is refused with « Aucune place ne s'est libérée. ». Lines that do have
 * a place stay for staff — in arrival order, each keeping one place, so that only the lines beyond
 * the places left are refused. Waiting-list offers not confirmed in time lapse first and their places
 * go to the next waiting lines. Idempotent: run by the hourly jobs, and at start.
 */
import type { Kysely } from 'kysely';
import { addDays } from '../calendar/dates';
import type { Database } from '../db/schema';
import type { Trx } from '../db/types';
import { applyTransition, decidedLine, LinePlaces, lineRowsQuery, offerRunning, toLineRow, type Actor, type LineRow } from './processingCore';
import { emailDecisions, type DecidedLine } from './processingEmails';
import { parisToday } from './rules';
import { promoteWaitlisted, scopesOf } from './waitlist';

export const AUTO_REFUSAL_REASON = "Aucune place ne s'est libérée.";
export const OFFER_LAPSED_REASON = "Place proposée non confirmée dans le délai : elle est attribuée à la famille suivante.";

export interface AutoRefusalResult {
  refused: number;
  lapsedOffers: number;
  promoted: number;
  offered: number;
  emails: number;
}

const SYSTEM: Actor = { type: 'system', id: null };

/** Lines still waiting whose date is within their service's deadline (past dates included). */
async function dueLines(trx: Trx, today: string): Promise<LineRow[]> {
  const services = await trx.selectFrom('services').select(['id', 'deadline_days']).execute();
  if (services.length === 0) return [];
  const rows = await lineRowsQuery(trx)
    .where('b.status', 'in', ['pending', 'waitlisted'])
    .where((eb) => eb.or(services.map((s) => eb.and([eb('b.service_id', '=', s.id), eb('b.date', '<=', addDays(today, s.deadline_days))]))))
    .orderBy('b.created_at')
    .orderBy('b.id')
    .execute();
  return rows.map(toLineRow);
}

/** The hourly job: lapses offers, promotes, then refuses what still has no place. */
export async function refuseExpiredPending(db: Kysely<Database>, now: Date, publicUrl: string): Promise<AutoRefusalResult> {
  return db.transaction().execute(async (trx) => {
    const today = parisToday(now);
    const result: AutoRefusalResult = { refused: 0, lapsedOffers: 0, promoted: 0, offered: 0, emails: 0 };

    const lapsed = (
      await lineRowsQuery(trx)
        .where('b.status', '=', 'waitlisted')
        .where('b.offer_expires_at', '<=', now.toISOString())
        .orderBy('b.created_at')
        .orderBy('b.id')
        .execute()
    ).map(toLineRow);
    const lapsedLines: DecidedLine[] = [];
    for (const row of lapsed) {
      await applyTransition(trx, row, { to: 'refused', reason: OFFER_LAPSED_REASON }, SYSTEM, now);
      lapsedLines.push(decidedLine(row, { action: 'book', outcome: 'refused', reason: OFFER_LAPSED_REASON }));
    }
    result.lapsedOffers = lapsed.length;
    result.emails += await emailDecisions(trx, 'offer_lapsed', lapsedLines, now, publicUrl);

    // Places may have freed without anyone promoting (a group's places raised in the settings):
    // the waiting lines due now get them before anything is refused.
    const waiting = (await dueLines(trx, today)).filter((r) => r.status === 'waitlisted');
    for (const scope of scopesOf([...lapsed, ...waiting])) {
      const r = await promoteWaitlisted(trx, scope, now, publicUrl);
      result.promoted += r.promoted;
      result.offered += r.offered;
      result.emails += r.emails;
    }

    const due = (await dueLines(trx, today)).filter((r) => !offerRunning(r, now));
    const places = await LinePlaces.load(trx, due, now);
    const refused: DecidedLine[] = [];
    for (const row of due) {
      if (places.hasPlace(row)) {
        // This line keeps one of the places left for staff to accept; the next ones may not.
        places.take(row);
        continue;
      }
      await applyTransition(trx, row, { to: 'refused', reason: AUTO_REFUSAL_REASON }, SYSTEM, now);
      refused.push(decidedLine(row, { action: 'book', outcome: 'refused', reason: AUTO_REFUSAL_REASON }));
    }
    result.refused = refused.length;
    result.emails += await emailDecisions(trx, 'auto_refusal', refused, now, publicUrl);
    return result;
  });
}

/** The job's result as the back-office shows it. */
export function autoRefusalSummary(r: AutoRefusalResult): string {
  const parts = [`${r.refused} ligne(s) refusée(s) faute de place`];
  if (r.lapsedOffers > 0) parts.push(`${r.lapsedOffers} offre(s) de place expirée(s)`);
  if (r.promoted > 0) parts.push(`${r.promoted} ligne(s) acceptée(s) depuis la liste d'attente`);
  if (r.offered > 0) parts.push(`${r.offered} place(s) proposée(s)`);
  parts.push(`${r.emails} e-mail(s)`);
  return parts.join(', ');
}
