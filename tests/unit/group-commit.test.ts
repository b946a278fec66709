import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submitRequest } from '../../shared/bookings/requests';
import { rawQuery } from '../../shared/db/direct';
import { groupCommitterOf, heldConnectionOf } from '../../shared/db/groupCommit';
import { openStore, type Store } from '../../shared/db/store';
import type { Trx } from '../../shared/db/types';
import { NOW } from '../support/harness';
import { book, demoHarness, type Demo } from '../support/bookings';

/* Group commit (decision 0013): grouped works stay isolated, keep their turn, are acknowledged after the COMMIT. */

let dir: string;
let store: Store;
let reader: BetterSqlite3.Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-group-'));
  store = openStore({ file: path.join(dir, 'group.sqlite'), migrate: false });
  store.sqlite.exec(`CREATE TABLE items (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE);
    CREATE TABLE links (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items(id) DEFERRABLE INITIALLY DEFERRED)`);
  // Another connection sees only what is committed.
  reader = new BetterSqlite3(path.join(dir, 'group.sqlite'), { readonly: true });
});
afterEach(async () => {
  reader.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insert = (trx: Trx, v: string) => trx.executeQuery(CompiledQuery.raw('INSERT INTO items (v) VALUES (?)', [v]));
const committed = () => (reader.prepare('SELECT v FROM items ORDER BY v').all() as { v: string }[]).map((r) => r.v);
const written = () => (store.sqlite.prepare('SELECT v FROM items ORDER BY v').all() as { v: string }[]).map((r) => r.v);

/** Holds the store's connection until `open()` is called, so that the works queued meanwhile form one group. */
function holdConnection(): { open: () => void; done: Promise<void> } {
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const done = store.db.transaction().execute(() => gate);
  return { open, done };
}

describe('group commit', () => {
  it('a failing work among grouped ones: its writes undone, its own error; the others written, answered after the COMMIT', async () => {
    const hold = holdConnection();
    const seenUncommitted: string[][] = [];
    const work = (v: string, fail?: 'throw' | 'duplicate') => async (trx: Trx) => {
      await insert(trx, v);
      // What the other connection sees while the group runs: nothing of it yet.
      seenUncommitted.push(committed());
      if (fail === 'throw') throw new Error(`refus ${v}`);
      if (fail === 'duplicate') await insert(trx, 'a');
      return v;
    };
    const answers = [
      store.groupTransaction(work('a')),
      store.groupTransaction(work('b', 'throw')),
      store.groupTransaction(work('c')),
      store.groupTransaction(work('d', 'duplicate')),
      store.groupTransaction(work('e')),
    ];
    // Each answer is given once the group is committed: the other connection sees every write.
    const seenAtAnswer = answers.map((p) => p.then(() => committed()).catch(() => committed()));
    const before = groupCommitterOf(store.db)?.stats.groups ?? 0;
    hold.open();
    await hold.done;
    const settled = await Promise.allSettled(answers);

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(settled[0]).toMatchObject({ value: 'a' });
    expect(settled[1]).toMatchObject({ reason: { message: 'refus b' } });
    expect(settled[3]).toMatchObject({ reason: { code: 'SQLITE_CONSTRAINT_UNIQUE' } });
    expect(written()).toEqual(['a', 'c', 'e']);
    expect(committed()).toEqual(['a', 'c', 'e']);
    expect(seenUncommitted.every((seen) => seen.length === 0)).toBe(true);
    for (const seen of await Promise.all(seenAtAnswer)) expect(seen).toEqual(['a', 'c', 'e']);
    expect((groupCommitterOf(store.db)?.stats.groups ?? 0) - before).toBe(1);
  });

  it('a work sees the writes of the works grouped before it', async () => {
    const hold = holdConnection();
    const counts = Array.from({ length: 5 }, (_, i) =>
      store.groupTransaction(async (trx) => {
        const n = Number((await trx.executeQuery<{ n: number }>(CompiledQuery.raw('SELECT COUNT(*) AS n FROM items'))).rows[0]?.n);
        await insert(trx, `w${i}`);
        return n;
      }),
    );
    hold.open();
    expect(await Promise.all(counts)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps the turn of every other transaction: works of one I/O phase form a group queued at its end', async () => {
    const order: string[] = [];
    const hold = holdConnection();
    const before = groupCommitterOf(store.db)?.stats.groups ?? 0;
    const grouped = (name: string) => store.groupTransaction(async () => void order.push(name));
    const all = [grouped('g1'), store.db.transaction().execute(async () => void order.push('t1')), grouped('g2'), grouped('g3')];
    // Asked for in a later phase, once the group has queued: after it.
    const nextPhase = () => new Promise<void>((resolve) => setImmediate(resolve));
    await nextPhase();
    await nextPhase();
    const t2 = store.db.transaction().execute(async () => void order.push('t2'));
    hold.open();
    await Promise.all([...all, t2]);
    expect(order).toEqual(['t1', 'g1', 'g2', 'g3', 't2']);
    expect((groupCommitterOf(store.db)?.stats.groups ?? 0) - before).toBe(1);
  });

  it('FIFO without the window: a group is queued when its first work arrives', async () => {
    await store.close();
    store = openStore({ file: path.join(dir, 'group.sqlite'), migrate: false, groupCommit: { maxGroup: 2, window: 'none' } });
    const order: string[] = [];
    const hold = holdConnection();
    const grouped = (name: string) => store.groupTransaction(async () => void order.push(name));
    const plain = (name: string) => store.db.transaction().execute(async () => void order.push(name));
    const all = [grouped('g1'), grouped('g2'), plain('t1'), grouped('g3'), plain('t2'), grouped('g4'), grouped('g5'), plain('t3')];
    hold.open();
    await Promise.all(all);
    // Groups of two at most, each at the place its first work took in the queue (g4 joined g3's
    // group, queued before t2; g5 needed a new one, behind t2); the plain ones keep their order.
    expect(order).toEqual(['g1', 'g2', 't1', 'g3', 'g4', 't2', 'g5', 't3']);
  });

  it('a transaction queued behind a group waits at most for the works that joined the group', async () => {
    await store.close();
    store = openStore({ file: path.join(dir, 'group.sqlite'), migrate: false, groupCommit: { window: 'none' } });
    const order: string[] = [];
    const hold = holdConnection();
    const grouped = (name: string) => store.groupTransaction(async () => void order.push(name));
    const all = [grouped('g1'), store.db.transaction().execute(async () => void order.push('t1')), grouped('g2'), grouped('g3')];
    hold.open();
    await Promise.all(all);
    expect(order).toEqual(['g1', 'g2', 'g3', 't1']);
    // Arriving while a group runs: the next group, behind what queued meanwhile.
    order.length = 0;
    const later: Promise<unknown>[] = [];
    await store.groupTransaction(async () => {
      order.push('g4');
      later.push(store.db.transaction().execute(async () => void order.push('t2')), grouped('g5'));
    });
    await Promise.all(later);
    expect(order).toEqual(['g4', 't2', 'g5']);
  });

  it('a COMMIT that fails: every grouped caller gets its error and nothing of the group is written', async () => {
    const hold = holdConnection();
    const answers = [
      store.groupTransaction((trx) => insert(trx, 'a')),
      // A deferred foreign key is checked at COMMIT only: the whole group's COMMIT fails.
      store.groupTransaction((trx) => trx.executeQuery(CompiledQuery.raw('INSERT INTO links (item_id) VALUES (999)'))),
      store.groupTransaction((trx) => insert(trx, 'c')),
    ];
    hold.open();
    const settled = await Promise.allSettled(answers);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const s of settled) expect(s).toMatchObject({ reason: { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' } });
    expect(written()).toEqual([]);
    expect(committed()).toEqual([]);
    expect(store.sqlite.inTransaction).toBe(false);
    // The store goes on.
    await store.groupTransaction((trx) => insert(trx, 'd'));
    expect(committed()).toEqual(['d']);
  });

  it('a work alone runs as a plain transaction: its error, nothing of it written', async () => {
    await expect(
      store.groupTransaction(async (trx) => {
        await insert(trx, 'seul');
        throw new Error('refus seul');
      }),
    ).rejects.toThrow('refus seul');
    expect(committed()).toEqual([]);
    expect(await store.groupTransaction(async (trx) => (await insert(trx, 'ensuite'), 'ok'))).toBe('ok');
    expect(committed()).toEqual(['ensuite']);
  });

  it('a work may run its statements directly on the held connection: in its savepoint, never outside the group', async () => {
    const hold = holdConnection();
    const held: (object | null)[] = [];
    let leaked: Trx | null = null;
    const work = (v: string, fail: boolean) => async (trx: Trx) => {
      held.push(heldConnectionOf(trx));
      leaked = trx;
      await rawQuery(trx, 'INSERT INTO items (v) VALUES (?)', [v]);
      expect(await rawQuery<{ v: string }>(trx, 'SELECT v FROM items WHERE v = ?', [v])).toEqual([{ v }]);
      if (fail) throw new Error(`refus ${v}`);
      return v;
    };
    const answers = [store.groupTransaction(work('a', false)), store.groupTransaction(work('b', true)), store.groupTransaction(work('c', false))];
    hold.open();
    await hold.done;
    const settled = await Promise.allSettled(answers);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(held).toEqual([store.sqlite, store.sqlite, store.sqlite]);
    // The failing work's direct write went with its savepoint.
    expect(committed()).toEqual(['a', 'c']);
    // Past the group, its transaction no longer reaches the connection directly (Kysely refuses it).
    expect(heldConnectionOf(leaked ?? {})).toBeNull();
    expect(heldConnectionOf(store.db)).toBeNull();
  });

  it('without group commit, each group transaction is a plain transaction', async () => {
    await store.close();
    store = openStore({ file: path.join(dir, 'group.sqlite'), migrate: false, groupCommit: false });
    expect(groupCommitterOf(store.db)).toBeNull();
    const settled = await Promise.allSettled([store.groupTransaction((trx) => insert(trx, 'a')), store.groupTransaction(() => Promise.reject(new Error('non')))]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected']);
    expect(committed()).toEqual(['a']);
  });
});

describe('group commit on the booking path', () => {
  let d: Demo;
  beforeEach(async () => {
    d = await demoHarness();
  });
  afterEach(() => d.h.close());

  it('200 requests at once for 30 places: exactly 30 accepted, in groups, failures kept to their own request', async () => {
    const repas = d.unit('restauration/repas');
    await d.h.store.db.updateTable('groups').set({ max_places: 30 }).where('service_id', '=', d.service('restauration')).execute();
    const children: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const child = await d.h.store.db
        .insertInto('children')
        .values({ last_name: 'Groupe', first_name: `Enfant ${i + 1}`, birth_date: '2018-03-01', sex: null, school: null, class_level: null, notes: null, created_at: NOW, updated_at: NOW })
        .returning('id')
        .executeTakeFirstOrThrow();
      await d.h.store.db.insertInto('family_children').values({ family_id: d.lefevre, child_id: child.id, linked_at: NOW }).execute();
      children.push(child.id);
    }
    const account = await d.h.store.db.selectFrom('portal_accounts').select('id').where('family_id', '=', d.lefevre).executeTakeFirstOrThrow();
    const context = { familyId: d.lefevre, accountId: account.id, now: new Date(NOW), publicUrl: 'http://localhost' };
    const committer = groupCommitterOf(d.h.store.db);
    const before = { ...(committer?.stats ?? { groups: 0, works: 0 }) };
    // Every tenth request also asks for a closed day (a Sunday): refused as a whole, nothing of it written.
    const results = await Promise.allSettled(
      children.map((id, i) => submitRequest(d.h.store.db, context, i % 10 === 9 ? [book(id, '2026-12-07', repas), book(id, '2026-12-06', repas)] : [book(id, '2026-12-07', repas)])),
    );
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(20);
    for (const r of rejected) expect(r).toMatchObject({ reason: { code: 'validation' } });
    const outcomes = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.lines[0]?.outcome] : []));
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(30);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(150);
    const held = await d.h.store.db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('date', '=', '2026-12-07')
      .where('unit_id', '=', repas)
      .where('status', '=', 'accepted')
      .executeTakeFirstOrThrow();
    expect(Number(held.n)).toBe(30);
    // The refused requests left nothing: no booking of their children at all.
    const failedChildren = children.filter((_, i) => i % 10 === 9);
    const theirs = await d.h.store.db.selectFrom('bookings').select('id').where('child_id', 'in', failedChildren).execute();
    expect(theirs).toHaveLength(0);
    // They were grouped: far fewer COMMITs than requests.
    const groups = (committer?.stats.groups ?? 0) - before.groups;
    expect((committer?.stats.works ?? 0) - before.works).toBe(200);
    expect(groups).toBeGreaterThan(0);
    expect(groups).toBeLessThan(50);
  });
});
