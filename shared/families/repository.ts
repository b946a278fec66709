import type { FamilyStatus } from '../db/tables/families.table';
import type { Db } from '../db/types';

/** A new, empty family row (online registration or desk creation); returns its id. */
export async function insertFamily(db: Db, status: FamilyStatus, at: string): Promise<number> {
  const row = await db
    .insertInto('families')
    .values({
      status,
      status_reason: null,
      qf: null,
      qf_valid_until: null,
      caf_number: null,
      allocataire_name: null,
      dependants_count: null,
      ical_token: null,
      submitted_at: null,
      validated_at: null,
      validated_by: null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
