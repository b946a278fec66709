import type { Kysely, Selectable } from 'kysely';
import { diff } from '../audit/audit';
import type { Database } from '../db/schema';
import type { GuardiansTable } from '../db/tables/families.table';
import type { Trx } from '../db/types';
import type { GuardianInput } from '../schemas/family';
import { auditFamilyChange, created, definedOnly, removed, writableFamily, type FamilyChange } from './access';
import { guardianDto } from './presenters';

type Role = 'responsable' | 'conjoint';

/** A guardian's fields as the audit log records them (camelCase, no ids). */
function auditedFields(g: Selectable<GuardiansTable>): Record<string, unknown> {
  const { id: _id, role: _role, ...fields } = guardianDto(g);
  return fields;
}

function columns(input: GuardianInput) {
  return {
    civility: input.civility,
    last_name: input.lastName,
    first_name: input.firstName,
    birth_date: input.birthDate,
    email: input.email,
    phone_mobile: input.phoneMobile,
    phone_home: input.phoneHome,
    address_line1: input.addressLine1,
    address_line2: input.addressLine2,
    postal_code: input.postalCode,
    city: input.city,
    employer: input.employer,
    profession: input.profession,
    phone_work: input.phoneWork,
  };
}

/** Inserts or updates the family's responsable or conjoint, inside the caller's transaction. */
export async function upsertGuardian(trx: Trx, change: FamilyChange, role: Role, input: GuardianInput): Promise<void> {
  const at = change.now.toISOString();
  const before = await trx
    .selectFrom('guardians')
    .selectAll()
    .where('family_id', '=', change.familyId)
    .where('role', '=', role)
    .executeTakeFirst();
  const values = columns(input);
  if (!before) {
    const row = await trx
      .insertInto('guardians')
      .values({
        family_id: change.familyId,
        role,
        civility: values.civility ?? null,
        last_name: values.last_name,
        first_name: values.first_name,
        birth_date: values.birth_date ?? null,
        email: values.email ?? null,
        phone_mobile: values.phone_mobile ?? null,
        phone_home: values.phone_home ?? null,
        address_line1: values.address_line1 ?? null,
        address_line2: values.address_line2 ?? null,
        postal_code: values.postal_code ?? null,
        city: values.city ?? null,
        employer: values.employer ?? null,
        profession: values.profession ?? null,
        phone_work: values.phone_work ?? null,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditFamilyChange(
      trx,
      change,
      { action: `${role}.created`, entityType: 'guardian', entityId: row.id, changes: created(auditedFields(row)) },
      { evenIfUnchanged: true },
    );
    return;
  }
  const changes = diff(auditedFields(before), auditedFields({ ...before, ...definedOnly(values) }));
  if (Object.keys(changes).length === 0) return;
  await trx
    .updateTable('guardians')
    .set({ ...definedOnly(values), updated_at: at })
    .where('id', '=', before.id)
    .execute();
  await auditFamilyChange(trx, change, { action: `${role}.updated`, entityType: 'guardian', entityId: before.id, changes });
}

/** ÉTAPE 2 "Valider" and the pencil of "Mon profil": the responsable's coordonnées and information. */
export async function saveResponsable(db: Kysely<Database>, change: FamilyChange, input: GuardianInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await writableFamily(trx, change);
    await upsertGuardian(trx, change, 'responsable', input);
  });
}

/** "Mon foyer" → Votre conjoint: the household's second adult. */
export async function saveConjoint(db: Kysely<Database>, change: FamilyChange, input: GuardianInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await writableFamily(trx, change);
    await upsertGuardian(trx, change, 'conjoint', input);
  });
}

/** Removes the conjoint; removing an absent conjoint changes nothing. */
export async function removeConjoint(db: Kysely<Database>, change: FamilyChange): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await writableFamily(trx, change);
    const before = await trx
      .selectFrom('guardians')
      .selectAll()
      .where('family_id', '=', change.familyId)
      .where('role', '=', 'conjoint')
      .executeTakeFirst();
    if (!before) return;
    await trx.deleteFrom('guardians').where('id', '=', before.id).execute();
    await auditFamilyChange(
      trx,
      change,
      { action: 'conjoint.removed', entityType: 'guardian', entityId: before.id, changes: removed(auditedFields(before)) },
      { evenIfUnchanged: true },
    );
  });
}
