import type { Selectable } from 'kysely';
import { writeAudit, type Actor } from '../audit/audit';
import type { FamiliesTable, FamilyStatus } from '../db/tables/families.table';
import type { Db, Trx } from '../db/types';
import { forbidden, notFound } from '../errors';

/** Who changes which family file, and when. Parents act on their session's family only. */
export interface FamilyChange {
  actor: Actor;
  familyId: number;
  now: Date;
  ip?: string | null;
}

/** The Europe/Paris calendar day of an instant: what "today" means for date rules. */
export { parisToday as todayOf } from '../calendar/dates';

export const EMAIL_FIRST =
  "Confirmez d'abord votre adresse e-mail en cliquant sur le lien de validation reçu par courriel : votre dossier pourra ensuite être complété.";

const READ_ONLY: Partial<Record<FamilyStatus, string>> = {
  suspended: 'Votre compte est suspendu : votre dossier ne peut pas être modifié. Contactez le pôle enfance-jeunesse.',
  archived: 'Ce compte est archivé : son dossier ne peut plus être modifié. Contactez le pôle enfance-jeunesse.',
};

/**
 * The family row, once it is certain the actor may change this file. Parents need a confirmed
 * e-mail and a family that is neither suspended nor archived; staff may edit any family (that is
 * how a suspended file gets fixed).
 */
export async function writableFamily(trx: Trx, change: FamilyChange): Promise<Selectable<FamiliesTable>> {
  const family = await trx.selectFrom('families').selectAll().where('id', '=', change.familyId).executeTakeFirst();
  if (!family) throw notFound('Cette famille est introuvable.');
  if (change.actor.type !== 'parent') return family;
  const account = await trx
    .selectFrom('portal_accounts')
    .select('email_verified_at')
    .where('id', '=', change.actor.id ?? -1)
    .where('family_id', '=', change.familyId)
    .executeTakeFirst();
  if (!account) throw notFound('Cette famille est introuvable.');
  if (family.status === 'email_unverified' || account.email_verified_at === null) throw forbidden(EMAIL_FIRST);
  const readOnly = READ_ONLY[family.status];
  if (readOnly) throw forbidden(readOnly);
  return family;
}

/** 404 unless the child is linked to the family (its own child, or shared in garde alternée). */
export async function assertChildOfFamily(db: Db, familyId: number, childId: number): Promise<void> {
  const link = await db
    .selectFrom('family_children')
    .select('child_id')
    .where('family_id', '=', familyId)
    .where('child_id', '=', childId)
    .executeTakeFirst();
  if (!link) throw notFound('Cet enfant est introuvable.');
}

type Changes = Record<string, [unknown, unknown]>;

/** The fields of a new record that carry a value, as audit changes (null → value). */
export function created(after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [key, value] of Object.entries(after)) if (value !== null && value !== undefined) changes[key] = [null, value];
  return changes;
}

/** The fields of a removed record, as audit changes (value → null). */
export function removed(before: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [key, value] of Object.entries(before)) if (value !== null && value !== undefined) changes[key] = [value, null];
  return changes;
}

/** One audit entry for a change of the family file; nothing is written when nothing changed. */
export async function auditFamilyChange(
  trx: Trx,
  change: FamilyChange,
  entry: { action: string; entityType: string; entityId: number | null; changes: Changes },
  options: { evenIfUnchanged?: boolean } = {},
): Promise<void> {
  if (!options.evenIfUnchanged && Object.keys(entry.changes).length === 0) return;
  await writeAudit(
    trx,
    change.actor,
    { ...entry, familyId: change.familyId, ip: change.ip ?? null },
    change.now,
  );
}

/** Drops the keys whose value is undefined ("absent = unchanged" in update bodies). */
export function definedOnly<T extends Record<string, unknown>>(input: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(input) as (keyof T)[]) if (input[key] !== undefined) out[key] = input[key];
  return out;
}
