import type { Db } from '../db/types';
import { AppError } from '../errors';
import { ACCOUNT_POLICY, clearFailures, lockedFor, recordFailure, type ThrottlePolicy } from '../auth/throttle';

/**
 * The forms that send an e-mail to an address typed by anyone (registration, new confirmation
 * link, forgotten password, e-mail change) share one quota per mailbox and one per client address,
 * so the portal cannot be turned into a way to flood someone's mailbox. Every request counts,
 * whether an account exists or not, so the quota says nothing about who has an account.
 */
export const MAILBOX_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };
export const SENDER_POLICY: ThrottlePolicy = { maxFailures: 20, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

const mailboxKey = (email: string) => `mail:email:${email}`;
const senderKey = (ip: string | null) => `mail:ip:${ip ?? 'unknown'}`;

function tooMany(seconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new AppError(
    'rate_limited',
    `Trop de demandes d’envoi d’e-mail en peu de temps. Pour éviter les envois abusifs, réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    undefined,
    seconds,
  );
}

/** Counts one e-mail-sending request, or throws 429 once the mailbox or the client has had its share. */
export async function takeMailQuota(trx: Db, email: string, ip: string | null, now: Date): Promise<void> {
  const wait = Math.max(await lockedFor(trx, mailboxKey(email), now), await lockedFor(trx, senderKey(ip), now));
  if (wait > 0) throw tooMany(wait);
  await recordFailure(trx, mailboxKey(email), MAILBOX_POLICY, now);
  await recordFailure(trx, senderKey(ip), SENDER_POLICY, now);
}

// A stolen session must not become a way to guess the current password: wrong answers to
// "current password" are limited like logins (5 per 15 minutes per account).
const passwordCheckKey = (accountId: number) => `parent:current-password:${accountId}`;

export async function currentPasswordLockedFor(db: Db, accountId: number, now: Date): Promise<number> {
  return lockedFor(db, passwordCheckKey(accountId), now);
}

export async function recordWrongCurrentPassword(db: Db, accountId: number, now: Date): Promise<void> {
  await recordFailure(db, passwordCheckKey(accountId), ACCOUNT_POLICY, now);
}

export async function clearWrongCurrentPassword(db: Db, accountId: number): Promise<void> {
  await clearFailures(db, passwordCheckKey(accountId));
}

export function tooManyPasswordChecks(seconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new AppError(
    'rate_limited',
    `Trop de mots de passe actuels erronés. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    undefined,
    seconds,
  );
}
