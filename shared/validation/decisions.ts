import type { Kysely, Selectable } from 'kysely';
import { writeAudit, type Actor } from '../audit/audit';
import type { Database } from '../db/schema';
import type { FamiliesTable, FamilyStatus } from '../db/tables/families.table';
import type { Trx } from '../db/types';
import { AppError, notFound } from '../errors';
import { emailFamily, familyRejectedText, familyValidatedText } from './emails';

// ÉTAPE 4 seen from the office: staff validate a submitted family file (reservations open) or
// send it back with a reason. Both decisions apply only to a file awaiting validation.

export interface DecisionInput {
  familyId: number;
  actor: Actor;
  now: Date;
  publicUrl: string;
  ip?: string | null;
}

const STATUS_WORDS: Record<FamilyStatus, string> = {
  email_unverified: "son adresse e-mail n'est pas encore confirmée",
  profile_incomplete: "il n'a pas encore été transmis par la famille",
  awaiting_validation: 'il est en attente de validation',
  validated: 'il est déjà validé',
  rejected: 'il a déjà été refusé et attend les corrections de la famille',
  suspended: 'le compte est suspendu',
  archived: 'le compte est archivé',
};

async function familyAwaitingValidation(trx: Trx, familyId: number, decision: string): Promise<Selectable<FamiliesTable>> {
  const family = await trx.selectFrom('families').selectAll().where('id', '=', familyId).executeTakeFirst();
  if (!family) throw notFound('Cette famille est introuvable.');
  if (family.status !== 'awaiting_validation') {
    throw new AppError('conflict', `Ce dossier ne peut pas être ${decision} : ${STATUS_WORDS[family.status]}.`);
  }
  return family;
}

/** Opens reservations: the family is validated and told so by e-mail. */
export async function validateFamily(db: Kysely<Database>, input: DecisionInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const family = await familyAwaitingValidation(trx, input.familyId, 'validé');
    const at = input.now.toISOString();
    await trx
      .updateTable('families')
      .set({ status: 'validated', status_reason: null, validated_at: at, validated_by: input.actor.id, updated_at: at })
      .where('id', '=', family.id)
      .execute();
    await writeAudit(
      trx,
      input.actor,
      {
        action: 'family.validated',
        entityType: 'family',
        entityId: family.id,
        familyId: family.id,
        changes: { status: [family.status, 'validated'], validatedAt: [family.validated_at, at] },
        ip: input.ip ?? null,
      },
      input.now,
    );
    await emailFamily(trx, family.id, (commune, hello) => familyValidatedText(commune, hello, input.publicUrl), input.now);
  });
}

/** Sends the file back to the family with the reason, by e-mail and on the portal. */
export async function rejectFamily(db: Kysely<Database>, input: DecisionInput & { reason: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const family = await familyAwaitingValidation(trx, input.familyId, 'refusé');
    const at = input.now.toISOString();
    await trx
      .updateTable('families')
      .set({ status: 'rejected', status_reason: input.reason, updated_at: at })
      .where('id', '=', family.id)
      .execute();
    await writeAudit(
      trx,
      input.actor,
      {
        action: 'family.rejected',
        entityType: 'family',
        entityId: family.id,
        familyId: family.id,
        changes: { status: [family.status, 'rejected'], statusReason: [family.status_reason, input.reason] },
        ip: input.ip ?? null,
      },
      input.now,
    );
    await emailFamily(trx, family.id, (commune, hello) => familyRejectedText(commune, hello, input.reason, input.publicUrl), input.now);
  });
}
