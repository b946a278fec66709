import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../audit/audit';
import type { Database } from '../db/schema';
import { AppError, forbidden } from '../errors';
import type { DeskFamilyInput } from '../schemas/family';
import { auditFamilyChange } from './access';
import { upsertGuardian } from './profile';
import { insertFamily } from './repository';

/**
 * Not an argon2 string, so no password ever matches it: the account exists (its e-mail is taken)
 * but nobody can log in until the parent sets a password through "Mot de passe oublié".
 */
export const unusablePasswordHash = (): string => `!unusable!${randomBytes(32).toString('base64url')}`;

/**
 * A family created at the desk (parents without internet, or who prefer the counter). With an
 * e-mail it also gets a portal account the parent activates with "Mot de passe oublié".
 */
export async function createFamilyAtDesk(db: Kysely<Database>, actor: Actor, now: Date, input: DeskFamilyInput): Promise<number> {
  if (actor.type !== 'staff') throw forbidden();
  const email = input.email ?? null;
  return db.transaction().execute(async (trx) => {
    if (email) {
      const taken = await trx.selectFrom('portal_accounts').select('id').where('email', '=', email).executeTakeFirst();
      if (taken) throw new AppError(
          'conflict',
          "Cette adresse e-mail est déjà celle d'un compte famille : recherchez ce compte plutôt que d'en créer un autre.",
        );
    }
    const at = now.toISOString();
    const familyId = await insertFamily(trx, 'profile_incomplete', at);
    const change = { actor, familyId: familyId, now };
    if (email) {
      // Not confirmed yet: the reset link the parent asks for reaches this address, and using it
      // confirms the address (shared/accounts/passwordReset.ts) before any login is possible.
      await trx
        .insertInto('portal_accounts')
        .values({ family_id: familyId, email, password_hash: unusablePasswordHash(), email_verified_at: null, created_at: at, last_login_at: null })
        .execute();
    }
    await auditFamilyChange(
      trx,
      change,
      {
        action: 'family.created',
        entityType: 'family',
        entityId: familyId,
        changes: { status: [null, 'profile_incomplete'], ...(email ? { accountEmail: [null, email] } : {}) },
      },
    );
    await upsertGuardian(trx, change, 'responsable', { ...input.responsable, email: input.responsable.email ?? email });
    return familyId;
  });
}
