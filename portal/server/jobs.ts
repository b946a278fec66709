import path from 'node:path';
import { purgeExpiredSessions } from '../../shared/auth/sessions';
import { purgeThrottle } from '../../shared/auth/throttle';
import { autoRefusalSummary, refuseExpiredPending } from '../../shared/bookings/autoRefusal';
import { parisDateOf } from '../../shared/calendar';
import { expireDocuments } from '../../shared/documents/service';
import { purgeStaleUploads } from '../../shared/documents/storage';
import { backupStore, listBackups } from '../../shared/db/backup';
import { deliverDueEmails } from '../../shared/mail/delivery';
import { sendInvoiceReminders } from '../../shared/invoicing/accounts';
import type { ServerDeps } from './context';
import { runPaymentJobs } from '../../shared/payments/jobs';

export interface JobRunner {
  stop(): Promise<void>;
  /** Runs the e-mail delivery now (after a change that queued e-mails). */
  kickOutbox(): void;
}

async function recordRun(deps: ServerDeps, name: string, status: 'ok' | 'failed', result: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.db
    .insertInto('scheduled_jobs')
    .values({ name, last_run_at: at, last_status: status, last_result: result, next_run_at: null })
    .onConflict((oc) => oc.column('name').doUpdateSet({ last_run_at: at, last_status: status, last_result: result }))
    .execute();
}

/**
 * Background work of the server process: e-mail delivery, the daily backup (taken at start when
 * the day has none yet, so a PC switched off at night still gets one), expired sessions purge.
 */
export function startJobs(deps: ServerDeps, options: { mailIntervalMs?: number; dailyCheckMs?: number } = {}): JobRunner {
  let running = true;
  let mailing: Promise<void> = Promise.resolve();
  let mailAgain = false;

  const runMail = (): void => {
    if (!running || !deps.mailer) return;
    mailAgain = true;
    mailing = mailing.then(async () => {
      while (mailAgain && running) {
        mailAgain = false;
        try {
          const r = await deliverDueEmails(deps.store.db, deps.mailer, deps.config.mailFrom, deps.clock.now());
          if (r.failed > 0) deps.logger.warn({ failed: r.failed }, 'some e-mails could not be sent; they will be retried');
        } catch (err) {
          deps.logger.error({ err }, 'e-mail delivery failed');
        }
      }
    });
  };

  // Each daily task runs on its own: one failing does not stop the others, and each records its
  // last run and result for the back-office.
  const task = async (name: string, run: () => Promise<string | null>): Promise<void> => {
    try {
      const result = await run();
      if (result !== null) await recordRun(deps, name, 'ok', result);
    } catch (err) {
      deps.logger.error({ err, job: name }, 'daily job failed');
      await recordRun(deps, name, 'failed', err instanceof Error ? err.message : 'erreur').catch(() => undefined);
    }
  };

  const daily = async (): Promise<void> => {
    const now = deps.clock.now();
    const dir = path.join(deps.config.dataDir, 'backups');
    await task('daily-backup', async () => {
      const today = now.toISOString().slice(0, 10).replace(/-/g, '');
      if (deps.store.file === ':memory:' || listBackups(dir).some((b) => b.file.startsWith(`marelle-${today}`))) return null;
      return (await backupStore(deps.store, dir, now, deps.nativeBinding)).file;
    });
    await task('refuse-expired-requests', async () => autoRefusalSummary(await refuseExpiredPending(deps.store.db, now, deps.config.publicUrl)));
    await task('payments', async () => runPaymentJobs(deps.store.db, { demo: deps.config.demo, publicUrl: deps.config.publicUrl }, now));
    await task('invoice-reminders', async () => `${await sendInvoiceReminders(deps.store.db, now, deps.config.publicUrl)} relance(s) de facture envoyée(s)`);
    await task('expire-documents', async () => `${await expireDocuments(deps.store.db, parisDateOf(now.toISOString()), now)} document(s) expiré(s)`);
    await task('purge-sessions', async () => {
      const sessions = await purgeExpiredSessions(deps.store.db, now);
      const throttles = await purgeThrottle(deps.store.db, now);
      const uploads = await purgeStaleUploads(deps.config.dataDir, now);
      return `${sessions} session(s), ${throttles} compteur(s), ${uploads} envoi(s) interrompu(s) supprimés`;
    });
  };

  const mailTimer = setInterval(runMail, options.mailIntervalMs ?? 15_000);
  const dailyTimer = setInterval(() => void daily(), options.dailyCheckMs ?? 60 * 60_000);
  mailTimer.unref();
  dailyTimer.unref();
  const firstDaily = daily();
  runMail();

  return {
    async stop() {
      running = false;
      clearInterval(mailTimer);
      clearInterval(dailyTimer);
      await firstDaily.catch(() => undefined);
      await mailing;
    },
    kickOutbox: runMail,
  };
}
