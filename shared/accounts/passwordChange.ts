import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import type { ChangePasswordInput } from '../schemas/account';
import { assertStrongPassword, getAccount, ownerActor, sendAccountEmail, type AccountRow, type RequestMeta } from './common';
import { passwordChangedText } from './emails';
import {
  clearWrongCurrentPassword,
  currentPasswordLockedFor,
  recordWrongCurrentPassword,
  tooManyPasswordChecks,
} from './rateLimit';
import { revokeTokens } from './tokens';

/** The logged-in parent, as the account services need it. */
export interface AccountSession {
  accountId: number;
  /** The current session, kept open when the others are closed. */
  idHash: string;
}

export const PASSWORD_CHANGED_MESSAGE = 'Votre mot de passe a été modifié. Vos autres sessions ouvertes ont été fermées.';

const WRONG_CURRENT = 'Le mot de passe actuel est incorrect.';

/**
 * Checks the "mot de passe actuel" field of a form made with an open session; wrong answers are
 * counted like failed logins. A 400 on the field, not a 401: the session itself is fine.
 */
export async function checkCurrentPassword(db: Kysely<Database>, accountId: number, password: string, now: Date): Promise<AccountRow> {
  const wait = await currentPasswordLockedFor(db, accountId, now);
  if (wait > 0) throw tooManyPasswordChecks(wait);
  const account = await getAccount(db, accountId);
  if (!(await verifyPassword(account.passwordHash, password))) {
    await db.transaction().execute((trx) => recordWrongCurrentPassword(trx, accountId, now));
    throw new AppError('validation', WRONG_CURRENT, [{ path: 'currentPassword', message: WRONG_CURRENT }]);
  }
  await db.transaction().execute((trx) => clearWrongCurrentPassword(trx, accountId));
  return account;
}

/** Closes the account's parent sessions except `keep`; returns how many were closed. */
export async function closeOtherSessions(trx: Db, accountId: number, keep: string | null): Promise<number> {
  let query = trx.deleteFrom('sessions').where('kind', '=', 'parent').where('account_id', '=', accountId);
  if (keep) query = query.where('id_hash', '!=', keep);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** "Mon profil" → change password: requires the current one, keeps this session, closes the others. */
export async function changePassword(
  db: Kysely<Database>,
  session: AccountSession,
  input: ChangePasswordInput,
  meta: RequestMeta,
): Promise<{ message: string }> {
  assertStrongPassword(input.newPassword, 'newPassword');
  if (input.newPassword === input.currentPassword) {
    const same = 'Le nouveau mot de passe doit être différent du mot de passe actuel.';
    throw new AppError('validation', same, [{ path: 'newPassword', message: same }]);
  }
  const account = await checkCurrentPassword(db, session.accountId, input.currentPassword, meta.now);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('portal_accounts').set({ password_hash: passwordHash }).where('id', '=', account.id).execute();
    const closed = await closeOtherSessions(trx, account.id, session.idHash);
    // A reset link asked for before the change would bring back a password the owner just replaced.
    await revokeTokens(trx, account.id, 'reset_password');
    await writeAudit(
      trx,
      ownerActor(account),
      {
        action: 'account.password_changed',
        entityType: 'portal_account',
        entityId: account.id,
        familyId: account.familyId,
        changes: { sessionsClosed: [closed, 0] },
        ip: meta.ip,
      },
      meta.now,
    );
    await sendAccountEmail(trx, account.email, account.familyId, (commune) => passwordChangedText(commune, 'change'), meta.now);
  });
  return { message: PASSWORD_CHANGED_MESSAGE };
}
