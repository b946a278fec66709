/** Who may book: a validated family, for the children linked to it (its own or shared in garde alternée). */
import { precompiled } from '../db/precompiled';
import type { Db } from '../db/types';
import { forbidden, notFound } from '../errors';
import { reservationsOpen, statusMessage } from '../families/status';

// Both read on every booking request: built once (precompiled.ts).
const familyStatusQuery = precompiled<{ familyId: number }>()((db, slot) =>
  db.selectFrom('families').select(['status', 'status_reason']).where('id', '=', slot('familyId')),
);

const familyChildrenQuery = precompiled<{ familyId: number }>()((db, slot) =>
  db
    .selectFrom('family_children as fc')
    .innerJoin('children as c', 'c.id', 'fc.child_id')
    .select((eb) => [
      'c.id',
      'c.first_name',
      'c.last_name',
      'c.birth_date',
      eb
        .selectFrom('family_children as other')
        .select((o) => o.fn.countAll<number>().as('n'))
        .whereRef('other.child_id', '=', 'c.id')
        .as('families'),
    ])
    .where('fc.family_id', '=', slot('familyId'))
    .orderBy('c.birth_date')
    .orderBy('c.id'),
);

/** 403 with the account's status message unless the family is validated (ÉTAPE 4 of the guide). */
export async function assertReservationsOpen(db: Db, familyId: number): Promise<void> {
  const family = await familyStatusQuery.first(db, { familyId });
  if (!family) throw notFound('Cette famille est introuvable.');
  if (!reservationsOpen(family.status)) throw forbidden(statusMessage(family.status, family.status_reason));
}

export interface FamilyChild {
  id: number;
  firstName: string;
  lastName: string;
  birthDate: string;
  /** Linked to two families (garde alternée). */
  sharedCustody: boolean;
}

/** The children linked to the family, in birth order. */
export async function familyChildren(db: Db, familyId: number): Promise<FamilyChild[]> {
  const rows = await familyChildrenQuery.all(db, { familyId });
  return rows.map((r) => ({
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    birthDate: r.birth_date,
    sharedCustody: Number(r.families ?? 0) > 1,
  }));
}

export const childName = (c: { firstName: string; lastName: string }): string => `${c.firstName} ${c.lastName}`;
