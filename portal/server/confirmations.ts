import { composeAllDueConfirmations, composeDueConfirmations, type ComposeResult } from '../../shared/bookings/confirmations';
import type { Activity, ServerDeps } from './context';

/**
 * Composes the requests' confirmation e-mails after their transactions (decision 0015), yielding
 * to the parents: while requests are being answered, or were in the last `quietMs`, it waits, and
 * composes once the server is quiet — or when the oldest confirmation has waited `maxDelayMs`,
 * whatever the load. During the
 * summer rush the parents get their answers first and their e-mails seconds later.
 */
export interface ConfirmationComposer {
  /** Something became due (a request was validated): compose it soon. */
  kick(): void;
  /** Composes everything due now, whatever the load (tests; the desktop app before it quits). */
  composeNow(): Promise<void>;
  /** Stops after the batch in progress; what is left is composed at the next start. */
  stop(): Promise<void>;
  /** Batches run, requests handled, e-mails queued and the main thread's time spent on them. */
  readonly stats: { batches: number; requests: number; queued: number; ms: number };
}

// Taken at load: a test faking timers must not stop the e-mails.
const later = globalThis.setTimeout;
const cancel = globalThis.clearTimeout;

export function confirmationComposer(
  deps: Pick<ServerDeps, 'store' | 'clock' | 'config' | 'logger'> & { activity: Activity },
  onQueued: () => void,
  options: { maxDelayMs?: number; retryMs?: number; quietMs?: number; failureDelayMs?: number; batch?: number; manual?: boolean } = {},
): ConfirmationComposer {
  const maxDelay = options.maxDelayMs ?? 30_000;
  const retry = options.retryMs ?? 100;
  // A rush has instants with no request in flight (between a response and the next request).
  const quiet = options.quietMs ?? 250;
  const batch = options.batch ?? 200;
  const stats = { batches: 0, requests: 0, queued: 0, ms: 0 };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  /** When the oldest confirmation not yet composed became due (null: none known). */
  let dueSince: number | null = null;
  /** A request was validated while a batch ran: it may not have been in it. */
  let again = false;
  /** The last batch failed (the store unreadable…): wait before trying again, do not spin. */
  let failed = false;
  const afterFailure = options.failureDelayMs ?? 10_000;
  const busy = () => deps.activity.inFlight > 0 || performance.now() - deps.activity.lastAt < quiet;

  const schedule = (ms: number): void => {
    if (stopped || timer !== null || running !== null) return;
    timer = later(run, ms);
    timer.unref?.();
  };

  const composeBatches = async (): Promise<void> => {
    for (;;) {
      const start = performance.now();
      let r: ComposeResult;
      try {
        r = await composeDueConfirmations(deps.store.db, { publicUrl: deps.config.publicUrl, now: deps.clock.now(), limit: batch });
      } catch (err) {
        deps.logger.error({ err }, 'confirmation e-mails could not be composed; retrying later');
        failed = true;
        return;
      } finally {
        stats.ms += performance.now() - start;
      }
      stats.batches++;
      stats.requests += r.requests;
      stats.queued += r.queued;
      if (r.unreadable > 0) deps.logger.error({ requests: r.unreadable }, 'unreadable confirmation lines: no e-mail sent for these requests');
      if (r.queued > 0) onQueued();
      if (r.requests < batch) {
        dueSince = null;
        return;
      }
      if (stopped || busy()) return;
    }
  };

  function run(): void {
    timer = null;
    if (stopped) return;
    if (busy() && dueSince !== null && performance.now() - dueSince < maxDelay) {
      schedule(retry);
      return;
    }
    again = false;
    failed = false;
    running = composeBatches().finally(() => {
      running = null;
      if (again) dueSince ??= performance.now();
      if (dueSince !== null) schedule(failed ? afterFailure : again ? 0 : retry);
    });
  }

  return {
    stats,
    kick() {
      if (stopped || options.manual) return;
      dueSince ??= performance.now();
      if (running !== null) again = true;
      else schedule(0);
    },
    async composeNow() {
      await running;
      const start = performance.now();
      const r = await composeAllDueConfirmations(deps.store.db, { publicUrl: deps.config.publicUrl, now: deps.clock.now() });
      stats.ms += performance.now() - start;
      stats.requests += r.requests;
      stats.queued += r.queued;
      dueSince = null;
      if (r.queued > 0) onQueued();
    },
    async stop() {
      stopped = true;
      if (timer !== null) cancel(timer);
      timer = null;
      await running;
    },
  };
}
