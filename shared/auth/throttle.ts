import type { Db } from '../db/types';

/**
 * Login throttling, kept in the store so that a restart does not reset it. Two keys per attempt:
 * the account (guessing one password) and the address (spraying many accounts).
 */
export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Seconds until the key may try again, or 0 when it is not locked. */
export async function lockedFor(db: Db, key: string, now: Date): Promise<number> {
  const row = await db.selectFrom('login_throttle').select('locked_until').where('key', '=', key).executeTakeFirst();
  if (!row?.locked_until) return 0;
  const ms = new Date(row.locked_until).getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

export async function recordFailure(db: Db, key: string, policy: ThrottlePolicy, now: Date): Promise<void> {
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  const nowMs = now.getTime();
  const windowOpen = row && nowMs - new Date(row.window_started_at).getTime() < policy.windowMs;
  const failures = windowOpen ? row.failures + 1 : 1;
  const lockedUntil = failures >= policy.maxFailures ? new Date(nowMs + policy.lockMs).toISOString() : null;
  const windowStartedAt = windowOpen ? row.window_started_at : now.toISOString();
  await db
    .insertInto('login_throttle')
    .values({ key, failures, window_started_at: windowStartedAt, locked_until: lockedUntil })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures, window_started_at: windowStartedAt, locked_until: lockedUntil }))
    .execute();
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

/** Drops windows that ended a day ago and are not locked: the table stays small. */
export async function purgeThrottle(db: Db, now: Date): Promise<number> {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000).toISOString();
  const result = await db
    .deleteFrom('login_throttle')
    .where('window_started_at', '<', dayAgo)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
