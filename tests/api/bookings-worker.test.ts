import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookingWriter, parseSubmitted, WORKER_LOST_MESSAGE } from '../../portal/server/bookingWorker';
import { FOREIGN_CHILD_MESSAGE } from '../../shared/bookings/requests';
import { openStore, type Store } from '../../shared/db/store';
import { createLogger } from '../../shared/logger';
import type { Client } from '../support/client';
import { addRushChildren, book, demoHarness, lefevreClient, rushRequests, snapshot, type Demo } from '../support/bookings';
import { NOW } from '../support/harness';

/*
 * The booking worker (decision 0017): a file store whose parents' requests are validated on a
 * worker thread with its own connection, as `npm run serve` and the desktop app run them.
 */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-worker-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('requests validated on the booking worker', () => {
  let d: Demo;
  let c: Client;
  beforeEach(async () => {
    d = await demoHarness({ fileWithBookingWorker: path.join(dir, 'marelle.sqlite') });
    c = await lefevreClient(d.h);
  });
  afterEach(() => d.h.close());

  it('answers as on the server thread: lines, states, the e-mail composed after', async () => {
    expect(d.h.deps.bookings.mode()).toBe('worker');
    const repas = d.unit('restauration/repas');
    const [child = 0] = await addRushChildren(d, 1);
    const res = await c.post('/api/family/requests', { lines: [book(child, '2026-12-07', repas), book(child, '2026-11-30', repas)] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.lines.map((l: { date: string; outcome: string; surchargeCents: number }) => [l.date, l.outcome, l.surchargeCents])).toEqual([
      ['2026-12-07', 'accepted', 0],
      // 4 days ahead: past the 7-day deadline, repas majoré.
      ['2026-11-30', 'accepted', 100],
    ]);
    expect(d.h.deps.bookings.mode()).toBe('worker');
    // Written by the worker's connection, read by the server's.
    const ids = res.body.lines.map((l: { bookingId: number }) => l.bookingId);
    const rows = await d.h.store.db.selectFrom('bookings').select(['id', 'status']).where('id', 'in', ids).execute();
    expect(rows.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    await d.h.deps.confirmations.composeNow();
    const mail = await d.h.store.db.selectFrom('email_outbox').select('text_body').where('subject', 'like', 'Votre demande de réservation%').executeTakeFirstOrThrow();
    expect(mail.text_body).toContain('ACCEPTÉE');
  });

  it('refusals cross the thread with their status and French message; nothing written', async () => {
    const before = await snapshot(d.h);
    const foreign = await c.post('/api/family/requests', { lines: [book(d.jade + 1000, '2026-12-07', d.unit('restauration/repas'))] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toBe('validation');
    expect(foreign.body.issues.map((i: { message: string }) => i.message)).toContain(FOREIGN_CHILD_MESSAGE);
    const closed = await c.post('/api/family/requests', { lines: [book(d.leo, '2026-12-25', d.unit('restauration/repas'))] });
    expect(closed.status).toBe(400);
    expect(closed.body.message).toMatch(/./);
    expect(await snapshot(d.h)).toEqual(before);
  });

  it('a rush for the last places over HTTP: never more accepted than places', async () => {
    const repas = d.unit('restauration/repas');
    await d.h.store.db.updateTable('groups').set({ max_places: 10 }).where('service_id', '=', d.service('restauration')).execute();
    const children = await addRushChildren(d, 40);
    const results = await rushRequests(d.h, c, children.map((id) => ({ lines: [book(id, '2026-12-07', repas)] })));
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(201));
    expect(results.filter((r) => r.body.lines[0]?.outcome === 'accepted')).toHaveLength(10);
    const held = await d.h.store.db.selectFrom('bookings').select(['id']).where('date', '=', '2026-12-07').where('unit_id', '=', repas).where('status', '=', 'accepted').execute();
    expect(held).toHaveLength(10);
  });

  it("the server thread's transactions that read then write run beside the worker's without SQLITE_BUSY", async () => {
    const repas = d.unit('restauration/repas');
    const children = await addRushChildren(d, 30);
    // Straight to the worker (over HTTP, each request would wait for the server's connection).
    const account = await d.h.store.db.selectFrom('portal_accounts').select('id').where('family_id', '=', d.lefevre).executeTakeFirstOrThrow();
    const context = { familyId: d.lefevre, accountId: account.id, now: new Date(NOW), publicUrl: 'http://localhost' };
    await d.h.deps.bookings.started();
    // Warm: the worker's first request compiles its code.
    await d.h.deps.bookings.submit(context, [book(d.leo, '2026-12-10', repas)]);
    const submits = Promise.all(children.map(async (id) => parseSubmitted(await d.h.deps.bookings.submit(context, [book(id, '2026-12-08', repas)]))));
    // Meanwhile the server's connection reads, waits (the worker commits meanwhile), then writes:
    // with a deferred BEGIN the write would fail with SQLITE_BUSY_SNAPSHOT.
    const staffWork = Array.from({ length: 10 }, (_, i) =>
      d.h.store.db.transaction().execute(async (trx) => {
        const n = await trx.selectFrom('bookings').select((eb) => eb.fn.countAll<number>().as('n')).where('date', '=', '2026-12-08').executeTakeFirstOrThrow();
        await new Promise((resolve) => setTimeout(resolve, 10));
        await trx.updateTable('families').set({ updated_at: `${NOW}#${i}#${n.n}` }).where('id', '=', d.moreau).execute();
      }),
    );
    const [answers] = await Promise.all([submits, Promise.all(staffWork)]);
    expect(answers.map((r) => r.lines[0]?.outcome)).toEqual(Array(30).fill('accepted'));
  });
});

describe('when the booking worker fails, requests are validated on the server thread', () => {
  let store: Store;
  let familyId: number;
  let accountId: number;
  beforeEach(async () => {
    const d = await demoHarness();
    // The demo written to a file, for a store of our own with a worker.
    await d.h.store.sqlite.backup(path.join(dir, 'marelle.sqlite'));
    familyId = d.lefevre;
    accountId = (await d.h.store.db.selectFrom('portal_accounts').select('id').where('family_id', '=', d.lefevre).executeTakeFirstOrThrow()).id;
    await d.h.close();
    store = openStore({ file: path.join(dir, 'marelle.sqlite') });
  });
  afterEach(() => store.close());

  const leo = async () => (await store.db.selectFrom('children').select('id').where('first_name', '=', 'Léo').executeTakeFirstOrThrow()).id;
  const repas = async () =>
    (await store.db.selectFrom('units as u').innerJoin('services as s', 's.id', 'u.service_id').select('u.id').where('s.code', '=', 'restauration').where('u.code', '=', 'repas').executeTakeFirstOrThrow()).id;
  const context = () => ({ familyId, accountId, now: new Date(NOW), publicUrl: 'http://localhost' });

  it('a worker that cannot start: the requests sent to it meanwhile are validated here', async () => {
    const writer = bookingWriter(store, createLogger('silent'), { worker: { entry: path.join(dir, 'absent.js') } });
    const result = parseSubmitted(await writer.submit(context(), [book(await leo(), '2026-12-07', await repas())]));
    expect(result.lines[0]?.outcome).toBe('accepted');
    expect(writer.mode()).toBe('in-process');
    await writer.close();
  });

  it('a worker that never gets ready: given up after its start timeout, its requests validated here', async () => {
    const entry = path.resolve(import.meta.dirname, '../support/silentBookingWorker.ts');
    const writer = bookingWriter(store, createLogger('silent'), { worker: { entry, startTimeoutMs: 500 } });
    const result = writer.submit(context(), [book(await leo(), '2026-12-07', await repas())]);
    await writer.started();
    expect(writer.mode()).toBe('in-process');
    expect(parseSubmitted(await result).lines[0]?.outcome).toBe('accepted');
    await writer.close();
  });

  it('a worker that dies with a request under way: that one is told to check, the next ones are validated here', async () => {
    const entry = path.resolve(import.meta.dirname, '../support/dyingBookingWorker.ts');
    const writer = bookingWriter(store, createLogger('silent'), { worker: { entry } });
    await writer.started();
    expect(writer.mode()).toBe('worker');
    await expect(writer.submit(context(), [book(await leo(), '2026-12-07', await repas())])).rejects.toMatchObject({ status: 500, message: WORKER_LOST_MESSAGE });
    expect(writer.mode()).toBe('in-process');
    const result = parseSubmitted(await writer.submit(context(), [book(await leo(), '2026-12-08', await repas())]));
    expect(result.lines[0]?.outcome).toBe('accepted');
    await writer.close();
  });
});

describe('transactions take the write lock when they begin (BEGIN IMMEDIATE)', () => {
  it("another connection cannot write while a store's transaction is open, even before its first write", async () => {
    const file = path.join(dir, 'lock.sqlite');
    const store = openStore({ file });
    const other = new BetterSqlite3(file, { timeout: 0 });
    try {
      await store.db.transaction().execute(async (trx) => {
        await trx.selectFrom('families').select('id').limit(1).execute();
        // A deferred BEGIN would let this write through, and the store's next write would fail
        // with SQLITE_BUSY_SNAPSHOT; IMMEDIATE holds the lock from BEGIN.
        expect(() => other.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('x', '1', '')").run()).toThrow(/locked|busy/i);
      });
    } finally {
      other.close();
      await store.close();
    }
  });
});
