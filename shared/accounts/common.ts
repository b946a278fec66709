import { writeAudit, type Actor } from '../audit/audit';
import { passwordWeakness } from '../auth/passwords';
import type { FamilyStatus } from '../db/tables/families.table';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { enqueueEmail } from '../mail/outbox';
import { getSetting } from '../settings/settings';
import { COMMUNE, type Commune } from '../settings/definitions';
import type { EmailText } from './emails';

/** What an account service needs to know about the request it serves. */
export interface RequestMeta {
  now: Date;
  /** The portal's public address, for the links in e-mails. */
  publicUrl: string;
  ip: string | null;
  userAgent: string | null;
}

export interface AccountRow {
  id: number;
  familyId: number;
  email: string;
  passwordHash: string;
  emailVerifiedAt: string | null;
  familyStatus: FamilyStatus;
}

function accountQuery(db: Db) {
  return db
    .selectFrom('portal_accounts as a')
    .innerJoin('families as f', 'f.id', 'a.family_id')
    .select(['a.id', 'a.family_id', 'a.email', 'a.password_hash', 'a.email_verified_at', 'f.status']);
}

type Raw = Awaited<ReturnType<ReturnType<typeof accountQuery>['executeTakeFirstOrThrow']>>;
const toAccount = (r: Raw): AccountRow => ({
  id: r.id,
  familyId: r.family_id,
  email: r.email,
  passwordHash: r.password_hash,
  emailVerifiedAt: r.email_verified_at,
  familyStatus: r.status,
});

/** The e-mail column is COLLATE NOCASE; callers pass it normalised anyway. */
export async function findAccountByEmail(db: Db, email: string): Promise<AccountRow | undefined> {
  const row = await accountQuery(db).where('a.email', '=', email).executeTakeFirst();
  return row && toAccount(row);
}

export async function getAccount(db: Db, accountId: number): Promise<AccountRow> {
  return toAccount(await accountQuery(db).where('a.id', '=', accountId).executeTakeFirstOrThrow());
}

/** The account owner acting through a link from their mailbox or their own session. */
export const ownerActor = (account: { id: number; email: string }): Actor => ({ type: 'parent', id: account.id, label: account.email });

/** 400 with the reason, attached to the form field that holds the new password. */
export function assertStrongPassword(password: string, field: string): void {
  const weakness = passwordWeakness(password);
  if (weakness) throw new AppError('validation', weakness, [{ path: field, message: weakness }]);
}

/** Queues an account e-mail in the caller's transaction, signed with the commune's current details. */
export async function sendAccountEmail(
  trx: Db,
  to: string,
  familyId: number | null,
  build: (commune: Commune) => EmailText,
  now: Date,
): Promise<void> {
  const { subject, text } = build(await getSetting(trx, COMMUNE));
  await enqueueEmail(trx, { to, subject, text, familyId }, now);
}

/**
 * A link that reached the mailbox proves the address: the account is confirmed and, if it was
 * waiting for that, the family moves on to ÉTAPE 2 (profile).
 */
export async function markEmailVerified(trx: Db, account: AccountRow, meta: RequestMeta): Promise<void> {
  const actor = ownerActor(account);
  const at = meta.now.toISOString();
  if (account.emailVerifiedAt === null) {
    await trx.updateTable('portal_accounts').set({ email_verified_at: at }).where('id', '=', account.id).execute();
    await writeAudit(
      trx,
      actor,
      { action: 'account.email_verified', entityType: 'portal_account', entityId: account.id, familyId: account.familyId, changes: { emailVerified: [false, true] }, ip: meta.ip },
      meta.now,
    );
  }
  if (account.familyStatus === 'email_unverified') {
    await trx.updateTable('families').set({ status: 'profile_incomplete', updated_at: at }).where('id', '=', account.familyId).execute();
    await writeAudit(
      trx,
      actor,
      { action: 'family.status_changed', entityType: 'family', entityId: account.familyId, familyId: account.familyId, changes: { status: ['email_unverified', 'profile_incomplete'] }, ip: meta.ip },
      meta.now,
    );
  }
}
