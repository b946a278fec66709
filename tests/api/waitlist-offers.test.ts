import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OFFER_ACCEPTED_REASON, OFFER_DECLINED_REASON } from '../../shared/bookings/offers';
import { submitRequest } from '../../shared/bookings/requests';
import { promoteWaitlisted } from '../../shared/bookings/waitlist';
import { DEMO_PARENT_EMAIL, DEMO_PASSWORD } from '../../shared/demo/seed';
import { book, demoHarness, lefevreClient, moreauClient, otherFamiliesWithSchoolChild, snapshot, type Demo } from '../support/bookings';
import { staffClient, type Client } from '../support/client';

/*
 * The family answers a place offered from the waiting list in the portal (decision 0007). ALSH du
 * mercredi turned to automatic approval with a waiting list and offers; Wednesday 13 January 2027
 * limited to one place for the 6-11 ans: another family takes it, Léo Lefèvre waits first, a third
 * family waits second. One more place → Léo's line is offered for 48 h.
 */

const DAY = '2027-01-13';
const URL = 'http://portail.test';
let d: Demo;
let c: Client;
beforeEach(async () => {
  d = await demoHarness();
  c = await lefevreClient(d.h);
});
afterEach(() => d.h.close());

const db = () => d.h.store.db;
const row = (id: number) =>
  db().selectFrom('bookings').select(['status', 'status_reason', 'offer_expires_at', 'version', 'family_id']).where('id', '=', id).executeTakeFirstOrThrow();
const promote = () =>
  db().transaction().execute((trx) => promoteWaitlisted(trx, { serviceId: d.service('alsh_mercredi'), dates: [DAY] }, d.h.clock.now(), URL));
const accept = (client: Client, id: number, body: unknown = {}) => client.post(`/api/family/bookings/${id}/offer/accept`, body);
const decline = (client: Client, id: number, body: unknown = {}) => client.post(`/api/family/bookings/${id}/offer/decline`, body);

async function setPlaces(n: number) {
  const g = await db().selectFrom('groups').select('id').where('service_id', '=', d.service('alsh_mercredi')).orderBy('min_age', 'desc').executeTakeFirstOrThrow();
  await db().updateTable('groups').set({ max_places: n }).where('id', '=', g.id).execute();
}

interface Queue {
  /** The other family's accepted line, Léo's waiting line, the third family's waiting line. */
  first: number;
  leo: number;
  third: number;
  thirdFamily: number;
}

/** One place taken, two lines waiting (Léo's first); with `offer`, one more place offered to Léo. */
async function queue(offer = true): Promise<Queue> {
  await db().updateTable('services').set({ approval_mode: 'automatic', no_place_policy: 'waitlist', waitlist_promotion: 'offer' }).where('id', '=', d.service('alsh_mercredi')).execute();
  await setPlaces(1);
  const [a, b] = await otherFamiliesWithSchoolChild(d);
  if (!a || !b) throw new Error('Données de démonstration : deux familles avec un enfant de 6 à 11 ans attendues.');
  const lefevreAccount = (await db().selectFrom('portal_accounts').select('id').where('email', '=', DEMO_PARENT_EMAIL).executeTakeFirstOrThrow()).id;
  const ids: number[] = [];
  for (const f of [
    { family_id: a.family_id, child_id: a.child_id, account_id: a.account_id },
    { family_id: d.lefevre, child_id: d.leo, account_id: lefevreAccount },
    { family_id: b.family_id, child_id: b.child_id, account_id: b.account_id },
  ]) {
    const r = await submitRequest(db(), { familyId: f.family_id, accountId: f.account_id, now: d.h.clock.now(), publicUrl: URL }, [book(f.child_id, DAY, d.unit('alsh_mercredi/journee'))]);
    ids.push(r.lines[0]!.bookingId!);
    d.h.clock.advance(60_000);
  }
  const [first, leo, third] = ids as [number, number, number];
  expect([(await row(first)).status, (await row(leo)).status, (await row(third)).status]).toEqual(['accepted', 'waitlisted', 'waitlisted']);
  if (offer) {
    await setPlaces(2);
    expect(await promote()).toMatchObject({ offered: 1 });
    expect((await row(leo)).offer_expires_at).not.toBeNull();
  }
  return { first, leo, third, thirdFamily: b.family_id };
}

