import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../shared/demo/seed';
import { book, cancel, demoHarness, lefevreClient, snapshot, type Demo } from '../support/bookings';
import { staffClient, type Client } from '../support/client';

/*
 * Staff booking and cancelling on a family's behalf, and exceptional absences (issue 6, items 5),
 * on the demo commune with the clock fixed on Thursday 26 November 2026 at 09:00 (Paris): Tuesday
 * 1 December is past the 7-day deadline; the Christmas holidays (ALSH vacances, final bookings)
 * start on Monday 21 December.
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

const base = () => `/api/staff/bookings/families/${d.lefevre}`;
const REASON = 'Hospitalisation imprévue de la mère, appel du père ce matin.';
const staffPreview = (lines: unknown[], extra: Record<string, unknown> = { reason: REASON }) =>
  agent.post(`${base()}/requests/preview`, { lines, ...extra });
const staffSubmit = (lines: unknown[], extra: Record<string, unknown> = { reason: REASON }) => agent.post(`${base()}/requests`, { lines, ...extra });
const bookingRow = (id: number) => d.h.store.db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventsOf = (id: number) => d.h.store.db.selectFrom('booking_events').selectAll().where('booking_id', '=', id).orderBy('id').execute();
const absence = (bookingId: number, body: unknown, familyId = d.lefevre) =>
  agent.put(`/api/staff/bookings/families/${familyId}/bookings/${bookingId}/exceptional-absence`, body);

/** An accepted holiday booking made by staff for Léo (Monday 21 December, ALSH vacances). */
async function holidayBooking(date = '2026-12-21'): Promise<number> {
  const res = await staffSubmit([book(d.leo, date, d.unit('alsh_vacances/journee'))]);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.lines[0].outcome).toBe('accepted');
  return res.body.lines[0].bookingId as number;
}

