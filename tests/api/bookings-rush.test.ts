import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOUBLE_BOOKING_MESSAGE, guardDoubleBooking, submitRequest } from '../../shared/bookings/requests';
import { AppError } from '../../shared/errors';
import { NOW } from '../support/harness';
import type { Client } from '../support/client';
import { addRushChildren, book, demoHarness, lefevreClient, rushRequests, type Demo } from '../support/bookings';

/* Places under a rush, a whole school year in one request, and the unique index as the last wall. */

let d: Demo;
let c: Client;
beforeEach(async () => {
  d = await demoHarness();
  c = await lefevreClient(d.h);
});
afterEach(() => d.h.close());

const addChildren = (n: number) => addRushChildren(d, n);
const rush = (bodies: unknown[]) => rushRequests(d.h, c, bodies);

const held = async (date: string, unitId: number, status: 'accepted' | 'refused' | 'waitlisted') =>
  Number(
    (
      await d.h.store.db
        .selectFrom('bookings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('date', '=', date)
        .where('unit_id', '=', unitId)
        .where('status', '=', status)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('concurrency: the last places of a day', () => {
  it('50 parallel requests for the last 10 places → exactly 10 accepted, the others refused', async () => {
    const repas = d.unit('restauration/repas');
    await d.h.store.db.updateTable('groups').set({ max_places: 12 }).where('service_id', '=', d.service('restauration')).execute();
    const children = await addChildren(52);
    // Two places taken before the rush: 10 left.
    const first = await c.post('/api/family/requests', { lines: children.slice(0, 2).map((id) => book(id, '2026-12-07', repas)) });
    expect(first.body.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['accepted', 'accepted']);

    const results = await rush(children.slice(2).map((id) => ({ lines: [book(id, '2026-12-07', repas)] })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const outcomes = results.map((r) => r.body.lines[0]?.outcome ?? '');
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(40);
    for (const r of results.filter((x) => x.body.lines[0]?.outcome === 'refused')) {
      expect(r.body.lines[0]?.reason).toBe('Plus de place disponible ce jour-là.');
    }
    expect(await held('2026-12-07', repas, 'accepted')).toBe(12);
    // Every parent got an e-mail telling which (composed after the requests: decision 0015).
    await d.h.deps.confirmations.composeNow();
    const mails = await d.h.store.db.selectFrom('email_outbox').select('text_body').where('subject', 'like', 'Votre demande de réservation%').execute();
    expect(mails).toHaveLength(51);
    expect(mails.filter((m) => m.text_body.includes(': REFUSÉE : Plus de place disponible ce jour-là.'))).toHaveLength(40);
  });

  it('with a waiting list, the others are put on it (LISTE D’ATTENTE)', async () => {
    const repas = d.unit('restauration/repas');
    await d.h.store.db.updateTable('groups').set({ max_places: 10 }).where('service_id', '=', d.service('restauration')).execute();
    await d.h.store.db.updateTable('services').set({ no_place_policy: 'waitlist' }).where('id', '=', d.service('restauration')).execute();
    const children = await addChildren(50);
    const results = await rush(children.map((id) => ({ lines: [book(id, '2026-12-08', repas)] })));
    const outcomes = results.map((r) => r.body.lines[0]?.outcome ?? '');
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'waitlisted')).toHaveLength(40);
    expect(await held('2026-12-08', repas, 'accepted')).toBe(10);
    expect(await held('2026-12-08', repas, 'waitlisted')).toBe(40);
  });

  it('the same rush straight into the service (no HTTP in between to space the requests): still exactly 10', async () => {
    const repas = d.unit('restauration/repas');
    await d.h.store.db.updateTable('groups').set({ max_places: 10 }).where('service_id', '=', d.service('restauration')).execute();
    const children = await addChildren(50);
    const account = await d.h.store.db.selectFrom('portal_accounts').select('id').where('family_id', '=', d.lefevre).executeTakeFirstOrThrow();
    const context = { familyId: d.lefevre, accountId: account.id, now: new Date(NOW), publicUrl: 'http://localhost' };
    const results = await Promise.all(children.map((id) => submitRequest(d.h.store.db, context, [book(id, '2026-12-07', repas)])));
    expect(results.filter((r) => r.lines[0]?.outcome === 'accepted')).toHaveLength(10);
    expect(await held('2026-12-07', repas, 'accepted')).toBe(10);
  });

  it('a staff plan limits the places to animators × the legal ratio (one animator, 14 children of six and over)', async () => {
    const soir = d.unit('periscolaire/soir');
    const group = await d.h.store.db
      .selectFrom('groups')
      .select('id')
      .where('service_id', '=', d.service('periscolaire'))
      .where('name', '=', '6-11 ans')
      .executeTakeFirstOrThrow();
    await d.h.store.db
      .insertInto('staff_plans')
      .values({ service_id: d.service('periscolaire'), group_id: group.id, date: '2026-12-10', animators: 1, updated_at: NOW, updated_by: null, names: null })
      .execute();
    const children = await addChildren(20);
    const planning = await c.get(`/api/family/booking/planning?childId=${children[0]}&periodId=${d.period('Année scolaire 2026-2027')}`);
    expect(planning.status).toBe(200);
    const results = await Promise.all(children.map((id) => c.post('/api/family/requests', { lines: [book(id, '2026-12-10', soir)] })));
    expect(results.filter((r) => r.body.lines[0].outcome === 'accepted')).toHaveLength(14);
    expect(await held('2026-12-10', soir, 'accepted')).toBe(14);
  });
});

describe('a whole school year of cantine in one request', () => {
  it('books every school day of 2026-2027 for one child (≈ 140 lines), all accepted', async () => {
    d.h.clock.set('2026-08-25T09:00:00+02:00');
    c = await lefevreClient(d.h);
    const [child] = await addChildren(1);
    const days = await d.h.store.db
      .selectFrom('opening_days')
      .select('date')
      .where('period_id', '=', d.period('Année scolaire 2026-2027'))
      .where('closed', '=', 0)
      .orderBy('date')
      .execute();
    expect(days.length).toBeGreaterThanOrEqual(130);
    const repas = d.unit('restauration/repas');
    const lines = days.map((x) => book(child ?? 0, x.date, repas));
    const recap = await c.post('/api/family/requests/preview', { lines });
    expect(recap.status).toBe(200);
    expect(recap.body.totalCents).toBe(days.length * 250);
    const res = await c.post('/api/family/requests', { lines });
    expect(res.status).toBe(201);
    expect(res.body.lines).toHaveLength(days.length);
    expect(res.body.lines.every((l: { outcome: string; bookingId: number }) => l.outcome === 'accepted' && l.bookingId > 0)).toBe(true);
    expect(new Set(res.body.lines.map((l: { bookingId: number }) => l.bookingId)).size).toBe(days.length);
    await d.h.deps.confirmations.composeNow();
    const mail = await d.h.store.db.selectFrom('email_outbox').select('text_body').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(mail.text_body.split('\n').filter((l) => l.startsWith('- ')).length).toBe(days.length);
  });
});

describe('the unique index, last wall against double booking', () => {
  it('a second live booking of the same child, day and unit is a 409 with a French sentence', async () => {
    const row = await d.h.store.db
      .selectFrom('bookings')
      .selectAll()
      .where('child_id', '=', d.jade)
      .where('date', '=', '2026-11-30')
      .executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    const attempt = guardDoubleBooking(() => d.h.store.db.insertInto('bookings').values(copy).execute());
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(guardDoubleBooking(() => d.h.store.db.insertInto('bookings').values(copy).execute())).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
      message: DOUBLE_BOOKING_MESSAGE,
    });
    // Refused and cancelled rows are history: they do not count.
    await d.h.store.db.insertInto('bookings').values({ ...copy, status: 'refused' }).execute();
  });
});

describe('booking_place_counts (migration 0011) stays equal to the bookings holding a place', () => {
  const counted = async () =>
    d.h.store.sqlite
      .prepare(
        `SELECT unit_id, date, COALESCE(group_id, 0) AS group_key, COUNT(*) AS n FROM bookings
         WHERE status IN ('accepted', 'cancellation_pending') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )
      .all();
  const kept = async () => d.h.store.sqlite.prepare('SELECT unit_id, date, group_key, n FROM booking_place_counts WHERE n <> 0 ORDER BY 1, 2, 3').all();

  it('after requests, cancellations, staff decisions, moves, deletions and a family removed', async () => {
    expect(await kept()).toEqual(await counted());
    const account = await d.h.store.db.selectFrom('portal_accounts').select('id').where('family_id', '=', d.lefevre).executeTakeFirstOrThrow();
    const context = () => ({ familyId: d.lefevre, accountId: account.id, now: new Date(NOW), publicUrl: 'http://localhost' });
    const repas = d.unit('restauration/repas');
    const journee = d.unit('alsh_mercredi/journee');
    const ids = await addChildren(6);
    await Promise.all(ids.map((id) => submitRequest(d.h.store.db, context(), [book(id, '2026-12-07', repas), book(id, '2027-01-13', journee)])));
    expect(await kept()).toEqual(await counted());
    const rows = await d.h.store.db.selectFrom('bookings').select(['id', 'status']).where('child_id', 'in', ids).orderBy('id').execute();
    const [a, b, c2, e] = rows.map((r) => r.id);
    // Staff accept a pending line, ask a cancellation, move a day, give a group, cancel, delete.
    await d.h.store.db.updateTable('bookings').set({ status: 'accepted' }).where('child_id', 'in', ids).where('status', '=', 'pending').execute();
    await d.h.store.db.updateTable('bookings').set({ status: 'cancellation_pending' }).where('id', '=', a ?? 0).execute();
    await d.h.store.db.updateTable('bookings').set({ date: '2026-12-08' }).where('id', '=', b ?? 0).execute();
    await d.h.store.db.updateTable('bookings').set({ group_id: null }).where('id', '=', c2 ?? 0).execute();
    await d.h.store.db.updateTable('bookings').set({ status: 'cancelled' }).where('id', '=', e ?? 0).execute();
    await d.h.store.db.deleteFrom('bookings').where('id', '=', rows.at(-1)?.id ?? 0).execute();
    expect(await kept()).toEqual(await counted());
    await d.h.store.db.deleteFrom('families').where('id', '=', d.moreau).execute();
    expect(await kept()).toEqual(await counted());
  });
});
