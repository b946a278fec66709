import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { FamilyStatus } from '../db/tables/families.table';
import { AppError } from '../errors';
import { auditFamilyChange, todayOf, writableFamily, type FamilyChange } from './access';
import { loadFamilyFile } from './file';

/** Where ÉTAPE 4 can start from: a file being filled, or one staff sent back with a reason. */
const SUBMITTABLE: readonly FamilyStatus[] = ['profile_incomplete', 'rejected'];

const NOT_SUBMITTABLE: Partial<Record<FamilyStatus, string>> = {
  awaiting_validation: 'Votre dossier a déjà été transmis : il est en cours de validation par le pôle enfance-jeunesse.',
  validated: "Votre compte est déjà validé : il n'y a rien à transmettre.",
};

/**
 * ÉTAPE 4: the complete file goes to staff for validation. An incomplete file is refused with
 * the list of what is missing (`missing`, the same sentences the portal shows).
 */
export async function submitFamily(db: Kysely<Database>, change: FamilyChange): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const family = await writableFamily(trx, change);
    if (!SUBMITTABLE.includes(family.status)) {
      throw new AppError('conflict', NOT_SUBMITTABLE[family.status] ?? 'Ce dossier ne peut pas être transmis dans son état actuel.');
    }
    const file = await loadFamilyFile(trx, change.familyId, { forStaff: false, today: todayOf(change.now) });
    if (!file.completeness.complete) {
      throw new AppError(
        'incomplete',
        `Votre dossier n'est pas encore complet : ${file.completeness.missing.join(' ')}`,
        undefined,
        undefined,
        { missing: file.completeness.missing },
      );
    }
    const at = change.now.toISOString();
    await trx
      .updateTable('families')
      .set({ status: 'awaiting_validation', status_reason: null, submitted_at: at, updated_at: at })
      .where('id', '=', family.id)
      .execute();
    await auditFamilyChange(trx, change, {
      action: 'family.submitted',
      entityType: 'family',
      entityId: family.id,
      changes: {
        status: [family.status, 'awaiting_validation'],
        submittedAt: [family.submitted_at, at],
        ...(family.status_reason ? { statusReason: [family.status_reason, null] } : {}),
      },
    });
  });
}
