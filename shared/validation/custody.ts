import type { Kysely } from 'kysely';
import { writeAudit, type Actor } from '../audit/audit';
import type { Database } from '../db/schema';
import { AppError, notFound } from '../errors';
import { familyDisplayName } from './names';
import { RESPONSABLE } from '../db/literals';

/** Garde alternée: a child's file is shared by its two parents' families, never more. */
export const MAX_FAMILIES_PER_CHILD = 2;

export interface LinkedFamily {
  id: number;
  displayName: string;
}

/**
 * Links an existing child to a second family (shared custody). Both families then see and edit
 * the same child file; each keeps its own QF, bookings and invoices. Audited on both families.
 */
export async function linkChildToFamily(
  db: Kysely<Database>,
  input: { childId: number; familyId: number; actor: Actor; now: Date; ip?: string | null },
): Promise<LinkedFamily[]> {
  return db.transaction().execute(async (trx) => {
    const child = await trx.selectFrom('children').select(['id', 'first_name', 'last_name']).where('id', '=', input.childId).executeTakeFirst();
    if (!child) throw notFound('Cet enfant est introuvable.');
    const family = await trx.selectFrom('families').select('id').where('id', '=', input.familyId).executeTakeFirst();
    if (!family) throw notFound('Cette famille est introuvable.');
    const linked = await trx.selectFrom('family_children').select('family_id').where('child_id', '=', child.id).orderBy('linked_at').orderBy('family_id').execute();
    const before = linked.map((l) => l.family_id);
    if (before.includes(family.id)) throw new AppError('conflict', 'Cet enfant est déjà rattaché à cette famille.');
    if (before.length >= MAX_FAMILIES_PER_CHILD) {
      throw new AppError(
        'conflict',
        `Cet enfant est déjà rattaché à ${MAX_FAMILIES_PER_CHILD} familles : un enfant ne peut pas être partagé entre plus de deux familles (garde alternée).`,
      );
    }
    await trx.insertInto('family_children').values({ family_id: family.id, child_id: child.id, linked_at: input.now.toISOString() }).execute();
    const after = [...before, family.id];
    for (const familyId of after) {
      await writeAudit(
        trx,
        input.actor,
        {
          action: 'child.custody_linked',
          entityType: 'child',
          entityId: child.id,
          familyId,
          changes: { families: [before, after] },
          ip: input.ip ?? null,
        },
        input.now,
      );
    }
    const families = await trx
      .selectFrom('families as f')
      .leftJoin('guardians as g', (j) => j.onRef('g.family_id', '=', 'f.id').on('g.role', '=', RESPONSABLE))
      .select(['f.id', 'g.last_name'])
      .where('f.id', 'in', after)
      .execute();
    const names = new Map(families.map((f) => [f.id, familyDisplayName(f.last_name, f.id)]));
    return after.map((id) => ({ id, displayName: names.get(id) ?? familyDisplayName(null, id) }));
  });
}
