import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import type { ChangeEmailInput } from '../schemas/account';
import { getAccount, markEmailVerified, ownerActor, sendAccountEmail, type RequestMeta } from './common';
import { accountLinks, confirmNewEmailText, emailChangedText, emailChangeRequestedText } from './emails';
import { checkCurrentPassword, type AccountSession } from './passwordChange';
import { takeMailQuota } from './rateLimit';
import { consumeToken, issueToken, revokeTokens } from './tokens';
import { RESPONSABLE } from '../db/literals';

export const emailChangeRequestedMessage = (newEmail: string): string =>
  `Un e-mail de confirmation a été envoyé à ${newEmail}. Cliquez sur le lien qu’il contient (valable 48 heures) : cette adresse deviendra alors votre identifiant de connexion. D’ici là, votre adresse actuelle reste valable.`;

export const emailChangedMessage = (email: string): string =>
  `Votre adresse e-mail a été modifiée. Utilisez désormais ${email} pour vous connecter.`;

// The requester is the logged-in owner, not a stranger: telling them the address is taken is fine.
const TAKEN =
  'Cette adresse e-mail est déjà utilisée par un autre compte du portail famille. Choisissez une autre adresse ; s’il s’agit d’un ancien compte de votre foyer, contactez le pôle enfance-jeunesse.';

async function usedByAnother(db: Db, email: string, accountId: number): Promise<boolean> {
  const row = await db.selectFrom('portal_accounts').select('id').where('email', '=', email).where('id', '!=', accountId).executeTakeFirst();
  return row !== undefined;
}

/**
 * "Mon profil" → change e-mail: requires the current password, then e-mails a 48-hour link to the
 * new address; the login e-mail changes only once that link is followed. The old address is told.
 */
export async function requestEmailChange(
  db: Kysely<Database>,
  session: AccountSession,
  input: ChangeEmailInput,
  meta: RequestMeta,
): Promise<{ message: string }> {
  const account = await checkCurrentPassword(db, session.accountId, input.currentPassword, meta.now);
  const newEmail = input.newEmail;
  if (newEmail === account.email.toLowerCase()) {
    const same = 'Cette adresse est déjà votre adresse de connexion.';
    throw new AppError('validation', same, [{ path: 'newEmail', message: same }]);
  }
  const links = accountLinks(meta.publicUrl);
  await db.transaction().execute(async (trx) => {
    if (await usedByAnother(trx, newEmail, account.id)) throw new AppError('conflict', TAKEN);
    await takeMailQuota(trx, newEmail, meta.ip, meta.now);
    const token = await issueToken(trx, account.id, 'change_email', meta.now, newEmail);
    await sendAccountEmail(trx, newEmail, account.familyId, (commune) => confirmNewEmailText(commune, links.changeEmail(token)), meta.now);
    await sendAccountEmail(trx, account.email, account.familyId, (commune) => emailChangeRequestedText(commune, newEmail), meta.now);
    await writeAudit(
      trx,
      ownerActor(account),
      {
        action: 'account.email_change_requested',
        entityType: 'portal_account',
        entityId: account.id,
        familyId: account.familyId,
        changes: { pendingEmail: [null, newEmail] },
        ip: meta.ip,
      },
      meta.now,
    );
  });
  return { message: emailChangeRequestedMessage(newEmail) };
}

/**
 * The link sent to the new address: it becomes the login (and, when they were the same, the
 * responsable's contact address). Works without a session: the link may be opened on a phone.
 */
export async function confirmEmailChange(db: Kysely<Database>, token: string, meta: RequestMeta): Promise<{ message: string; email: string }> {
  return db.transaction().execute(async (trx) => {
    const consumed = await consumeToken(trx, token, 'change_email', meta.now);
    const account = await getAccount(trx, consumed.accountId);
    const newEmail = consumed.newEmail;
    if (!newEmail) throw new AppError('invalid_token', 'Ce lien n’est pas valide. Refaites la demande de changement d’adresse depuis « Mon profil ».');
    if (await usedByAnother(trx, newEmail, account.id)) {
      throw new AppError('conflict', `${TAKEN} Votre adresse de connexion reste ${account.email}.`);
    }
    const oldEmail = account.email;
    const actor = ownerActor({ id: account.id, email: newEmail });
    // Following the link from the new mailbox proves that address.
    const at = meta.now.toISOString();
    await trx.updateTable('portal_accounts').set({ email: newEmail, email_verified_at: at }).where('id', '=', account.id).execute();
    await writeAudit(
      trx,
      actor,
      { action: 'account.email_changed', entityType: 'portal_account', entityId: account.id, familyId: account.familyId, changes: { email: [oldEmail, newEmail] }, ip: meta.ip },
      meta.now,
    );
    // The responsable's contact address follows the login when it was the same one.
    const responsable = await trx
      .selectFrom('guardians')
      .select(['id', 'email'])
      .where('family_id', '=', account.familyId)
      .where('role', '=', RESPONSABLE)
      .executeTakeFirst();
    if (responsable?.email && responsable.email.toLowerCase() === oldEmail.toLowerCase()) {
      await trx.updateTable('guardians').set({ email: newEmail, updated_at: at }).where('id', '=', responsable.id).execute();
      await writeAudit(
        trx,
        actor,
        { action: 'guardian.updated', entityType: 'guardian', entityId: responsable.id, familyId: account.familyId, changes: { email: [responsable.email, newEmail] }, ip: meta.ip },
        meta.now,
      );
    }
    // A family still waiting for its first confirmation moves on; links sent to the old address are stale.
    await markEmailVerified(trx, { ...account, email: newEmail, emailVerifiedAt: at }, meta);
    await revokeTokens(trx, account.id, 'verify_email');
    await sendAccountEmail(trx, oldEmail, account.familyId, (commune) => emailChangedText(commune, newEmail), meta.now);
    return { message: emailChangedMessage(newEmail), email: newEmail };
  });
}
