import type { Kysely } from 'kysely';
import { diff } from '../audit/audit';
import type { Database } from '../db/schema';
import { forbidden } from '../errors';
import type { HouseholdInput } from '../schemas/family';
import { auditFamilyChange, definedOnly, writableFamily, type FamilyChange } from './access';
import { householdDto } from './presenters';

/**
 * "Mon foyer" → informations complémentaires (QF, CAF, dependants, invoices). Only staff set the
 * QF's validity and the outside-commune flag: they check the justificatif.
 */
export async function saveHousehold(db: Kysely<Database>, change: FamilyChange, input: HouseholdInput): Promise<void> {
  if (change.actor.type === 'parent' && (input.qfValidUntil !== undefined || input.outsideCommune !== undefined)) {
    throw forbidden('Seul le pôle enfance-jeunesse peut modifier la validité du QF ou la résidence hors commune.');
  }
  await db.transaction().execute(async (trx) => {
    const family = await writableFamily(trx, change);
    const values = definedOnly({
      qf: input.qf,
      qf_valid_until: input.qfValidUntil,
      caf_number: input.cafNumber,
      allocataire_name: input.allocataireName,
      dependants_count: input.dependantsCount,
      outside_commune: input.outsideCommune === undefined ? undefined : input.outsideCommune ? (1 as const) : (0 as const),
      invoice_delivery: input.invoiceDelivery,
    });
    // A QF the parent declares is not checked yet: the validity staff gave the previous value lapses.
    if (change.actor.type === 'parent' && values.qf !== undefined && values.qf !== family.qf) values.qf_valid_until = null;
    const changes = diff({ ...householdDto(family) }, { ...householdDto({ ...family, ...values }) });
    if (Object.keys(changes).length === 0) return;
    await trx
      .updateTable('families')
      .set({ ...values, updated_at: change.now.toISOString() })
      .where('id', '=', family.id)
      .execute();
    await auditFamilyChange(trx, change, { action: 'household.updated', entityType: 'family', entityId: family.id, changes });
  });
}
