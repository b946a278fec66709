import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import type { SepaMandatesTable } from '../db/tables/families.table';
import type { Trx } from '../db/types';
import { AppError, notFound } from '../errors';
import type { MandateInput } from '../schemas/family';
import { auditFamilyChange, created, writableFamily, type FamilyChange } from './access';
import { mandateDto } from './presenters';

type MandateRow = Selectable<SepaMandatesTable>;

/** What the audit log keeps of a mandate: the masked IBAN, never the full one. */
function auditedFields(m: MandateRow): Record<string, unknown> {
  const { id: _id, ...fields } = mandateDto(m);
  return fields;
}

/** The next RUM of a family: `MAR-<familyId>-<n>`, n counting every mandate it ever had. */
export async function nextRum(trx: Trx, familyId: number): Promise<string> {
  const prefix = `MAR-${familyId}-`;
  const rows = await trx.selectFrom('sepa_mandates').select('rum').where('rum', 'like', `${prefix}%`).execute();
  const last = rows.reduce((max, r) => Math.max(max, Number(r.rum.slice(prefix.length)) || 0), 0);
  return `${prefix}${last + 1}`;
}

/** "Mon foyer" → Vos mandats SEPA: a new mandate, `pending` until staff check the signed form. */
export async function createMandate(db: Kysely<Database>, change: FamilyChange, input: MandateInput): Promise<MandateRow> {
  return db.transaction().execute(async (trx) => {
    await writableFamily(trx, change);
    const at = change.now.toISOString();
    const row = await trx
      .insertInto('sepa_mandates')
      .values({
        family_id: change.familyId,
        rum: await nextRum(trx, change.familyId),
        iban: input.iban,
        bic: input.bic,
        holder_name: input.holderName,
        signature_date: input.signatureDate,
        status: 'pending',
        first_collected_at: null,
        last_collected_at: null,
        document_id: null,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditFamilyChange(
      trx,
      change,
      { action: 'mandate.created', entityType: 'sepa_mandate', entityId: row.id, changes: created(auditedFields(row)) },
      { evenIfUnchanged: true },
    );
    return row;
  });
}

/** Revokes one of the family's mandates; revoking a revoked mandate changes nothing. */
export async function revokeMandate(db: Kysely<Database>, change: FamilyChange, mandateId: number): Promise<MandateRow> {
  return db.transaction().execute(async (trx) => {
    await writableFamily(trx, change);
    const before = await trx
      .selectFrom('sepa_mandates')
      .selectAll()
      .where('id', '=', mandateId)
      .where('family_id', '=', change.familyId)
      .executeTakeFirst();
    if (!before) throw notFound('Ce mandat est introuvable.');
    if (before.status === 'revoked') return before;
    const after = await trx
      .updateTable('sepa_mandates')
      .set({ status: 'revoked', updated_at: change.now.toISOString() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditFamilyChange(trx, change, {
      action: 'mandate.revoked',
      entityType: 'sepa_mandate',
      entityId: before.id,
      changes: { status: [before.status, 'revoked'] },
    });
    return after;
  });
}

/**
 * Staff check a pending mandate (signed paper or uploaded "mandat SEPA" document) and activate it.
 * A family is debited on one account: activating a mandate revokes the one it replaces.
 */
export async function activateMandate(db: Kysely<Database>, change: FamilyChange, mandateId: number): Promise<MandateRow> {
  return db.transaction().execute(async (trx) => {
    await writableFamily(trx, change);
    const before = await trx
      .selectFrom('sepa_mandates')
      .selectAll()
      .where('id', '=', mandateId)
      .where('family_id', '=', change.familyId)
      .executeTakeFirst();
    if (!before) throw notFound('Ce mandat est introuvable.');
    if (before.status !== 'pending') {
      throw new AppError('conflict', before.status === 'active' ? 'Ce mandat est déjà actif.' : 'Un mandat révoqué ou caduc ne peut pas être réactivé : enregistrez un nouveau mandat.');
    }
    const replaced = await trx
      .updateTable('sepa_mandates')
      .set({ status: 'revoked', updated_at: change.now.toISOString() })
      .where('family_id', '=', change.familyId)
      .where('status', '=', 'active')
      .returning(['id'])
      .execute();
    for (const old of replaced) {
      await auditFamilyChange(trx, change, { action: 'mandate.replaced', entityType: 'sepa_mandate', entityId: old.id, changes: { status: ['active', 'revoked'] } });
    }
    const after = await trx
      .updateTable('sepa_mandates')
      .set({ status: 'active', updated_at: change.now.toISOString() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditFamilyChange(trx, change, { action: 'mandate.activated', entityType: 'sepa_mandate', entityId: before.id, changes: { status: ['pending', 'active'] } });
    return after;
  });
}