describe('roles and families', () => {
  it('an animateur gets 403 everywhere, an anonymous caller 401', async () => {
    const anim = await staffLogin('animateur@mairie.demo');
    const before = await snapshot(d.h);
    for (const url of [base(), `${base()}/catalog`, `/api/staff/bookings/export?serviceId=1&from=2026-11-27&to=2026-11-27`]) {
      expect((await anim.get(url)).status, url).toBe(403);
    }
    expect((await anim.post(`${base()}/requests`, { lines: [book(d.leo, '2026-12-01', d.unit('restauration/repas'))], reason: REASON })).status).toBe(403);
    expect((await anim.put(`${base()}/bookings/1/exceptional-absence`, { exceptional: true, reason: 'x' })).status).toBe(403);
    const anonymous = staffClient(d.h.backoffice);
    expect((await anonymous.get(base())).status).toBe(401);
    expect(await snapshot(d.h)).toEqual(before);
  });

  it('an unknown family is a 404, nothing written', async () => {
    const before = await snapshot(d.h);
    expect((await agent.get('/api/staff/bookings/families/999999')).status).toBe(404);
    const res = await agent.post('/api/staff/bookings/families/999999/requests', { lines: [book(d.leo, '2026-12-01', d.unit('restauration/repas'))], reason: REASON });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Cette famille est introuvable.');
    expect(await snapshot(d.h)).toEqual(before);
  });

  it('lists the family’s bookings of a month, by child and service, with the guide’s states', async () => {
    const res = await agent.get(`${base()}?month=2026-12&childId=${d.jade}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ today: '2026-11-26', month: '2026-12', from: '2026-12-01', to: '2026-12-31' });
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((b: { childId: number }) => b.childId === d.jade)).toBe(true);
    expect(res.body.items[0]).toMatchObject({ serviceName: 'ALSH du mercredi', status: 'pending', statusLabel: 'EN ATTENTE DE TRAITEMENT', cancellable: true, exceptionalAllowed: false });
    const bad = await agent.get(`${base()}?month=2026-13`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Mois : format AAAA-MM attendu.');
  });
});

describe('staff book on the family’s behalf', () => {
  it('past the deadline a cantine day is accepted without surcharge (the parent would pay the repas majoré)', async () => {
    const line = book(d.leo, '2026-12-01', d.unit('restauration/repas'));
    const parent = await lefevreClient(d.h);
    const parentRecap = await parent.post('/api/family/requests/preview', { lines: [line] });
    expect(parentRecap.body.lines[0]).toMatchObject({ outcome: 'accepted', late: true, surchargeCents: 100 });

    const recap = await staffPreview([line]);
    expect(recap.status, JSON.stringify(recap.body)).toBe(200);
    expect(recap.body.lines[0]).toMatchObject({ outcome: 'accepted', surchargeCents: 0, reason: null, priceCents: expect.any(Number) });

    const outboxBefore = (await snapshot(d.h)).outbox;
    const res = await staffSubmit([line]);
    expect(res.status).toBe(201);
    const id = res.body.lines[0].bookingId as number;
    const row = await bookingRow(id);
    expect(row).toMatchObject({ status: 'accepted', surcharge_cents: 0, family_id: d.lefevre, booked_by_staff_id: expect.any(Number) });
    const request = await d.h.store.db.selectFrom('requests').selectAll().where('id', '=', res.body.requestId).executeTakeFirstOrThrow();
    expect(request).toMatchObject({ staff_reason: REASON, created_by_account_id: null, created_by_staff_id: row.booked_by_staff_id });
    // The creation is the booking row itself (decision 0016); the history tells who and why.
    expect(await eventsOf(id)).toEqual([]);
    const history = await agent.get(`${base()}/bookings/${id}/history`);
    expect(history.body.items).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'accepted', actorType: 'staff', actorLabel: expect.stringMatching(/\(service\)$/), reason: REASON })]);
    // The family is told, as for its own requests.
    const after = await snapshot(d.h);
    expect(after.outbox).toBe(outboxBefore + 1);
    const mail = await d.h.store.db.selectFrom('email_outbox').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(mail.to_address).toBe('famille@demo.fr');
    expect(mail.text_body).toContain('ACCEPTÉE');

    // The list shows it, booked by the service.
    const list = await agent.get(`${base()}?month=2026-12&childId=${d.leo}&serviceId=${d.service('restauration')}`);
    expect(list.body.items).toEqual([expect.objectContaining({ id, statusLabel: 'ACCEPTÉE', bookedByStaff: true, date: '2026-12-01' })]);
  });

  it('an ALSH Wednesday (manual approval) is accepted at once while places remain', async () => {
    const res = await staffSubmit([book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee'))]);
    expect(res.status).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ outcome: 'accepted' });
  });

  it('never exceeds the places: the last place goes to the first line, the next is refused with the reason', async () => {
    await d.h.store.db.updateTable('services').set({ max_places: 1 }).where('id', '=', d.service('restauration')).execute();
    const res = await staffSubmit([book(d.leo, '2026-12-01', d.unit('restauration/repas')), book(d.jade, '2026-12-01', d.unit('restauration/repas'))]);
    expect(res.status).toBe(201);
    expect(res.body.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['accepted', 'refused']);
    expect(res.body.lines[1].reason).toBe('Plus de place disponible ce jour-là.');
    const held = await d.h.store.db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('date', '=', '2026-12-01')
      .where('unit_id', '=', d.unit('restauration/repas'))
      .where('status', '=', 'accepted')
      .executeTakeFirstOrThrow();
    expect(Number(held.n)).toBe(1);
  });

  it('the reason is required (and bounded); nothing is written without it', async () => {
    const before = await snapshot(d.h);
    const line = book(d.leo, '2026-12-01', d.unit('restauration/repas'));
    for (const extra of [{}, { reason: '   ' }]) {
      const res = await staffSubmit([line], extra);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('Indiquez le motif de la demande faite pour la famille.');
    }
    const long = await staffSubmit([line], { reason: 'x'.repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.message).toBe('Le motif ne peut pas dépasser 500 caractères.');
    expect((await staffPreview([line], {})).status).toBe(400);
    expect(await snapshot(d.h)).toEqual(before);
  });

  it('a child of another family is refused, and another family’s booking is a 404; nothing written', async () => {
    const before = await snapshot(d.h);
    const foreignChild = await agent.post(`/api/staff/bookings/families/${d.moreau}/requests`, {
      lines: [book(d.jade, '2026-12-01', d.unit('restauration/repas'))],
      reason: REASON,
    });
    expect(foreignChild.status).toBe(400);
    expect(foreignChild.body.message).toMatch(/^Ligne 1 : Cet enfant n'est pas rattaché/);
    const moreauBooking = await d.h.store.db.selectFrom('bookings').select('id').where('family_id', '=', d.moreau).where('status', '=', 'accepted').executeTakeFirstOrThrow();
    const foreignBooking = await staffSubmit([cancel(moreauBooking.id)]);
    expect(foreignBooking.status).toBe(404);
    expect(await snapshot(d.h)).toEqual(before);
  });
});

describe('staff cancel on the family’s behalf', () => {
  it('a final holiday booking is cancelled (not refused), free by default, the reason in the history', async () => {
    const id = await holidayBooking();
    const res = await staffSubmit([cancel(id)], { reason: 'Départ anticipé de la famille, accord du service.' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ action: 'cancel', outcome: 'cancelled', stillBilled: false });
    expect(await bookingRow(id)).toMatchObject({ status: 'cancelled', billed_if_cancelled: 0 });
    const events = await eventsOf(id);
    expect(events.at(-1)).toMatchObject({ from_status: 'accepted', to_status: 'cancelled', actor_type: 'staff', reason: 'Départ anticipé de la famille, accord du service.' });
    const history = await agent.get(`${base()}/bookings/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { toStatusLabel: string }) => e.toStatusLabel)).toEqual(['ACCEPTÉE', 'ANNULÉE']);
    expect(history.body.items[1].actorLabel).toMatch(/\(service\)$/);
  });

  it('staff may keep the cancelled day billed', async () => {
    const id = await holidayBooking();
    const res = await staffSubmit([cancel(id)], { reason: 'Annulation demandée par téléphone.', billed: true });
    expect(res.status).toBe(201);
    expect(await bookingRow(id)).toMatchObject({ status: 'cancelled', billed_if_cancelled: 1 });
    // A hospital stay learnt afterwards: the cancelled day that stays billed can be waived.
    const waived = await absence(id, { exceptional: true, reason: 'Hospitalisation, certificat reçu.' });
    expect(waived.status, JSON.stringify(waived.body)).toBe(200);
    expect(await bookingRow(id)).toMatchObject({ status: 'cancelled', billed_if_cancelled: 1, exceptional_absence: 1 });
  });

  it('a cancelled day that is not billed needs no exceptional absence', async () => {
    const id = await holidayBooking();
    await staffSubmit([cancel(id)], { reason: 'Annulation demandée par téléphone.' });
    const res = await absence(id, { exceptional: true, reason: 'Malade.' });
    expect(res.status).toBe(400);
  });
});

