import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit';
import { hashPassword } from '../auth/passwords';
import type { Database } from '../db/schema';
import type { EmailOnlyInput, ResetPasswordInput } from '../schemas/account';
import { assertStrongPassword, findAccountByEmail, getAccount, markEmailVerified, ownerActor, sendAccountEmail, type RequestMeta } from './common';
import { closeOtherSessions } from './passwordChange';
import { accountLinks, passwordChangedText, resetPasswordText } from './emails';
import { clearWrongCurrentPassword, takeMailQuota } from './rateLimit';
import { checkToken, consumeToken, issueToken, revokeTokens } from './tokens';

export const FORGOT_MESSAGE =
  'Si un compte existe pour cette adresse, un e-mail contenant un lien pour choisir un nouveau mot de passe vient d’y être envoyé. Ce lien est valable 2 heures.';

export const RESET_DONE_MESSAGE =
  'Votre mot de passe a été modifié et toutes vos sessions ont été fermées. Connectez-vous avec votre nouveau mot de passe.';

/** "Mot de passe oublié ?": a 2-hour single-use link if the address has an account; the same answer otherwise. */
export async function requestPasswordReset(db: Kysely<Database>, input: EmailOnlyInput, meta: RequestMeta): Promise<{ message: string }> {
  const links = accountLinks(meta.publicUrl);
  await db.transaction().execute(async (trx) => {
    await takeMailQuota(trx, input.email, meta.ip, meta.now);
    const account = await findAccountByEmail(trx, input.email);
    if (!account || account.familyStatus === 'archived') return;
    const token = await issueToken(trx, account.id, 'reset_password', meta.now);
    await sendAccountEmail(trx, account.email, account.familyId, (commune) => resetPasswordText(commune, links.reset(token)), meta.now);
  });
  return { message: FORGOT_MESSAGE };
}

/**
 * Sets the new password from a reset link and closes every session of the account: whoever may
 * have known the old password is logged out everywhere. The link reached the mailbox, so it also
 * confirms the address of an account that had not confirmed it yet.
 */
export async function resetPassword(
  db: Kysely<Database>,
  input: ResetPasswordInput,
  meta: RequestMeta,
): Promise<{ accountId: number; message: string }> {
  // A dead link is refused first (no use choosing a password for it), and before argon2 runs;
  // the transaction below checks it again and uses it.
  await checkToken(db, input.token, 'reset_password', meta.now);
  assertStrongPassword(input.password, 'password');
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const consumed = await consumeToken(trx, input.token, 'reset_password', meta.now);
    const account = await getAccount(trx, consumed.accountId);
    await trx.updateTable('portal_accounts').set({ password_hash: passwordHash }).where('id', '=', account.id).execute();
    const closed = await closeOtherSessions(trx, account.id, null);
    await revokeTokens(trx, account.id, 'reset_password');
    await clearWrongCurrentPassword(trx, account.id);
    await writeAudit(
      trx,
      ownerActor(account),
      {
        action: 'account.password_reset',
        entityType: 'portal_account',
        entityId: account.id,
        familyId: account.familyId,
        changes: { sessionsClosed: [closed, 0] },
        ip: meta.ip,
      },
      meta.now,
    );
    await markEmailVerified(trx, account, meta);
    await sendAccountEmail(trx, account.email, account.familyId, (commune) => passwordChangedText(commune, 'reset'), meta.now);
    return { accountId: account.id, message: RESET_DONE_MESSAGE };
  });
}
