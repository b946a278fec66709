/** The demo commune for the reservation tests: ids by code, logged-in parents, a write snapshot. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { DEMO_PARENT_EMAIL, DEMO_PASSWORD, DEMO_SECOND_PARENT_EMAIL, seedDemo } from '../../shared/demo/seed';
import { parentClient, type Client } from './client';
import { createHarness, NOW, type Harness, type HarnessOptions } from './harness';

export interface Demo {
  h: Harness;
  /** Unit id by `service/unit` code, e.g. `restauration/repas`. */
  unit(code: string): number;
  service(code: string): number;
  /** Period id by name. */
  period(name: string): number;
  leo: number;
  jade: number;
  lefevre: number;
  moreau: number;
}

export async function demoHarness(options: HarnessOptions = {}): Promise<Demo> {
  const h = createHarness(options);
  await seedDemo(h.store, new Date(NOW));
  const db = h.store.db;
  const units = await db.selectFrom('units as u').innerJoin('services as s', 's.id', 'u.service_id').select(['u.id', 'u.code', 's.code as service']).execute();
  const services = await db.selectFrom('services').select(['id', 'code']).execute();
  const periods = await db.selectFrom('periods').select(['id', 'name']).execute();
  const children = await db.selectFrom('children').select(['id', 'first_name']).where('last_name', '=', 'Lefèvre').execute();
  const accounts = await db.selectFrom('portal_accounts').select(['family_id', 'email']).where('email', 'in', [DEMO_PARENT_EMAIL, DEMO_SECOND_PARENT_EMAIL]).execute();
  const find = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`Donnée de démonstration absente : ${what}`);
    return value;
  };
  return {
    h,
    unit: (code) => find(units.find((u) => `${u.service}/${u.code}` === code)?.id, code),
    service: (code) => find(services.find((s) => s.code === code)?.id, code),
    period: (name) => find(periods.find((p) => p.name === name)?.id, name),
    leo: find(children.find((c) => c.first_name === 'Léo')?.id, 'Léo'),
    jade: find(children.find((c) => c.first_name === 'Jade')?.id, 'Jade'),
    lefevre: find(accounts.find((a) => a.email === DEMO_PARENT_EMAIL)?.family_id, 'Lefèvre'),
    moreau: find(accounts.find((a) => a.email === DEMO_SECOND_PARENT_EMAIL)?.family_id, 'Moreau'),
  };
}

export async function login(h: Harness, email: string, password = DEMO_PASSWORD): Promise<Client> {
  const c = parentClient(h.portal);
  const res = await c.post('/api/auth/login', { email, password });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return c;
}

export const lefevreClient = (h: Harness) => login(h, DEMO_PARENT_EMAIL);
export const moreauClient = (h: Harness) => login(h, DEMO_SECOND_PARENT_EMAIL);

/** Everything a request may write (its confirmation e-mail composed first: decision 0015). */
export async function snapshot(h: Harness) {
  await h.deps.confirmations.composeNow();
  const db = h.store.db;
  const count = async (table: 'bookings' | 'booking_events' | 'requests' | 'email_outbox' | 'audit_log') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    bookings: await count('bookings'),
    events: await count('booking_events'),
    requests: await count('requests'),
    outbox: await count('email_outbox'),
    audit: await count('audit_log'),
    statuses: await db.selectFrom('bookings').select(['id', 'status', 'version']).orderBy('id').execute(),
  };
}

/**
 * Demo families other than the Lefèvres and the Moreaus, one child of 6 to 11 on 13 January 2027
 * each (the waiting-list tests' Wednesday), by family id; with the family's portal account.
 */
export async function otherFamiliesWithSchoolChild(d: Demo): Promise<{ family_id: number; child_id: number; account_id: number }[]> {
  const rows = await d.h.store.db
    .selectFrom('family_children as fc')
    .innerJoin('children as c', 'c.id', 'fc.child_id')
    .innerJoin('portal_accounts as a', 'a.family_id', 'fc.family_id')
    .select(['fc.family_id', 'c.id as child_id', 'a.id as account_id'])
    .where('fc.family_id', 'not in', [d.lefevre, d.moreau])
    .where('c.birth_date', '<=', '2021-01-13')
    .where('c.birth_date', '>', '2015-01-13')
    .orderBy('fc.family_id')
    .execute();
  const seen = new Set<number>();
  return rows.filter((r) => (seen.has(r.family_id) ? false : (seen.add(r.family_id), true)));
}

export const book = (childId: number, date: string, unitId: number) => ({ action: 'book' as const, childId, date, unitId });
export const cancel = (bookingId: number) => ({ action: 'cancel' as const, bookingId });

/** Children linked to the Lefèvre family (born in 2018: 8 years old, group 6-11 ans). */
export async function addRushChildren(d: Demo, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const child = await d.h.store.db
      .insertInto('children')
      .values({ last_name: 'Rush', first_name: `Enfant ${i + 1}`, birth_date: '2018-03-01', sex: null, school: null, class_level: null, notes: null, created_at: NOW, updated_at: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    await d.h.store.db.insertInto('family_children').values({ family_id: d.lefevre, child_id: child.id, linked_at: NOW }).execute();
    ids.push(child.id);
  }
  return ids;
}

export interface RushAnswer {
  status: number;
  body: { message?: string; lines: { outcome: string; reason: string | null }[] };
}

/** Fires every body at once at a listening portal (one socket each), as browsers in a rush would. */
export async function rushRequests(h: Harness, c: Client, bodies: unknown[]): Promise<RushAnswer[]> {
  const server = http.createServer(h.portal);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const headers = {
    'content-type': 'application/json',
    cookie: `marelle_session=${c.cookie('marelle_session') ?? ''}; marelle_csrf=${c.cookie('marelle_csrf') ?? ''}`,
    'x-csrf-token': c.cookie('marelle_csrf') ?? '',
  };
  try {
    return await Promise.all(
      bodies.map(async (body) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/family/requests`, { method: 'POST', headers, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as RushAnswer['body'] };
      }),
    );
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
