import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { AppError } from '../errors';
import { dummyVerify, verifyPassword } from './passwords';
import { createSession, type NewSession } from './sessions';
import { ACCOUNT_POLICY, ADDRESS_POLICY, clearFailures, lockedFor, recordFailure } from './throttle';

export interface LoginInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

const INVALID = 'Adresse e-mail ou mot de passe incorrect.';

function tooMany(seconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new AppError(
    'rate_limited',
    `Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    undefined,
    seconds,
  );
}

interface Candidate {
  id: number;
  passwordHash: string;
  usable: boolean;
}

/**
 * The shared login sequence: throttle check per account and per address, constant-time-ish
 * verification, then a new server-side session. The same message for an unknown e-mail and a
 * wrong password, so the form does not reveal who has an account.
 */
async function login(
  db: Kysely<Database>,
  clock: Clock,
  kind: 'parent' | 'staff',
  input: LoginInput,
  find: (email: string) => Promise<Candidate | undefined>,
): Promise<{ session: NewSession; id: number }> {
  const email = input.email.trim().toLowerCase();
  const accountKey = `${kind}:account:${email}`;
  const addressKey = `${kind}:ip:${input.ip ?? 'unknown'}`;
  const now = clock.now();
  const wait = Math.max(await lockedFor(db, accountKey, now), await lockedFor(db, addressKey, now));
  if (wait > 0) throw tooMany(wait);

  const candidate = await find(email);
  const ok = candidate ? await verifyPassword(candidate.passwordHash, input.password) : (await dummyVerify(input.password), false);
  if (!candidate || !ok || !candidate.usable) {
    await db.transaction().execute(async (trx) => {
      await recordFailure(trx, accountKey, ACCOUNT_POLICY, now);
      await recordFailure(trx, addressKey, ADDRESS_POLICY, now);
    });
    throw new AppError('invalid_credentials', INVALID);
  }
  const session = await db.transaction().execute(async (trx) => {
    await clearFailures(trx, accountKey);
    if (kind === 'parent') {
      await trx.updateTable('portal_accounts').set({ last_login_at: now.toISOString() }).where('id', '=', candidate.id).execute();
    } else {
      await trx.updateTable('staff_users').set({ last_login_at: now.toISOString() }).where('id', '=', candidate.id).execute();
    }
    return createSession(
      trx,
      { kind, ...(kind === 'parent' ? { accountId: candidate.id } : { staffUserId: candidate.id }), ip: input.ip, userAgent: input.userAgent },
      now,
    );
  });
  return { session, id: candidate.id };
}

export function loginParent(db: Kysely<Database>, clock: Clock, input: LoginInput) {
  return login(db, clock, 'parent', input, async (email) => {
    const row = await db
      .selectFrom('portal_accounts as a')
      .innerJoin('families as f', 'f.id', 'a.family_id')
      .select(['a.id', 'a.password_hash', 'f.status'])
      .where('a.email', '=', email)
      .executeTakeFirst();
    return row && { id: row.id, passwordHash: row.password_hash, usable: row.status !== 'archived' };
  });
}

export function loginStaff(db: Kysely<Database>, clock: Clock, input: LoginInput) {
  return login(db, clock, 'staff', input, async (email) => {
    const row = await db
      .selectFrom('staff_users')
      .select(['id', 'password_hash', 'active'])
      .where('email', '=', email)
      .executeTakeFirst();
    return row && { id: row.id, passwordHash: row.password_hash, usable: row.active === 1 };
  });
}