const lastEmail = () => db().selectFrom('email_outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();

describe('accepting an offered place', () => {
  it('turns the offered line into an accepted booking, with its history (actor parent) and a confirmation e-mail', async () => {
    const q = await queue();
    const before = await row(q.leo);
    const res = await accept(c, q.leo);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ bookingId: q.leo, status: 'accepted', message: expect.stringMatching(/^Place acceptée : la réservation de Léo Lefèvre le 13\/01\/2027 .* est confirmée\. Un e-mail/) });

    expect(await row(q.leo)).toMatchObject({ status: 'accepted', offer_expires_at: null, version: before.version + 1 });
    const event = await db().selectFrom('booking_events').selectAll().where('booking_id', '=', q.leo).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const account = await db().selectFrom('portal_accounts').select('id').where('email', '=', DEMO_PARENT_EMAIL).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ from_status: 'waitlisted', to_status: 'accepted', actor_type: 'parent', actor_id: account.id, reason: OFFER_ACCEPTED_REASON });

    const mail = await lastEmail();
    expect(mail.family_id).toBe(d.lefevre);
    expect(mail.subject).toMatch(/^Place acceptée — votre demande n° \d+ — /);
    expect(mail.text_body).toContain('13/01/2027 — Léo Lefèvre — ALSH du mercredi — Journée (repas compris) : ACCEPTÉE');
    expect(mail.text_body).toContain(d.h.deps.config.publicUrl);

    // The next line is not offered anything: the place is Léo's.
    expect(await row(q.third)).toMatchObject({ status: 'waitlisted', offer_expires_at: null });

    // Answering again: the offer is over, nothing changes.
    const snap = await snapshot(d.h);
    const again = await accept(c, q.leo);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/déjà acceptée/);
    expect((await decline(c, q.leo)).status).toBe(409);
    expect(await snapshot(d.h)).toEqual(snap);
  });
});

describe('declining an offered place', () => {
  it('refuses the line, e-mails the family, and offers the place to the next waiting line', async () => {
    const q = await queue();
    const res = await decline(c, q.leo);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ bookingId: q.leo, status: 'refused', message: expect.stringMatching(/^Place refusée/) });

    expect(await row(q.leo)).toMatchObject({ status: 'refused', status_reason: OFFER_DECLINED_REASON, offer_expires_at: null });
    const event = await db().selectFrom('booking_events').selectAll().where('booking_id', '=', q.leo).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ to_status: 'refused', actor_type: 'parent', reason: OFFER_DECLINED_REASON });

    const next = await row(q.third);
    expect(next.status).toBe('waitlisted');
    expect(next.offer_expires_at).toBe(new Date(d.h.clock.now().getTime() + 48 * 3_600_000).toISOString());

    const mails = await db().selectFrom('email_outbox').select(['family_id', 'subject', 'text_body']).orderBy('id', 'desc').limit(2).execute();
    const toLefevre = mails.find((m) => m.family_id === d.lefevre);
    const toNext = mails.find((m) => m.family_id === q.thirdFamily);
    expect(toLefevre?.subject).toMatch(/^Place refusée/);
    expect(toLefevre?.text_body).toContain(`REFUSÉE : ${OFFER_DECLINED_REASON}`);
    expect(toNext?.text_body).toContain('PLACE PROPOSÉE');
  });
});

