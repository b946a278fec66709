import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { lapseUnusedMandates, settleDueRuns } from '../sepa/debitRuns';
import { applyAllCredits } from './ledger';
import { resolveStalePayfip } from './payfip';
import { payfipSetup } from './payfipSetup';

/**
 * The payments' periodic work (hourly and at start; each step idempotent): re-read PayFiP
 * operations whose notification was lost, settle debit runs past their due date, lapse mandates
 * unused for 36 months, use families' credit on their open invoices.
 */
export async function runPaymentJobs(db: Kysely<Database>, env: { demo: boolean; publicUrl: string }, now: Date): Promise<string> {
  const payfip = await resolveStalePayfip(db, await payfipSetup(db, env), now);
  const settled = await settleDueRuns(db, now);
  const lapsed = await lapseUnusedMandates(db, now);
  const credit = await applyAllCredits(db);
  return `${payfip} ; ${settled} prélèvement(s) soldé(s) ; ${lapsed} mandat(s) caduc(s) ; ${credit} c d'avoir imputés`;
}