describe('exceptional absence on a holiday booking', () => {
  it('marks then unmarks it, each time with the reason in the history and the audit; twice is refused', async () => {
    const id = await holidayBooking();
    const marked = await absence(id, { exceptional: true, reason: 'Hospitalisation (certificat fourni).' });
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    expect(marked.body).toMatchObject({ id, exceptionalAbsence: true, status: 'accepted' });
    expect(await bookingRow(id)).toMatchObject({ status: 'accepted', exceptional_absence: 1, version: 2 });
    expect((await eventsOf(id)).at(-1)).toMatchObject({ actor_type: 'staff', reason: 'Absence exceptionnelle : Hospitalisation (certificat fourni).' });
    const audit = await d.h.store.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'booking').where('entity_id', '=', id).execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'booking.exceptional_absence', family_id: d.lefevre })]);

    const before = await snapshot(d.h);
    const again = await absence(id, { exceptional: true, reason: 'Encore.' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Cette absence exceptionnelle est déjà enregistrée.');
    expect(await snapshot(d.h)).toEqual(before);

    const unmarked = await absence(id, { exceptional: false, reason: 'Saisie par erreur.' });
    expect(unmarked.status).toBe(200);
    expect(await bookingRow(id)).toMatchObject({ exceptional_absence: 0 });
    expect((await eventsOf(id)).at(-1)?.reason).toBe('Absence exceptionnelle retirée : Saisie par erreur.');
  });

  it('is allowed once the day is past', async () => {
    const id = await holidayBooking('2026-12-22');
    d.h.clock.advance(30 * 24 * 3600 * 1000);
    agent = await staffLogin('agent@mairie.demo'); // the session did not last a month
    const res = await absence(id, { exceptional: true, reason: 'Varicelle, certificat médical.' });
    expect(res.status).toBe(200);
    expect(res.body.cancellable).toBe(false);
  });

  it('is refused, nothing changed, for a non-holiday booking, a booking not accepted, without reason, or another family’s', async () => {
    const cantine = await d.h.store.db
      .selectFrom('bookings')
      .select('id')
      .where('family_id', '=', d.lefevre)
      .where('service_id', '=', d.service('restauration'))
      .where('status', '=', 'accepted')
      .executeTakeFirstOrThrow();
    const parent = await lefevreClient(d.h);
    const pendingRes = await parent.post('/api/family/requests', { lines: [book(d.jade, '2026-12-21', d.unit('alsh_vacances/journee'))] });
    expect(pendingRes.body.lines[0].outcome).toBe('pending');
    const pending = pendingRes.body.lines[0].bookingId as number;
    const accepted = await holidayBooking();

    const before = await snapshot(d.h);
    const notFinal = await absence(cantine.id, { exceptional: true, reason: 'Malade.' });
    expect(notFinal.status).toBe(400);
    expect(notFinal.body.message).toMatch(/^L'absence exceptionnelle ne concerne que les réservations définitives des vacances/);
    const notAccepted = await absence(pending, { exceptional: true, reason: 'Malade.' });
    expect(notAccepted.status).toBe(400);
    expect(notAccepted.body.message).toBe("L'absence exceptionnelle ne peut être enregistrée que sur une réservation ACCEPTÉE, ou annulée mais restée facturée.");
    const noReason = await absence(accepted, { exceptional: true, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toBe('Indiquez le motif de l’absence exceptionnelle.');
    const extra = await absence(accepted, { exceptional: true, reason: 'Malade.', billed: false });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toBe('Champ non reconnu : « billed ».');
    const foreign = await absence(accepted, { exceptional: true, reason: 'Malade.' }, d.moreau);
    expect(foreign.status).toBe(404);
    expect(await snapshot(d.h)).toEqual(before);
  });
});