describe('nothing to answer', () => {
  it('a line never offered, or an offer past its 48 hours, answers 409 and changes nothing', async () => {
    const q = await queue(false);
    let snap = await snapshot(d.h);
    const never = await accept(c, q.leo);
    expect(never.status).toBe(409);
    expect(never.body).toMatchObject({ error: 'conflict', message: expect.stringMatching(/^Aucune place ne vous est proposée .* liste d'attente/) });
    expect((await decline(c, q.leo)).status).toBe(409);
    expect(await snapshot(d.h)).toEqual(snap);

    await setPlaces(2);
    await promote();
    // One minute after the deadline, before the hourly job refuses it.
    d.h.clock.advance(48 * 3_600_000 + 60_000);
    c = await lefevreClient(d.h);
    snap = await snapshot(d.h);
    const late = await accept(c, q.leo);
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/^Le délai pour répondre à la place proposée .* est dépassé/);
    expect((await decline(c, q.leo)).status).toBe(409);
    expect(await snapshot(d.h)).toEqual(snap);
  });

  it('refuses an unexpected body', async () => {
    const q = await queue();
    const snap = await snapshot(d.h);
    expect((await accept(c, q.leo, { bookingId: q.third })).status).toBe(400);
    expect(await snapshot(d.h)).toEqual(snap);
  });
});

describe('access', () => {
  it("another family's booking is not found — even the other parent of a shared child — and nothing changes", async () => {
    const q = await queue();
    const snap = await snapshot(d.h);
    for (const id of [q.third, q.first, 999_999]) {
      const res = await accept(c, id);
      expect(res.status, String(id)).toBe(404);
      expect(res.body).toEqual({ error: 'not_found', message: 'Cette réservation est introuvable.' });
      expect((await decline(c, id)).status).toBe(404);
    }
    // Léo is shared with the Moreau family: they see the line, but it is the Lefèvre family's.
    const moreau = await moreauClient(d.h);
    const res = await decline(moreau, q.leo);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Cette réservation est introuvable.');
    expect(await snapshot(d.h)).toEqual(snap);
  });

  it('staff sessions (animateur, agent) cannot answer for the family, nor can an anonymous visitor', async () => {
    const q = await queue();
    const snap = await snapshot(d.h);
    for (const email of ['animateur@mairie.demo', 'agent@mairie.demo']) {
      const staff = staffClient(d.h.backoffice);
      expect((await staff.post('/api/staff/auth/login', { email, password: DEMO_PASSWORD })).status).toBe(200);
      const token = staff.cookie('marelle_staff_session') ?? '';
      const csrf = staff.cookie('marelle_staff_csrf') ?? '';
      expect((await staff.post(`/api/family/bookings/${q.leo}/offer/accept`, {})).status).toBe(404);
      for (const cookie of [`marelle_staff_session=${token}; marelle_staff_csrf=${csrf}`, `marelle_session=${token}; marelle_csrf=${csrf}`]) {
        for (const path of ['accept', 'decline']) {
          const res = await supertest(d.h.portal).post(`/api/family/bookings/${q.leo}/offer/${path}`).set('Cookie', cookie).set('x-csrf-token', csrf).send({});
          expect([401, 403], `${email} ${path}`).toContain(res.status);
        }
      }
    }
    expect((await supertest(d.h.portal).post(`/api/family/bookings/${q.leo}/offer/accept`).send({})).status).toBeGreaterThanOrEqual(401);
    expect(await snapshot(d.h)).toEqual(snap);
  });
});

describe('plannings', () => {
  it("show offerExpiresAt on the family's offered line only", async () => {
    const q = await queue();
    const until = (await row(q.leo)).offer_expires_at;

    const month = await c.get('/api/family/planning?from=2027-01-01&to=2027-01-31');
    expect(month.status).toBe(200);
    const line = month.body.days.find((x: { date: string }) => x.date === DAY).bookings.find((b: { id: number }) => b.id === q.leo);
    expect(line).toMatchObject({ status: 'waitlisted', otherFamily: false, offerExpiresAt: until });

    const period = await c.get(`/api/family/booking/planning?childId=${d.leo}&periodId=${d.period('Mercredis 2026-2027')}`);
    const day = period.body.days.find((x: { date: string }) => x.date === DAY);
    expect(day.bookings).toEqual([expect.objectContaining({ id: q.leo, status: 'waitlisted', offerExpiresAt: until })]);
    const other = period.body.days.find((x: { date: string; bookings: unknown[] }) => x.bookings.length > 0 && x.date !== DAY);
    expect(other.bookings[0].offerExpiresAt).toBeNull();

    // The other parent of a shared child sees the line, not the offer (they cannot answer it).
    const moreau = await moreauClient(d.h);
    const theirs = await moreau.get('/api/family/planning?from=2027-01-01&to=2027-01-31');
    const seen = theirs.body.days.find((x: { date: string }) => x.date === DAY).bookings.find((b: { id: number }) => b.id === q.leo);
    expect(seen).toMatchObject({ otherFamily: true, offerExpiresAt: null });

    // A lapsed offer is no longer shown as one; an accepted line has none.
    d.h.clock.advance(48 * 3_600_000);
    c = await lefevreClient(d.h);
    const lapsed = await c.get('/api/family/planning?from=2027-01-01&to=2027-01-31');
    expect(lapsed.body.days.find((x: { date: string }) => x.date === DAY).bookings.find((b: { id: number }) => b.id === q.leo).offerExpiresAt).toBeNull();
  });

  it('show no offer once accepted', async () => {
    const q = await queue();
    expect((await accept(c, q.leo)).status).toBe(200);
    const month = await c.get('/api/family/planning?from=2027-01-01&to=2027-01-31');
    const line = month.body.days.find((x: { date: string }) => x.date === DAY).bookings.find((b: { id: number }) => b.id === q.leo);
    expect(line).toMatchObject({ status: 'accepted', offerExpiresAt: null });
  });
});

describe('request history', () => {
  it('shows offerExpiresAt on the offered line only, and no more once the offer lapses', async () => {
    const q = await queue();
    const until = (await row(q.leo)).offer_expires_at;
    const lines = async () => {
      const res = await c.get('/api/family/requests');
      expect(res.status).toBe(200);
      return (res.body.items as { lines: { bookingId: number; status: string; offerExpiresAt: string | null }[] }[]).flatMap((r) => r.lines);
    };

    const before = await lines();
    expect(before.filter((l) => l.bookingId === q.leo)).toEqual([expect.objectContaining({ status: 'waitlisted', offerExpiresAt: until })]);
    const others = before.filter((l) => l.bookingId !== q.leo);
    expect(others.length).toBeGreaterThan(0);
    for (const l of others) expect(l.offerExpiresAt).toBeNull();

    // One millisecond before the deadline the offer still runs; at the deadline it has lapsed
    // (the auto-refusal job has not passed: the line is still waitlisted, but nothing to answer).
    d.h.clock.advance(Date.parse(until ?? '') - d.h.clock.now().getTime() - 1);
    c = await lefevreClient(d.h);
    expect((await lines()).find((l) => l.bookingId === q.leo)?.offerExpiresAt).toBe(until);
    d.h.clock.advance(1);
    c = await lefevreClient(d.h);
    expect((await lines()).find((l) => l.bookingId === q.leo)).toMatchObject({ status: 'waitlisted', offerExpiresAt: null });
  });
});
