import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTO_REFUSAL_REASON, refuseExpiredPending } from '../../shared/bookings/autoRefusal';
import { submitRequest } from '../../shared/bookings/requests';
import { DEMO_PASSWORD } from '../../shared/demo/seed';
import { startJobs } from '../../portal/server/jobs';
import { staffClient, type Client } from '../support/client';
import { book, cancel, demoHarness, lefevreClient, snapshot, type Demo } from '../support/bookings';

/*
 * The staff's processing of requests (issue 6) on the demo commune, clock fixed on Thursday
 * 26 November 2026 09:00 (Paris). The demo has ALSH du mercredi requests waiting for staff on
 * 9 and 16 December (manual approval); 13 January 2027 has no booking and no staff plan (the
 * group's 48 places), so the tests shape its places with the group's `max_places`.
 */

let d: Demo;
let agent: Client;
beforeEach(async () => {
  d = await demoHarness();
  agent = await staffLogin('agent@mairie.demo');
});
afterEach(() => d.h.close());

async function staffLogin(email: string): Promise<Client> {
  const c = staffClient(d.h.backoffice);
  const res = await c.post('/api/staff/auth/login', { email, password: DEMO_PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return c;
}

const db = () => d.h.store.db;
const JAN13 = '2027-01-13';
const mercredi = () => d.service('alsh_mercredi');
const journee = () => d.unit('alsh_mercredi/journee');
const row = (id: number) => db().selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const emails = () => db().selectFrom('email_outbox').selectAll().orderBy('id').execute();
const events = (id: number) => db().selectFrom('booking_events').selectAll().where('booking_id', '=', id).orderBy('id').execute();

async function sixToEleven(): Promise<number> {
  const g = await db().selectFrom('groups').select(['id', 'min_age']).where('service_id', '=', mercredi()).orderBy('min_age', 'desc').executeTakeFirstOrThrow();
  return g.id;
}

async function setGroupPlaces(places: number | null): Promise<void> {
  await db().updateTable('groups').set({ max_places: places }).where('id', '=', await sixToEleven()).execute();
}

/** Validated families with a child aged 6 to 11 on 13 January 2027, the Lefèvre and Moreau excepted. */
async function otherChildren(n: number) {
  const rows = await db()
    .selectFrom('family_children as fc')
    .innerJoin('children as c', 'c.id', 'fc.child_id')
    .innerJoin('families as f', 'f.id', 'fc.family_id')
    .innerJoin('portal_accounts as a', 'a.family_id', 'f.id')
    .select(['fc.family_id', 'c.id as child_id', 'a.id as account_id', 'c.birth_date'])
    .where('f.status', '=', 'validated')
    .where('f.id', 'not in', [d.lefevre, d.moreau])
    .where('c.birth_date', '<=', '2021-01-13')
    .where('c.birth_date', '>', '2015-01-13')
    .orderBy('c.id')
    .execute();
  // One child per family: each request is a different family's.
  const seen = new Set<number>();
  const unique = rows.filter((r) => (seen.has(r.family_id) ? false : (seen.add(r.family_id), true)));
  expect(unique.length).toBeGreaterThanOrEqual(n);
  return unique.slice(0, n);
}

/** A parent's request for 13 January (journée), through the booking service itself. */
async function parentBooks(c: { family_id: number; account_id: number; child_id: number }) {
  const r = await submitRequest(db(), { familyId: c.family_id, accountId: c.account_id, now: d.h.clock.now(), publicUrl: 'http://portail.test' }, [
    book(c.child_id, JAN13, journee()),
  ]);
  return { requestId: r.requestId, bookingId: r.lines[0]!.bookingId!, outcome: r.lines[0]!.outcome };
}

async function pendingOf(date: string) {
  const res = await agent.get(`/api/staff/requests?serviceId=${mercredi()}&date=${date}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { lines: { bookingId: number; version: number; childName: string; placesLeft: number | null; status: string; kind: string; age: number; familyName: string; arrivedAt: string; unitId: number; groupName: string | null }[]; waitlisted: { bookingId: number }[] };
}

const ref = (l: { bookingId: number; version: number }) => ({ bookingId: l.bookingId, version: l.version });

describe('requests to process', () => {
  it('lists the waiting lines in arrival order with child, age, family, arrival and places left; filters by service, period, day and group', async () => {
    const list = await pendingOf('2026-12-09');
    expect(list.lines.length).toBeGreaterThanOrEqual(3);
    const arrivals = list.lines.map((l) => l.arrivedAt);
    expect([...arrivals].sort()).toEqual(arrivals);
    const leo = list.lines.find((l) => l.childName === 'Léo Lefèvre' && l.unitId === journee());
    // Two animators for the 6-11 ans on 9 December, a long day: 2 × 12 places (R227-16).
    expect(leo).toMatchObject({ kind: 'book', status: 'pending', age: 8, familyName: 'Famille Lefèvre', arrivedAt: '2026-11-20T20:10:00.000Z', placesLeft: 24, groupName: '6-11 ans' });
    const jade = list.lines.filter((l) => l.childName === 'Jade Lefèvre');
    expect(jade.map((l) => l.age)).toEqual([4, 4]);

    const group = await sixToEleven();
    const byGroup = await agent.get(`/api/staff/requests?serviceId=${mercredi()}&date=2026-12-09&groupId=${group}`);
    expect(byGroup.body.lines.every((l: { groupName: string }) => l.groupName === '6-11 ans')).toBe(true);
    const byPeriod = await agent.get(`/api/staff/requests?periodId=${d.period('Mercredis 2026-2027')}`);
    expect(byPeriod.body.lines.length).toBeGreaterThan(list.lines.length);
    const otherPeriod = await agent.get(`/api/staff/requests?periodId=${d.period('Vacances de Noël 2026')}`);
    expect(otherPeriod.body.lines).toEqual([]);
    const bad = await agent.get('/api/staff/requests?date=2026-13-45');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/Jour : date invalide/);

    const options = await agent.get('/api/staff/requests/options');
    expect(options.status).toBe(200);
    expect(options.body.reasons).toContain('Plus de place disponible ce jour-là.');
    expect(options.body.services.find((s: { id: number }) => s.id === mercredi()).groups.map((g: { name: string }) => g.name)).toEqual(['3-5 ans', '6-11 ans']);
  });
});

describe('accept and refuse', () => {
  it('accepts one line: ACCEPTÉE, version bumped, a staff event, one e-mail for the request, a place fewer', async () => {
    const list = await pendingOf('2026-12-09');
    const leo = list.lines.find((l) => l.childName === 'Léo Lefèvre' && l.unitId === journee())!;
    const before = (await emails()).length;
    const res = await agent.post('/api/staff/requests/accept', { lines: [ref(leo)] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1, refused: 0, notAccepted: [], emails: 1 });
    expect(res.body.message).toMatch(/1 ligne acceptée/);
    expect(await row(leo.bookingId)).toMatchObject({ status: 'accepted', version: leo.version + 1, status_reason: null });
    const ev = (await events(leo.bookingId)).at(-1)!;
    expect(ev).toMatchObject({ from_status: 'pending', to_status: 'accepted', actor_type: 'staff' });
    expect(ev.actor_id).not.toBeNull();
    const mails = (await emails()).slice(before);
    expect(mails).toHaveLength(1);
    const booking = await row(leo.bookingId);
    expect(mails[0]).toMatchObject({ to_address: 'famille@demo.fr', family_id: d.lefevre });
    expect(mails[0]!.subject).toBe(`Suite donnée à votre demande n° ${booking.request_id} — Mairie de Marelle-sur-Meu`);
    expect(mails[0]!.text_body).toContain(`Votre demande n° ${booking.request_id} du 20/11/2026 :`);
    expect(mails[0]!.text_body).toContain('09/12/2026 — Léo Lefèvre — ALSH du mercredi — Journée (repas compris) : ACCEPTÉE');
    expect(mails[0]!.text_body).toMatch(/^Bonjour Madame Lefèvre,|^Bonjour/);
    const after = await pendingOf('2026-12-09');
    expect(after.lines.find((l) => l.bookingId === leo.bookingId)).toBeUndefined();
    expect(after.lines.find((l) => l.unitId === journee() && l.groupName === '6-11 ans')?.placesLeft).toBe(23);
  });

  it('decides a selection at once: one e-mail per family, grouped per request, with the refusal reason', async () => {
    const list = await pendingOf('2026-12-09');
    const lefevre = list.lines.filter((l) => l.familyName === 'Famille Lefèvre');
    expect(lefevre.length).toBe(3);
    const others = list.lines.filter((l) => l.familyName !== 'Famille Lefèvre').slice(0, 2);
    const before = (await emails()).length;
    const reason = "L'âge de l'enfant ne correspond pas à cet accueil.";
    const res = await agent.post('/api/staff/requests/refuse', { lines: [...lefevre, ...others].map(ref), reason });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.refused).toBe(lefevre.length + others.length);
    for (const l of [...lefevre, ...others]) expect(await row(l.bookingId)).toMatchObject({ status: 'refused', status_reason: reason });
    const mails = (await emails()).slice(before);
    const families = new Set([...lefevre, ...others].map((l) => l.familyName));
    expect(mails).toHaveLength(families.size);
    const lefevreMail = mails.find((m) => m.family_id === d.lefevre)!;
    expect(lefevreMail.text_body.match(/Votre demande n° \d+ du/g)).toHaveLength(1);
    expect(lefevreMail.text_body).toContain(`09/12/2026 — Jade Lefèvre — ALSH du mercredi — Matin : REFUSÉE : ${reason}`);
    expect(lefevreMail.text_body).toContain('Léo Lefèvre');
  });

  it('confirms a cancellation waiting for staff (billing kept) and refuses another (back to accepted)', async () => {
    const list = await pendingOf('2026-12-09');
    const lefevre = list.lines.filter((l) => l.familyName === 'Famille Lefèvre');
    await agent.post('/api/staff/requests/accept', { lines: lefevre.map(ref) });
    // The parent asks to cancel two accepted days (manual approval: ANNULATION DEMANDÉE).
    const parent = await lefevreClient(d.h);
    const submitted = await parent.post('/api/family/requests', { lines: lefevre.slice(0, 2).map((l) => cancel(l.bookingId)) });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const waiting = (await pendingOf('2026-12-09')).lines.filter((l) => l.kind === 'cancel');
    expect(waiting.map((l) => l.status)).toEqual(['cancellation_pending', 'cancellation_pending']);
    const [first, second] = waiting as [(typeof waiting)[number], (typeof waiting)[number]];
    const billedBefore = (await row(first.bookingId)).billed_if_cancelled;

    const ok = await agent.post('/api/staff/requests/accept', { lines: [ref(first)] });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.cancelled).toBe(1);
    expect(await row(first.bookingId)).toMatchObject({ status: 'cancelled', billed_if_cancelled: billedBefore });

    const no = await agent.post('/api/staff/requests/refuse', { lines: [ref(second)], reason: 'Annulation hors délai : la réservation est maintenue.' });
    expect(no.status, JSON.stringify(no.body)).toBe(200);
    expect(no.body.cancellationsRefused).toBe(1);
    expect(await row(second.bookingId)).toMatchObject({ status: 'accepted', billed_if_cancelled: 0 });
    const mail = (await emails()).at(-1)!;
    expect(mail.text_body).toContain(`Votre demande n° ${submitted.body.requestId} du 26/11/2026 :`);
    expect(mail.text_body).toContain('ANNULATION REFUSÉE : Annulation hors délai : la réservation est maintenue. La réservation reste ACCEPTÉE.');
  });
});

describe('bad input changes nothing', () => {
  it('already refused or cancelled, changed since shown, unknown, negative, duplicated, reason too long or empty, unknown field', async () => {
    const list = await pendingOf('2026-12-09');
    const [a, b] = list.lines as [(typeof list.lines)[number], (typeof list.lines)[number]];
    await agent.post('/api/staff/requests/refuse', { lines: [ref(a)], reason: 'Demande en double : une autre réservation couvre déjà cette journée.' });
    const before = await snapshot(d.h);

    const cases: [unknown, number, RegExp][] = [
      [{ lines: [ref(b), { bookingId: a.bookingId, version: a.version + 1 }] }, 409, /est déjà refusée : elle ne peut plus être acceptée\. Rien n'a été modifié\./],
      [{ lines: [ref(b), ref(a)] }, 409, /déjà refusée/],
      [{ lines: [{ bookingId: b.bookingId, version: b.version + 5 }] }, 409, /modifiée entre-temps : actualisez la liste/],
      [{ lines: [ref(b), { bookingId: 999999, version: 1 }] }, 404, /n° 999999 est introuvable/],
      [{ lines: [{ bookingId: -3, version: 1 }] }, 400, /numéro de ligne invalide/],
      [{ lines: [ref(b), ref(b)] }, 400, /figure deux fois/],
      [{ lines: [] }, 400, /Sélectionnez au moins une ligne/],
      [{ lines: [ref(b)], extra: 1 }, 400, /Champ non reconnu : « extra »/],
    ];
    for (const [body, status, message] of cases) {
      const res = await agent.post('/api/staff/requests/accept', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.message).toMatch(message);
    }
    const long = await agent.post('/api/staff/requests/refuse', { lines: [ref(b)], reason: 'x'.repeat(301) });
    expect(long.status).toBe(400);
    expect(long.body.message).toBe('Le motif du refus ne peut pas dépasser 300 caractères : raccourcissez-le.');
    const empty = await agent.post('/api/staff/requests/refuse', { lines: [ref(b)], reason: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('Indiquez le motif du refus.');
    const refusedAgain = await agent.post('/api/staff/requests/refuse', { lines: [ref(b), { bookingId: a.bookingId, version: a.version + 1 }], reason: 'Autre motif.' });
    expect(refusedAgain.status).toBe(409);
    expect(refusedAgain.body.message).toMatch(/déjà refusée : elle ne peut plus être refusée/);

    expect(await snapshot(d.h)).toEqual(before);
  });

  it('a line without a place is not accepted: 409 with the line named, nothing changed', async () => {
    await setGroupPlaces(0);
    const list = await pendingOf('2026-12-09');
    const leo = list.lines.find((l) => l.childName === 'Léo Lefèvre' && l.unitId === journee())!;
    expect(leo.placesLeft).toBe(0);
    const before = await snapshot(d.h);
    const res = await agent.post('/api/staff/requests/accept', { lines: [ref(leo)] });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(`Ligne n° ${leo.bookingId} (Léo Lefèvre, 09/12/2026, Journée (repas compris)) : plus de place disponible ce jour-là, elle n'est pas acceptée. Rien n'a été modifié.`);
    expect(await snapshot(d.h)).toEqual(before);
  });
});

describe('roles', () => {
  it('animateur → 403; a parent session reaches no staff route', async () => {
    const animateur = await staffLogin('animateur@mairie.demo');
    expect((await animateur.get('/api/staff/requests')).status).toBe(403);
    expect((await animateur.post('/api/staff/requests/accept', { lines: [{ bookingId: 1, version: 1 }] })).status).toBe(403);
    expect((await animateur.get('/api/staff/jobs')).status).toBe(403);
    const parent = await lefevreClient(d.h);
    const onPortal = await parent.get('/api/staff/requests');
    expect([401, 404]).toContain(onPortal.status);
    // The parent's cookies presented to the back-office listener: no staff session.
    const cookie = parent.cookie('marelle_session');
    const intruder = staffClient(d.h.backoffice);
    if (cookie) intruder.setCookie('marelle_session', cookie);
    expect((await intruder.get('/api/staff/requests')).status).toBe(401);
    expect((await intruder.post('/api/staff/requests/accept', { lines: [{ bookingId: 1, version: 1 }] })).status).toBeGreaterThanOrEqual(401);
  });
});

describe('places counted in arrival order', () => {
  it('a selection larger than the places: the first lines are accepted, the others reported and unchanged', async () => {
    await setGroupPlaces(2);
    const waiting = [];
    for (const c of await otherChildren(3)) {
      waiting.push(await parentBooks(c));
      d.h.clock.advance(60_000);
    }
    const list = await pendingOf(JAN13);
    expect(list.lines.map((l) => l.bookingId)).toEqual(waiting.map((w) => w.bookingId));
    // Sent in reverse order: arrival order decides.
    const res = await agent.post('/api/staff/requests/accept', { lines: [...list.lines].reverse().map(ref) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.notAccepted).toEqual([{ bookingId: waiting[2]!.bookingId, message: expect.stringMatching(/plus de place disponible ce jour-là/) }]);
    expect(res.body.message).toMatch(/^2 lignes acceptées\. 1 ligne n'a pas été acceptée faute de place : n° \d+\./);
    expect((await row(waiting[2]!.bookingId))).toMatchObject({ status: 'pending', version: 1 });
  });
});

describe('places under concurrency', () => {
  it('staff accepting while parents book never accept more than the places', async () => {
    const PLACES = 3;
    await setGroupPlaces(PLACES);
    const children = await otherChildren(10);
    // Six requests wait for staff (manual approval)…
    const waiting = [];
    for (const c of children.slice(0, 6)) waiting.push(await parentBooks(c));
    expect(waiting.every((w) => w.outcome === 'pending')).toBe(true);
    // …then the service turns to automatic approval: parents' new bookings take places at once.
    await db().updateTable('services').set({ approval_mode: 'automatic' }).where('id', '=', mercredi()).execute();
    const line = (id: number) => ({ bookingId: id, version: 1 });
    const results = await Promise.all([
      agent.post('/api/staff/requests/accept', { lines: [line(waiting[0]!.bookingId), line(waiting[1]!.bookingId)] }),
      ...children.slice(6, 8).map((c) => parentBooks(c)),
      agent.post('/api/staff/requests/accept', { lines: [line(waiting[2]!.bookingId), line(waiting[3]!.bookingId)] }),
      ...children.slice(8, 10).map((c) => parentBooks(c)),
      agent.post('/api/staff/requests/accept', { lines: [line(waiting[4]!.bookingId), line(waiting[5]!.bookingId)] }),
    ]);
    expect(results).toHaveLength(7);
    const accepted = await db()
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('date', '=', JAN13)
      .where('unit_id', '=', journee())
      .where('status', '=', 'accepted')
      .executeTakeFirstOrThrow();
    expect(Number(accepted.n)).toBe(PLACES);
  });
});

describe('waiting list', () => {
  async function waitlistDay() {
    await db().updateTable('services').set({ approval_mode: 'automatic', no_place_policy: 'waitlist' }).where('id', '=', mercredi()).execute();
    await setGroupPlaces(1);
    const [a, b, c] = await otherChildren(3);
    const first = await parentBooks(a!);
    d.h.clock.advance(60_000);
    const second = await parentBooks(b!);
    d.h.clock.advance(60_000);
    const third = await parentBooks(c!);
    expect([first.outcome, second.outcome, third.outcome]).toEqual(['accepted', 'waitlisted', 'waitlisted']);
    return { first, second, third, families: [a!.family_id, b!.family_id, c!.family_id] };
  }

  it('a cancellation confirmed by staff promotes the first waiting line, in arrival order, and e-mails its family', async () => {
    const { first, second, third, families } = await waitlistDay();
    const list = await pendingOf(JAN13);
    expect(list.waitlisted.map((l) => l.bookingId)).toEqual([second.bookingId, third.bookingId]);
    // Manual approval again: the first family's cancellation waits for staff.
    await db().updateTable('services').set({ approval_mode: 'manual' }).where('id', '=', mercredi()).execute();
    const account = await db().selectFrom('portal_accounts').select('id').where('family_id', '=', families[0]!).executeTakeFirstOrThrow();
    await submitRequest(db(), { familyId: families[0]!, accountId: account.id, now: d.h.clock.now(), publicUrl: 'http://portail.test' }, [cancel(first.bookingId)]);
    const pending = (await pendingOf(JAN13)).lines.find((l) => l.bookingId === first.bookingId)!;
    expect(pending.kind).toBe('cancel');
    const before = (await emails()).length;
    const res = await agent.post('/api/staff/requests/accept', { lines: [ref(pending)] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ cancelled: 1, promoted: 1 });
    expect((await row(second.bookingId)).status).toBe('accepted');
    expect((await row(third.bookingId)).status).toBe('waitlisted');
    expect((await events(second.bookingId)).at(-1)).toMatchObject({ from_status: 'waitlisted', to_status: 'accepted', actor_type: 'system' });
    const mails = (await emails()).slice(before);
    const promotedMail = mails.find((m) => m.family_id === families[1]);
    expect(promotedMail?.subject).toMatch(/^Une place s'est libérée — votre demande n° \d+/);
    expect(promotedMail?.text_body).toContain('13/01/2027');
    expect(promotedMail?.text_body).toContain('ACCEPTÉE');
    expect(mails.find((m) => m.family_id === families[2])).toBeUndefined();
  });
});

describe('automatic refusal at D − 7', () => {
  async function noPlaceOnDecember9() {
    await setGroupPlaces(0);
    const list = await pendingOf('2026-12-09');
    const full = list.lines.filter((l) => l.groupName === '6-11 ans');
    const free = list.lines.filter((l) => l.groupName !== '6-11 ans');
    expect(full.length).toBeGreaterThan(0);
    expect(free.length).toBeGreaterThan(0);
    return { full, free };
  }

  it('refuses on 2 December at 00:00 (Paris), not one minute before; lines with a place stay; idempotent', async () => {
    const { full, free } = await noPlaceOnDecember9();
    d.h.clock.set('2026-12-01T23:59:00+01:00');
    const early = await refuseExpiredPending(db(), d.h.clock.now(), 'http://portail.test');
    expect(early.refused).toBe(0);
    for (const l of full) expect((await row(l.bookingId)).status).toBe('pending');

    d.h.clock.advance(60_000);
    const before = (await emails()).length;
    const due = await refuseExpiredPending(db(), d.h.clock.now(), 'http://portail.test');
    expect(due.refused).toBe(full.length);
    for (const l of full) {
      expect(await row(l.bookingId)).toMatchObject({ status: 'refused', status_reason: AUTO_REFUSAL_REASON });
      expect((await events(l.bookingId)).at(-1)).toMatchObject({ to_status: 'refused', actor_type: 'system', reason: AUTO_REFUSAL_REASON });
    }
    for (const l of free) expect((await row(l.bookingId)).status).toBe('pending');
    // The 16 December lines are not due yet.
    const dec16 = await db().selectFrom('bookings').select('status').where('date', '=', '2026-12-16').where('service_id', '=', mercredi()).execute();
    expect(dec16.length).toBeGreaterThan(0);
    expect(dec16.every((b) => b.status === 'pending')).toBe(true);
    const mails = (await emails()).slice(before);
    expect(mails).toHaveLength(new Set(full.map((l) => l.familyName)).size);
    const lefevre = mails.find((m) => m.family_id === d.lefevre)!;
    expect(lefevre.subject).toMatch(/^Votre demande n° \d+ : réservation refusée faute de place/);
    expect(lefevre.text_body).toContain("09/12/2026 — Léo Lefèvre — ALSH du mercredi — Journée (repas compris) : REFUSÉE : Aucune place ne s'est libérée.");

    const snap = await snapshot(d.h);
    const again = await refuseExpiredPending(db(), d.h.clock.now(), 'http://portail.test');
    expect(again.refused).toBe(0);
    expect(await snapshot(d.h)).toEqual(snap);
  });

  it('keeps the first lines in arrival order while places are left, refuses the others', async () => {
    const { full } = await noPlaceOnDecember9();
    await setGroupPlaces(1);
    d.h.clock.set('2026-12-02T08:00:00+01:00');
    await refuseExpiredPending(db(), d.h.clock.now(), 'http://portail.test');
    const statuses = await Promise.all(full.map(async (l) => (await row(l.bookingId)).status));
    expect(statuses[0]).toBe('pending');
    expect(statuses.slice(1).every((s) => s === 'refused')).toBe(true);
  });

  it('a job missed while the server was down runs at start, and the back-office lists it', async () => {
    const { full } = await noPlaceOnDecember9();
    // The server was off on the night of 1–2 December: started at 10:00, the job runs at once.
    d.h.clock.set('2026-12-02T10:00:00+01:00');
    const jobs = startJobs(d.h.deps, { dailyCheckMs: 3_600_000, mailIntervalMs: 3_600_000 });
    await jobs.stop();
    for (const l of full) expect((await row(l.bookingId)).status).toBe('refused');
    const res = await (await staffLogin('admin@mairie.demo')).get('/api/staff/jobs');
    expect(res.status).toBe(200);
    const job = res.body.jobs.find((j: { name: string }) => j.name === 'refuse-expired-requests');
    expect(job).toMatchObject({ label: 'Refus automatique des demandes sans place', status: 'ok', lastRunAt: '2026-12-02T09:00:00.000Z' });
    expect(job.result).toMatch(new RegExp(`^${full.length} ligne\\(s\\) refusée\\(s\\) faute de place`));
  });
});
