import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit';
import { hashPassword } from '../auth/passwords';
import { createSession, type NewSession } from '../auth/sessions';
import type { Database } from '../db/schema';
import { AppError } from '../errors';
import type { EmailOnlyInput, RegisterInput } from '../schemas/account';
import { assertStrongPassword, findAccountByEmail, getAccount, markEmailVerified, ownerActor, sendAccountEmail, type RequestMeta } from './common';
import { accountExistsText, accountLinks, verifyEmailText } from './emails';
import { takeMailQuota } from './rateLimit';
import { consumeToken, issueToken, revokeTokens } from './tokens';
import { insertFamily } from '../families/repository';

/** The same sentence whether or not the address already had an account: a stranger learns nothing. */
export const registeredMessage = (email: string): string =>
  `Un e-mail vient d’être envoyé à ${email}. Cliquez sur le lien qu’il contient pour confirmer votre adresse et poursuivre la création de votre compte (lien valable 48 heures). Pensez à regarder dans vos courriers indésirables.`;

export const RESENT_MESSAGE =
  'Si un compte en attente de confirmation existe pour cette adresse, un nouveau lien de confirmation vient d’y être envoyé (valable 48 heures). Le lien précédent ne fonctionne plus.';

export const VERIFIED_MESSAGE = 'Votre adresse e-mail est confirmée. Complétez maintenant votre profil pour poursuivre votre inscription.';

/**
 * ÉTAPE 1: creates the family (`email_unverified`) and its portal account, and e-mails a
 * confirmation link. The responsable's guardian record is created by the profile step (ÉTAPE 2).
 * An address that already has an account gets an e-mail saying so instead; the answer is the same.
 */
export async function registerAccount(db: Kysely<Database>, input: RegisterInput, meta: RequestMeta): Promise<{ message: string }> {
  const { email, password } = input;
  assertStrongPassword(password, 'password');
  // The quota is taken before argon2 runs, so a flood of requests is refused cheaply.
  await db.transaction().execute((trx) => takeMailQuota(trx, email, meta.ip, meta.now));
  // Hashed even when the address is taken, so the response time does not tell the two apart.
  const passwordHash = await hashPassword(password);
  const links = accountLinks(meta.publicUrl);
  const at = meta.now.toISOString();

  await db.transaction().execute(async (trx) => {
    const existing = await findAccountByEmail(trx, email);
    if (existing) {
      const verify =
        existing.emailVerifiedAt === null && existing.familyStatus !== 'archived'
          ? links.verify(await issueToken(trx, existing.id, 'verify_email', meta.now))
          : null;
      await sendAccountEmail(
        trx,
        existing.email,
        existing.familyId,
        (commune) => accountExistsText(commune, { forgotPassword: links.forgotPassword, login: links.login, verify }),
        meta.now,
      );
      return;
    }

    const familyId = await insertFamily(trx, 'email_unverified', at);
    const account = await trx
      .insertInto('portal_accounts')
      .values({ family_id: familyId, email, password_hash: passwordHash, email_verified_at: null, created_at: at, last_login_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const actor = ownerActor({ id: account.id, email });
    await writeAudit(
      trx,
      actor,
      { action: 'family.created', entityType: 'family', entityId: familyId, familyId: familyId, changes: { status: [null, 'email_unverified'] }, ip: meta.ip },
      meta.now,
    );
    await writeAudit(
      trx,
      actor,
      { action: 'account.created', entityType: 'portal_account', entityId: account.id, familyId: familyId, changes: { email: [null, email] }, ip: meta.ip },
      meta.now,
    );
    const token = await issueToken(trx, account.id, 'verify_email', meta.now);
    await sendAccountEmail(trx, email, familyId, (commune) => verifyEmailText(commune, links.verify(token)), meta.now);
  });
  return { message: registeredMessage(email) };
}

/**
 * The link of the confirmation e-mail: confirms the address, moves the family to ÉTAPE 2 and
 * opens a session, so the parent lands in their space without typing the password again.
 */
export async function verifyEmail(
  db: Kysely<Database>,
  token: string,
  meta: RequestMeta,
): Promise<{ session: NewSession; account: { id: number; email: string }; message: string }> {
  return db.transaction().execute(async (trx) => {
    const consumed = await consumeToken(trx, token, 'verify_email', meta.now, async (accountId) => {
      const account = await getAccount(trx, accountId);
      return account.emailVerifiedAt
        ? new AppError(
            'invalid_token',
            'Ce lien a déjà été utilisé : votre adresse e-mail est confirmée. Connectez-vous avec votre adresse e-mail et votre mot de passe.',
          )
        : new AppError('invalid_token', 'Ce lien a déjà été utilisé. Demandez un nouveau lien de confirmation depuis la page de connexion.');
    });
    const account = await getAccount(trx, consumed.accountId);
    if (account.familyStatus === 'archived') {
      throw new AppError('invalid_token', 'Ce compte est archivé. Contactez le pôle enfance-jeunesse.');
    }
    await markEmailVerified(trx, account, meta);
    await revokeTokens(trx, account.id, 'verify_email');
    await trx.updateTable('portal_accounts').set({ last_login_at: meta.now.toISOString() }).where('id', '=', account.id).execute();
    const session = await createSession(trx, { kind: 'parent', accountId: account.id, ip: meta.ip, userAgent: meta.userAgent }, meta.now);
    return { session, account: { id: account.id, email: account.email }, message: VERIFIED_MESSAGE };
  });
}

/** A new confirmation link for an account still waiting for one; nothing otherwise, with the same answer. */
export async function resendVerification(db: Kysely<Database>, input: EmailOnlyInput, meta: RequestMeta): Promise<{ message: string }> {
  const links = accountLinks(meta.publicUrl);
  await db.transaction().execute(async (trx) => {
    await takeMailQuota(trx, input.email, meta.ip, meta.now);
    const account = await findAccountByEmail(trx, input.email);
    if (!account || account.emailVerifiedAt !== null || account.familyStatus === 'archived') return;
    const token = await issueToken(trx, account.id, 'verify_email', meta.now);
    await sendAccountEmail(trx, account.email, account.familyId, (commune) => verifyEmailText(commune, links.verify(token)), meta.now);
  });
  return { message: RESENT_MESSAGE };
}
