import path from 'node:path';
import { FixedClock } from '../shared/clock';
import { openStore, type Store } from '../shared/db/store';
import { generateFamilies } from '../shared/demo/generate';
import { seedDemo } from '../shared/demo/seed';
import { benchGroupCommit } from './groupCommit';

export interface RushStore {
  store: Store;
  clock: FixedClock;
  unitId: number;
  /** One child aged 3 to 11 on the rush day per validated generated family, with its account. */
  candidates: { childId: number; accountId: number; familyId: number }[];
}

/**
 * The store of the summer ALSH opening rush, shared by the HTTP and in-process benches: the demo
 * plus 5,000 generated families, ALSH vacances on automatic approval with two groups of 150
 * places, bookings opened at 08:00 on 2027-05-17 and the clock 5 seconds later.
 */
export async function openRushStore(dir: string, parents: number): Promise<RushStore> {
  const store = openStore({ file: path.join(dir, 'marelle.sqlite'), groupCommit: benchGroupCommit() });
  const clock = new FixedClock('2027-05-17T08:00:05+02:00');
  await seedDemo(store, clock.now());
  await generateFamilies(store, 5000, clock.now());
  const service = await store.db.selectFrom('services').select('id').where('code', '=', 'alsh_vacances').executeTakeFirstOrThrow();
  // Automatic approval, so that the places decide alone (a commune may choose this for the rush).
  await store.db.updateTable('services').set({ approval_mode: 'automatic', no_place_policy: 'refuse' }).where('id', '=', service.id).execute();
  await store.db.updateTable('groups').set({ max_places: 150 }).where('service_id', '=', service.id).execute();
  const unit = await store.db.selectFrom('units').select('id').where('service_id', '=', service.id).where('code', '=', 'journee').executeTakeFirstOrThrow();
  const rows = await store.db
    .selectFrom('children as c')
    .innerJoin('family_children as fc', 'fc.child_id', 'c.id')
    .innerJoin('portal_accounts as a', 'a.family_id', 'fc.family_id')
    .innerJoin('families as f', 'f.id', 'fc.family_id')
    .select(['c.id as childId', 'a.id as accountId', 'fc.family_id as familyId'])
    .where('f.status', '=', 'validated')
    .where('c.birth_date', '<=', '2024-07-07')
    .where('c.birth_date', '>', '2015-07-07')
    .groupBy('fc.family_id')
    .execute();
  // A child in garde alternée is linked to two families: one parent books it, not both.
  const seen = new Set<number>();
  const candidates = rows.filter((c) => !seen.has(c.childId) && seen.add(c.childId)).slice(0, parents);
  return { store, clock, unitId: unit.id, candidates };
}
