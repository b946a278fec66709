import { hashToken, newToken } from '../auth/tokens';
import type { EmailTokensTable } from '../db/tables/families.table';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { RESET_HOURS, VERIFY_HOURS } from './emails';

export type TokenPurpose = EmailTokensTable['purpose'];

const HOUR_MS = 60 * 60 * 1000;
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: VERIFY_HOURS * HOUR_MS,
  change_email: VERIFY_HOURS * HOUR_MS,
  reset_password: RESET_HOURS * HOUR_MS,
};

/**
 * A new single-use link for an account. Only the token's SHA-256 is stored, so a copy of the store
 * opens nothing. The previous unused links of the same purpose are deleted: only the latest e-mail works.
 */
export async function issueToken(
  trx: Db,
  accountId: number,
  purpose: TokenPurpose,
  now: Date,
  newEmail: string | null = null,
): Promise<string> {
  await trx.deleteFrom('email_tokens').where('account_id', '=', accountId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
  const token = newToken();
  await trx
    .insertInto('email_tokens')
    .values({
      account_id: accountId,
      purpose,
      token_hash: hashToken(token),
      new_email: newEmail,
      expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return token;
}

/** Drops the account's pending links of one purpose (after a password change, a reset link is stale). */
export async function revokeTokens(trx: Db, accountId: number, purpose: TokenPurpose): Promise<void> {
  await trx.deleteFrom('email_tokens').where('account_id', '=', accountId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}

export interface ConsumedToken {
  id: number;
  accountId: number;
  newEmail: string | null;
}

const NEW_LINK: Record<TokenPurpose, string> = {
  verify_email: 'Demandez un nouveau lien de confirmation depuis la page de connexion.',
  change_email: 'Refaites la demande de changement d’adresse depuis « Mon profil ».',
  reset_password: 'Refaites une demande depuis « Mot de passe oublié ? ».',
};

/** Why a link cannot be used, with what to do next; `used` may be overridden by the caller. */
export function invalidToken(purpose: TokenPurpose, reason: 'unknown' | 'used' | 'expired'): AppError {
  const hours = TOKEN_LIFETIME_MS[purpose] / HOUR_MS;
  const why = {
    unknown: 'Ce lien n’est pas valide ou a été remplacé par un lien plus récent.',
    used: 'Ce lien a déjà été utilisé : chaque lien ne sert qu’une fois.',
    expired: `Ce lien a expiré : il n’était valable que ${hours} heures.`,
  }[reason];
  return new AppError('invalid_token', `${why} ${NEW_LINK[purpose]}`);
}

type OnUsed = (accountId: number) => Promise<AppError>;

async function usableToken(db: Db, token: string, purpose: TokenPurpose, now: Date, onUsed?: OnUsed) {
  const row = await db
    .selectFrom('email_tokens')
    .select(['id', 'account_id', 'new_email', 'expires_at', 'used_at'])
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row) throw invalidToken(purpose, 'unknown');
  if (row.used_at !== null) throw onUsed ? await onUsed(row.account_id) : invalidToken(purpose, 'used');
  if (row.expires_at <= now.toISOString()) throw invalidToken(purpose, 'expired');
  return row;
}

/** Throws like `consumeToken` without using the link: lets a caller refuse a bad link before costly work. */
export async function checkToken(db: Db, token: string, purpose: TokenPurpose, now: Date): Promise<void> {
  await usableToken(db, token, purpose, now);
}

/**
 * Marks a link used, inside the caller's transaction, or throws 400 `invalid_token`. The caller
 * decides what an already used link means (for a confirmation, perhaps that all is done).
 */
export async function consumeToken(trx: Db, token: string, purpose: TokenPurpose, now: Date, onUsed?: OnUsed): Promise<ConsumedToken> {
  const row = await usableToken(trx, token, purpose, now, onUsed);
  const updated = await trx
    .updateTable('email_tokens')
    .set({ used_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw invalidToken(purpose, 'used');
  return { id: row.id, accountId: row.account_id, newEmail: row.new_email };
}
