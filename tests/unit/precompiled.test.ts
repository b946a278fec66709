import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESPONSABLE } from '../../shared/db/literals';
import type { FamilyStatus } from '../../shared/db/tables/families.table';
import { precompiled } from '../../shared/db/precompiled';
import { rawQuery } from '../../shared/db/direct';
import { openStore, type Store } from '../../shared/db/store';

/* Queries built once by Kysely and run with new values (shared/db/precompiled.ts). */

let store: Store;
beforeEach(() => {
  store = openStore({ file: ':memory:' });
  store.sqlite.exec(`INSERT INTO families (id, status, created_at, updated_at) VALUES (1, 'validated', '2026-01-01', '2026-01-01'), (2, 'rejected', '2026-01-01', '2026-01-01'), (3, 'validated', '2026-01-01', '2026-01-01')`);
});
afterEach(async () => {
  await store.close();
});

const byStatus = precompiled<{ status: FamilyStatus }>()((db, slot) => db.selectFrom('families').select('id').where('status', '=', slot('status')).orderBy('id'));
const byIds = precompiled<{ ids: string }>()((db, slot) =>
  db
    .selectFrom('families')
    .select(['id', 'status'])
    .where(sql<boolean>`id IN (SELECT value FROM json_each(${slot('ids')}))`)
    .orderBy('id'),
);

describe('precompiled queries', () => {
  it('runs the same SQL with each call’s values, in a transaction too', async () => {
    expect(await byStatus.all(store.db, { status: 'validated' })).toEqual([{ id: 1 }, { id: 3 }]);
    expect(await byStatus.all(store.db, { status: 'rejected' })).toEqual([{ id: 2 }]);
    expect(await byStatus.first(store.db, { status: 'archived' })).toBeUndefined();
    await store.db.transaction().execute(async (trx) => {
      await trx.updateTable('families').set({ status: 'rejected' }).where('id', '=', 3).execute();
      // The transaction's own write is seen through it.
      expect(await byStatus.all(trx, { status: 'rejected' })).toEqual([{ id: 2 }, { id: 3 }]);
    });
  });

  it('takes a list whose length varies as one JSON array', async () => {
    expect(await byIds.all(store.db, { ids: JSON.stringify([3, 1]) })).toEqual([
      { id: 1, status: 'validated' },
      { id: 3, status: 'validated' },
    ]);
    expect(await byIds.all(store.db, { ids: JSON.stringify([2]) })).toEqual([{ id: 2, status: 'rejected' }]);
    expect(await byIds.all(store.db, { ids: '[]' })).toEqual([]);
  });

  it('refuses to run with a value missing rather than bind nothing', async () => {
    await expect(byStatus.all(store.db, {} as { status: FamilyStatus })).rejects.toThrow(/Paramètre manquant/);
  });

  it('writes the responsable literally, so that SQLite keeps the statement prepared', () => {
    const compiled = store.db.selectFrom('guardians').select('id').where('family_id', '=', 1).where('role', '=', RESPONSABLE).compile();
    expect(compiled.sql).toContain(`"role" = 'responsable'`);
    expect(compiled.parameters).toEqual([1]);
    const plan = store.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('guardians_one_responsable');
  });
});

describe('fixed statements on the store while its connection is free (direct.ts)', () => {
  const count = () => (store.sqlite.prepare('SELECT COUNT(*) AS n FROM families').get() as { n: number }).n;
  const insert = (id: number) => rawQuery(store.db, `INSERT INTO families (id, status, created_at, updated_at) VALUES (?, 'validated', '2026-01-01', '2026-01-01')`, [id]);

  it('run at once when no one holds the connection', async () => {
    const written = insert(10);
    // Already done, before any await: no queue, no promise hop.
    expect(count()).toBe(4);
    await written;
  });

  it('wait for a transaction holding the connection, and never run inside it', async () => {
    const order: string[] = [];
    let inside: Promise<unknown> = Promise.resolve();
    await store.db.transaction().execute(async (trx) => {
      await trx.updateTable('families').set({ status: 'rejected' }).where('id', '=', 1).execute();
      inside = byStatus.all(store.db, { status: 'rejected' }).then((rows) => order.push(`read ${rows.length}`));
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('commit');
    });
    await inside;
    // Run after the COMMIT, it saw the committed rows (inside, it would have run before, uncommitted).
    expect(order).toEqual(['commit', 'read 2']);
  });
});
