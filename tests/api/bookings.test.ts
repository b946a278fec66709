import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { previewRequest, STAFF_REASON_REQUIRED_MESSAGE, submitRequest, type RequestContext } from '../../shared/bookings/requests';
import { bookingHistory } from '../../shared/bookings/staff';
import { DEMO_PARENT_EMAIL } from '../../shared/demo/seed';
import { book, cancel, demoHarness, lefevreClient, moreauClient, snapshot, type Demo } from '../support/bookings';
import { addStaff } from '../support/harness';

/*
 * Reservations through the API, on the demo commune, with the clock fixed on Thursday
 * 26 November 2026 at 09:00 (Paris). Deadline 7 days: Thursday 3 December is the last day booked
 * in time today; Tuesday 1 December is late.
 */

let d: Demo;
let c: Client;
beforeEach(async () => {
  d = await demoHarness();
  c = await lefevreClient(d.h);
});
afterEach(() => d.h.close());

const submit = (client: Client, lines: unknown[]) => client.post('/api/family/requests', { lines });
const preview = (client: Client, lines: unknown[]) => client.post('/api/family/requests/preview', { lines });

const lastEmail = async () => {
  await d.h.deps.confirmations.composeNow();
  return d.h.store.db.selectFrom('email_outbox').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
};

const bookingRow = (id: number) => d.h.store.db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('catalogue', () => {
  it('lists the children (garde alternée flagged) and the services with the periods not over, units, incompatibilities and rules', async () => {
    const res = await c.get('/api/family/booking/catalog');
    expect(res.status).toBe(200);
    expect(res.body.children).toEqual([
      { id: d.leo, firstName: 'Léo', lastName: 'Lefèvre', birthDate: '2018-04-12', sharedCustody: true },
      { id: d.jade, firstName: 'Jade', lastName: 'Lefèvre', birthDate: '2022-06-03', sharedCustody: false },
    ]);
    const codes = res.body.services.map((s: { code: string }) => s.code);
    expect(codes).toEqual(['restauration', 'periscolaire', 'alsh_mercredi', 'alsh_vacances', 'mini_camps']);
    const cantine = res.body.services[0];
    expect(cantine).toMatchObject({ name: 'Restauration scolaire', approvalMode: 'automatic', deadlineDays: 7 });
    expect(cantine.rulesText).toMatch(/au plus tard 7 jours avant la date.*repas majoré/);
    const vacances = res.body.services.find((s: { code: string }) => s.code === 'alsh_vacances');
    const periodNames = vacances.periods.map((p: { name: string }) => p.name);
    expect(periodNames).not.toContain('Vacances de la Toussaint 2026');
    expect(vacances.periods.find((p: { name: string }) => p.name === 'Vacances de Noël 2026').bookingsOpen).toBe(true);
    expect(vacances.periods.find((p: { name: string }) => p.name === "Vacances d'hiver 2027")).toMatchObject({ bookingsOpen: false, bookingsOpenAt: '2027-01-25T07:00:00.000Z' });
    const mercredi = res.body.services.find((s: { code: string }) => s.code === 'alsh_mercredi');
    const journee = mercredi.units.find((u: { code: string }) => u.code === 'journee');
    expect(journee.incompatibleWith.sort()).toEqual([d.unit('alsh_mercredi/matin'), d.unit('alsh_mercredi/apres_midi')].sort());
    expect(JSON.stringify(res.body)).not.toContain('late_booking_policy');
  });
});

describe('planning of a child', () => {
  it('gives every day of the period: open or why not, late, places left for the child’s group, price at the family’s QF, bookings', async () => {
    const res = await c.get(`/api/family/booking/planning?childId=${d.leo}&periodId=${d.period('Mercredis 2026-2027')}`);
    expect(res.status).toBe(200);
    expect(res.body.service).toMatchObject({ name: 'ALSH du mercredi', approvalMode: 'manual', deadlineDays: 7 });
    expect(res.body.groupName).toBe('6-11 ans');
    const day = (date: string) => res.body.days.find((x: { date: string }) => x.date === date);
    expect(day('2026-11-11')).toMatchObject({ open: false, closedReason: 'Jour férié : Armistice 1918', units: [] });
    expect(day('2026-12-23')).toMatchObject({ open: false, closedReason: 'Vacances scolaires' });
    expect(day('2026-12-05')).toMatchObject({ open: false, closedReason: "Pas d'accueil ce jour-là." });
    expect(day('2026-12-02')).toMatchObject({ open: true, late: true });
    const dec9 = day('2026-12-09');
    expect(dec9).toMatchObject({ open: true, late: false });
    // Two animators planned for the 6-11 ans: a long day 2 × 12 children, a half day 2 × 14 (R227-16).
    const unit = (id: number) => dec9.units.find((u: { unitId: number }) => u.unitId === id);
    expect(unit(d.unit('alsh_mercredi/journee'))).toEqual({ unitId: d.unit('alsh_mercredi/journee'), placesLeft: 24, price: { priceCents: 900, surchargeCents: 0 } });
    expect(unit(d.unit('alsh_mercredi/apres_midi')).placesLeft).toBe(28);
    // Without a staff plan, the group's 48 places.
    expect(day('2027-01-13').units.find((u: { unitId: number }) => u.unitId === d.unit('alsh_mercredi/journee')).placesLeft).toBe(48);
    expect(dec9.bookings).toEqual([expect.objectContaining({ unitId: d.unit('alsh_mercredi/journee'), status: 'pending', otherFamily: false })]);
    expect(day('2026-12-16').bookings).toEqual([expect.objectContaining({ unitId: d.unit('alsh_mercredi/journee'), status: 'pending', otherFamily: true })]);
  });

  it('shows the day closed by staff with their note, and the day’s activities with their places', async () => {
    const res = await c.get(`/api/family/booking/planning?childId=${d.jade}&periodId=${d.period('Vacances de Noël 2026')}`);
    expect(res.status).toBe(200);
    const day = (date: string) => res.body.days.find((x: { date: string }) => x.date === date);
    expect(day('2026-12-24')).toMatchObject({ open: false, closedReason: 'Accueil de loisirs fermé la veille de Noël.' });
    expect(day('2026-12-25')).toMatchObject({ open: false, closedReason: 'Jour férié : Noël' });
    expect(day('2026-12-23').activities).toEqual([{ unitId: d.unit('alsh_vacances/cinema'), name: 'Séance de cinéma', placesLeft: 48 }]);
    expect(day('2026-12-22').activities).toEqual([]);
  });

  it('another family’s child or an unknown period is a 404', async () => {
    const other = await d.h.store.db.selectFrom('children').select('id').where('last_name', '!=', 'Lefèvre').executeTakeFirstOrThrow();
    expect((await c.get(`/api/family/booking/planning?childId=${other.id}&periodId=${d.period('Mercredis 2026-2027')}`)).status).toBe(404);
    expect((await c.get(`/api/family/booking/planning?childId=${d.leo}&periodId=9999`)).status).toBe(404);
    const bad = await c.get(`/api/family/booking/planning?childId=abc&periodId=1`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Enfant : identifiant attendu.');
  });
});

describe('family planning', () => {
  it('lists every day with the bookings of all children, the other family’s marked', async () => {
    const res = await c.get('/api/family/planning?from=2026-12-01&to=2026-12-31');
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(31);
    const dec9 = res.body.days.find((x: { date: string }) => x.date === '2026-12-09');
    expect(dec9.bookings.map((b: { childName: string; unitName: string; otherFamily: boolean }) => [b.childName, b.unitName, b.otherFamily])).toEqual([
      ['Jade Lefèvre', 'Matin', false],
      ['Jade Lefèvre', 'Repas', false],
      ['Léo Lefèvre', 'Journée (repas compris)', false],
    ]);
    const dec16 = res.body.days.find((x: { date: string }) => x.date === '2026-12-16');
    expect(dec16.bookings.find((b: { childName: string }) => b.childName === 'Léo Lefèvre')).toMatchObject({ status: 'pending', otherFamily: true, serviceName: 'ALSH du mercredi' });
  });

  it('shows at most 62 days', async () => {
    expect((await c.get('/api/family/planning?from=2026-12-01&to=2027-01-31')).status).toBe(200);
    const res = await c.get('/api/family/planning?from=2026-12-01&to=2027-02-01');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Le planning affiche au plus 62 jours à la fois.');
  });
});

describe('booking rules through the API (now: Thursday 26/11/2026 09:00)', () => {
  it('a Wednesday in time at the ALSH (manual approval) → EN ATTENTE DE TRAITEMENT, priced at the family’s QF', async () => {
    const res = await submit(c, [book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee'))]);
    expect(res.status).toBe(201);
    expect(res.body.lines).toEqual([
      {
        action: 'book',
        bookingId: expect.any(Number),
        childId: d.leo,
        childName: 'Léo Lefèvre',
        date: '2027-01-13',
        unitId: d.unit('alsh_mercredi/journee'),
        unitName: 'Journée (repas compris)',
        serviceId: d.service('alsh_mercredi'),
        serviceName: 'ALSH du mercredi',
        outcome: 'pending',
        reason: null,
        late: false,
        priceCents: 900,
        surchargeCents: 0,
        stillBilled: false,
      },
    ]);
    const row = await bookingRow(res.body.lines[0].bookingId);
    expect(row).toMatchObject({ status: 'pending', family_id: d.lefevre, request_id: res.body.requestId, late: 0, surcharge_cents: 0 });
    // Its creation is the booking row itself (decision 0016): the history shows it, no event row.
    expect(row).toMatchObject({ created_status: 'pending', created_reason: null });
    expect(await d.h.store.db.selectFrom('booking_events').selectAll().where('booking_id', '=', row.id).execute()).toEqual([]);
    expect(await bookingHistory(d.h.store.db, d.lefevre, row.id)).toEqual([
      { at: '2026-11-26T08:00:00.000Z', fromStatus: null, toStatus: 'pending', toStatusLabel: 'EN ATTENTE DE TRAITEMENT', actorType: 'parent', actorLabel: 'Famille', reason: null },
    ]);
  });

  it('cantine late (Tuesday 1 December) → ACCEPTÉE with the 1 € repas majoré', async () => {
    const res = await submit(c, [book(d.jade, '2026-12-01', d.unit('restauration/repas'))]);
    expect(res.status).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ outcome: 'accepted', late: true, surchargeCents: 100, priceCents: 250 });
    expect(res.body.lines[0].reason).toMatch(/^Repas majoré de 1,00\s€ : réservation hors délai\.$/);
    expect(await bookingRow(res.body.lines[0].bookingId)).toMatchObject({ status: 'accepted', late: 1, surcharge_cents: 100 });
  });

  it('cantine exactly 7 days ahead (Thursday 3 December) and 11 days ahead (Monday 7 December) → accepted, no surcharge', async () => {
    const res = await submit(c, [book(d.jade, '2026-12-03', d.unit('restauration/repas')), book(d.jade, '2026-12-07', d.unit('restauration/repas'))]);
    expect(res.status).toBe(201);
    for (const line of res.body.lines) expect(line).toMatchObject({ outcome: 'accepted', late: false, surchargeCents: 0, reason: null });
  });

  it('the deadline moves with the clock: one minute after midnight, 3 December is late', async () => {
    d.h.clock.set('2026-11-27T00:01:00+01:00');
    c = await lefevreClient(d.h); // sessions expire while the clock runs
    const res = await preview(c, [book(d.jade, '2026-12-03', d.unit('restauration/repas'))]);
    expect(res.body.lines[0]).toMatchObject({ outcome: 'accepted', late: true, surchargeCents: 100 });
  });

  it('a late Wednesday at the ALSH → REFUSÉE with the deadline; a past day → REFUSÉE « Cette date est passée. »', async () => {
    const res = await submit(c, [book(d.leo, '2026-12-02', d.unit('alsh_mercredi/journee')), book(d.jade, '2026-11-19', d.unit('restauration/repas'))]);
    expect(res.status).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ outcome: 'refused', reason: 'Réservation hors délai : au plus tard 7 jours avant.' });
    expect(res.body.lines[1]).toMatchObject({ outcome: 'refused', reason: 'Cette date est passée.' });
    // Refused lines stay as history and hold nothing: the same day can be asked again.
    expect(await bookingRow(res.body.lines[0].bookingId)).toMatchObject({ status: 'refused', status_reason: 'Réservation hors délai : au plus tard 7 jours avant.' });
    expect((await submit(c, [book(d.jade, '2026-11-19', d.unit('restauration/repas'))])).status).toBe(201);
  });

  it('period boundaries: the last day of the school year is bookable, the next Monday is outside the period', async () => {
    const ok = await preview(c, [book(d.jade, '2027-07-02', d.unit('restauration/repas'))]);
    expect(ok.status).toBe(200);
    expect(ok.body.lines[0].outcome).toBe('accepted');
    const out = await preview(c, [book(d.jade, '2027-07-05', d.unit('restauration/repas'))]);
    expect(out.status).toBe(400);
    expect(out.body.message).toBe('Ligne 1 : Le 05/07/2027 est en dehors des périodes de réservation du service « Restauration scolaire ».');
  });

  it('a period whose bookings are not open yet is refused with the opening date', async () => {
    const res = await preview(c, [book(d.leo, '2027-02-22', d.unit('alsh_vacances/journee'))]);
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: 'lines.0', message: "Les réservations de la période « Vacances d'hiver 2027 » ouvriront le 25/01/2027 à 08 h 00." }]);
    d.h.clock.set('2027-01-25T08:00:00+01:00');
    c = await lefevreClient(d.h);
    expect((await preview(c, [book(d.leo, '2027-02-22', d.unit('alsh_vacances/journee'))])).status).toBe(200);
  });

  it('the recap writes nothing and totals what will be billed', async () => {
    const before = await snapshot(d.h);
    const res = await preview(c, [
      book(d.jade, '2026-12-01', d.unit('restauration/repas')),
      book(d.jade, '2026-12-03', d.unit('restauration/repas')),
      book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee')),
      book(d.leo, '2026-12-02', d.unit('alsh_mercredi/journee')),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.lines.map((l: { outcome: string; bookingId: number | null }) => [l.outcome, l.bookingId])).toEqual([
      ['accepted', null],
      ['accepted', null],
      ['pending', null],
      ['refused', null],
    ]);
    // 2,50 € + 1 € majoré, 2,50 €, 9 € (pending, billed once accepted); the refused line costs nothing.
    expect(res.body.totalCents).toBe(250 + 100 + 250 + 900);
    expect(await snapshot(d.h)).toEqual(before);
  });
});

describe('cancellations', () => {
  const acceptedAt = async (lines: unknown[]) => {
    const res = await submit(c, lines);
    expect(res.status).toBe(201);
    return res.body.lines.map((l: { bookingId: number }) => l.bookingId) as number[];
  };

  it('cantine in time → ANNULÉE, not billed; late → ANNULÉE but still billed', async () => {
    const [inTime] = await acceptedAt([book(d.jade, '2026-12-07', d.unit('restauration/repas'))]);
    const seededLate = await d.h.store.db
      .selectFrom('bookings')
      .select('id')
      .where('child_id', '=', d.jade)
      .where('date', '=', '2026-11-30')
      .where('status', '=', 'accepted')
      .executeTakeFirstOrThrow();
    const res = await submit(c, [cancel(inTime ?? 0), cancel(seededLate.id)]);
    expect(res.status).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ action: 'cancel', bookingId: inTime, outcome: 'cancelled', stillBilled: false, reason: null, date: '2026-12-07' });
    expect(res.body.lines[1]).toMatchObject({
      action: 'cancel',
      bookingId: seededLate.id,
      outcome: 'cancelled',
      stillBilled: true,
      reason: 'Annulation hors délai : la réservation reste facturée.',
    });
    expect(await bookingRow(seededLate.id)).toMatchObject({ status: 'cancelled', billed_if_cancelled: 1, cancel_request_id: res.body.requestId, version: 2 });
    expect(await bookingRow(inTime ?? 0)).toMatchObject({ status: 'cancelled', billed_if_cancelled: 0 });
    const events = await d.h.store.db.selectFrom('booking_events').selectAll().where('booking_id', '=', seededLate.id).orderBy('id').execute();
    expect(events.at(-1)).toMatchObject({ from_status: 'accepted', to_status: 'cancelled', actor_type: 'parent', reason: 'Annulation hors délai : la réservation reste facturée.' });
    // A booking written before migration 0013 (the demo's) keeps its creation event row: the
    // history shows it once, then the cancellation; a new one gets its creation from the booking.
    expect(await bookingRow(seededLate.id)).toMatchObject({ created_status: null });
    expect((await bookingHistory(d.h.store.db, d.lefevre, seededLate.id)).map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'pending'],
      ['pending', 'accepted'],
      ['accepted', 'cancelled'],
    ]);
    expect((await bookingHistory(d.h.store.db, d.lefevre, inTime ?? 0)).map((e) => [e.fromStatus, e.toStatus, e.actorType])).toEqual([
      [null, 'accepted', 'parent'],
      ['accepted', 'cancelled', 'parent'],
    ]);
  });

  it('a pending ALSH line is withdrawn at once, never billed', async () => {
    const [id] = await acceptedAt([book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee'))]);
    const res = await submit(c, [cancel(id ?? 0)]);
    expect(res.body.lines[0]).toMatchObject({ outcome: 'cancelled', stillBilled: false });
  });

  it('an accepted Wednesday (manual service) → ANNULATION DEMANDÉE; late → still billed', async () => {
    const [inTime, late] = await acceptedAt([book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee')), book(d.leo, '2027-01-20', d.unit('alsh_mercredi/journee'))]);
    // Staff accept both (issue 6); then the clock reaches 14 January: the 20th is late to cancel.
    await d.h.store.db.updateTable('bookings').set({ status: 'accepted' }).where('id', 'in', [inTime ?? 0, late ?? 0]).execute();
    d.h.clock.set('2027-01-06T10:00:00+01:00');
    c = await lefevreClient(d.h);
    const first = await submit(c, [cancel(inTime ?? 0)]);
    expect(first.body.lines[0]).toMatchObject({ outcome: 'cancellation_pending', stillBilled: false, reason: null });
    d.h.clock.set('2027-01-14T10:00:00+01:00');
    c = await lefevreClient(d.h);
    const second = await submit(c, [cancel(late ?? 0)]);
    expect(second.body.lines[0]).toMatchObject({ outcome: 'cancellation_pending', stillBilled: true, reason: 'Annulation hors délai : la réservation reste facturée.' });
    expect(await bookingRow(late ?? 0)).toMatchObject({ status: 'cancellation_pending', billed_if_cancelled: 1 });
    // Asking twice is refused, nothing written.
    const again = await submit(c, [cancel(late ?? 0)]);
    expect(again.status).toBe(400);
    expect(again.body.message).toBe("Ligne 1 : L'annulation de cette réservation est déjà demandée.");
  });

  it('holidays: a booking is final — its cancellation stays billed even a month ahead', async () => {
    const [id] = await acceptedAt([book(d.jade, '2026-12-22', d.unit('alsh_vacances/journee'))]);
    await d.h.store.db.updateTable('bookings').set({ status: 'accepted' }).where('id', '=', id ?? 0).execute();
    const res = await submit(c, [cancel(id ?? 0)]);
    expect(res.body.lines[0]).toMatchObject({
      outcome: 'cancellation_pending',
      stillBilled: true,
      late: false,
      reason: 'Les réservations des vacances sont définitives : la journée reste facturée.',
    });
  });

  it('a past day cannot be cancelled', async () => {
    const past = await d.h.store.db.selectFrom('bookings').select('id').where('child_id', '=', d.jade).where('date', '=', '2026-11-20').executeTakeFirstOrThrow();
    const res = await submit(c, [cancel(past.id)]);
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: 'lines.0', message: 'Cette journée est passée : elle ne peut plus être annulée.' }]);
  });
});

describe('e-mail and history', () => {
  it('one e-mail per request lists each line’s state, the surcharge and what stays billed', async () => {
    const late = await d.h.store.db.selectFrom('bookings').select('id').where('child_id', '=', d.jade).where('date', '=', '2026-11-30').executeTakeFirstOrThrow();
    const before = await snapshot(d.h);
    const res = await submit(c, [
      book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee')),
      book(d.jade, '2026-12-01', d.unit('restauration/repas')),
      book(d.leo, '2026-12-02', d.unit('alsh_mercredi/journee')),
      cancel(late.id),
    ]);
    expect(res.status).toBe(201);
    expect((await snapshot(d.h)).outbox).toBe(before.outbox + 1);
    const mail = await lastEmail();
    expect(mail.to_address).toBe('famille@demo.fr');
    expect(mail.family_id).toBe(d.lefevre);
    expect(mail.subject).toBe(`Votre demande de réservation n° ${res.body.requestId} — Mairie de Marelle-sur-Meu`);
    const text = mail.text_body;
    expect(text).toContain('Bonjour Monsieur Lefèvre,');
    expect(text).toContain('du 26/11/2026 à 09 h 00');
    expect(text).toContain('- 13/01/2027 — Léo Lefèvre — ALSH du mercredi — Journée (repas compris) : EN ATTENTE DE TRAITEMENT');
    expect(text).toMatch(/- 01\/12\/2026 — Jade Lefèvre — Restauration scolaire — Repas : ACCEPTÉE \(Repas majoré de 1,00\s€ : réservation hors délai\.\)/);
    expect(text).toContain('- 02/12/2026 — Léo Lefèvre — ALSH du mercredi — Journée (repas compris) : REFUSÉE : Réservation hors délai : au plus tard 7 jours avant.');
    expect(text).toContain('- 30/11/2026 — Jade Lefèvre — Restauration scolaire — Repas : ANNULÉE (reste facturée : Annulation hors délai : la réservation reste facturée.)');
    expect(text).toContain('Une journée annulée reste facturée');
    expect(text).toContain('http://');
    expect(text).toContain('Le pôle enfance-jeunesse');
  });

  it('« suivre vos demandes »: newest first, each line in its current state', async () => {
    const first = await submit(c, [book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee'))]);
    const id = first.body.lines[0].bookingId as number;
    const second = await submit(c, [cancel(id), book(d.jade, '2026-12-07', d.unit('restauration/repas'))]);
    const res = await c.get('/api/family/requests');
    expect(res.status).toBe(200);
    const [newest, older] = res.body.items;
    expect(newest.id).toBe(second.body.requestId);
    expect(newest.lines).toEqual([
      expect.objectContaining({ action: 'book', date: '2026-12-07', childName: 'Jade Lefèvre', serviceName: 'Restauration scolaire', unitName: 'Repas', status: 'accepted' }),
      expect.objectContaining({ action: 'cancel', bookingId: id, date: '2027-01-13', status: 'cancelled' }),
    ]);
    expect(older.id).toBe(first.body.requestId);
    expect(older.lines).toEqual([expect.objectContaining({ action: 'book', bookingId: id, status: 'cancelled' })]);
    // The other family's requests are not listed.
    const moreau = await moreauClient(d.h);
    const theirs = await moreau.get('/api/family/requests');
    expect(theirs.body.items.map((r: { id: number }) => r.id)).not.toContain(first.body.requestId);
  });
});

describe('staff on a family’s behalf (issue 6 item 5), through the shared functions', () => {
  const REASON = 'Hospitalisation du parent : accueil en urgence.';
  let staffId: number;
  beforeEach(async () => {
    staffId = await addStaff(d.h.store, 'agent.resa@mairie.test', 'agent');
  });
  const asStaff = (billed?: boolean): RequestContext => ({
    familyId: d.lefevre,
    now: d.h.clock.now(),
    publicUrl: 'http://portail.test',
    actor: { kind: 'staff', staffId, reason: REASON, ...(billed === undefined ? {} : { billed }) },
  });
  const asParent = async (): Promise<RequestContext> => {
    const account = await d.h.store.db.selectFrom('portal_accounts').select('id').where('email', '=', DEMO_PARENT_EMAIL).executeTakeFirstOrThrow();
    return { familyId: d.lefevre, accountId: account.id, now: d.h.clock.now(), publicUrl: 'http://portail.test' };
  };
  const held = async (unitId: number, date: string) =>
    Number(
      (
        await d.h.store.db
          .selectFrom('bookings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('unit_id', '=', unitId)
          .where('date', '=', date)
          .where('status', 'in', ['accepted', 'cancellation_pending'])
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('books past the deadline without surcharge and without waiting for approval; history, request and e-mail say who and why', async () => {
    const before = await snapshot(d.h);
    const res = await submitRequest(d.h.store.db, asStaff(), [
      book(d.jade, '2026-12-01', d.unit('restauration/repas')),
      book(d.leo, '2026-12-02', d.unit('alsh_mercredi/journee')),
    ]);
    expect(res.lines[0]).toMatchObject({ outcome: 'accepted', late: true, surchargeCents: 0, reason: null, priceCents: 250 });
    // Manual approval and the refusing deadline do not apply to staff: accepted while a place remains.
    expect(res.lines[1]).toMatchObject({ outcome: 'accepted', late: true, surchargeCents: 0, reason: null });
    const request = await d.h.store.db.selectFrom('requests').selectAll().where('id', '=', res.requestId).executeTakeFirstOrThrow();
    expect(request).toMatchObject({ family_id: d.lefevre, created_by_account_id: null, created_by_staff_id: staffId, staff_reason: REASON });
    for (const line of res.lines) {
      expect(await bookingRow(line.bookingId ?? 0)).toMatchObject({ status: 'accepted', booked_by_staff_id: staffId, surcharge_cents: 0, request_id: res.requestId });
      expect(await bookingHistory(d.h.store.db, d.lefevre, line.bookingId ?? 0)).toEqual([
        expect.objectContaining({ fromStatus: null, toStatus: 'accepted', actorType: 'staff', actorLabel: 'Test agent (service)', reason: REASON }),
      ]);
    }
    const after = await snapshot(d.h);
    expect(after.outbox).toBe(before.outbox + 1);
    const mail = await lastEmail();
    expect(mail.to_address).toBe('famille@demo.fr');
    expect(mail.text_body).toContain('- 01/12/2026 — Jade Lefèvre — Restauration scolaire — Repas : ACCEPTÉE');
    expect(mail.text_body).not.toContain('majoré');
  });

  it('the same lines asked by the parent still follow the parent’s rules (majoré, refused late, pending)', async () => {
    const lines = [book(d.jade, '2026-12-01', d.unit('restauration/repas')), book(d.leo, '2026-12-02', d.unit('alsh_mercredi/journee')), book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee'))];
    const parent = await previewRequest(d.h.store.db, d.lefevre, lines, d.h.clock.now());
    expect(parent.lines.map((l) => [l.outcome, l.surchargeCents])).toEqual([['accepted', 100], ['refused', 0], ['pending', 0]]);
    const before = await snapshot(d.h);
    const staff = await previewRequest(d.h.store.db, d.lefevre, lines, d.h.clock.now(), { kind: 'staff' });
    expect(staff.lines.map((l) => [l.outcome, l.surchargeCents, l.bookingId])).toEqual([['accepted', 0, null], ['accepted', 0, null], ['accepted', 0, null]]);
    expect(await snapshot(d.h)).toEqual(before);
    const written = await submitRequest(d.h.store.db, await asParent(), lines);
    expect(written.lines.map((l) => l.outcome)).toEqual(['accepted', 'refused', 'pending']);
    const request = await d.h.store.db.selectFrom('requests').selectAll().where('id', '=', written.requestId).executeTakeFirstOrThrow();
    expect(request).toMatchObject({ created_by_staff_id: null, staff_reason: null });
  });

  it('never exceeds the places: the last place is taken, then refused or waitlisted per the service', async () => {
    const journee = d.unit('alsh_mercredi/journee');
    const date = '2027-01-13';
    const taken = await held(journee, date);
    await d.h.store.db.updateTable('services').set({ max_places: taken + 1 }).where('id', '=', d.service('alsh_mercredi')).execute();
    const first = await submitRequest(d.h.store.db, asStaff(), [book(d.leo, date, journee)]);
    expect(first.lines[0]?.outcome).toBe('accepted');
    expect(await held(journee, date)).toBe(taken + 1);
    // Her sister on the same day: the service's places (all groups) are gone.
    const full = await submitRequest(d.h.store.db, asStaff(), [book(d.jade, date, journee)]);
    expect(full.lines[0]).toMatchObject({ outcome: 'refused', reason: 'Plus de place disponible ce jour-là.' });
    await d.h.store.db.updateTable('services').set({ no_place_policy: 'waitlist' }).where('id', '=', d.service('alsh_mercredi')).execute();
    const waiting = await submitRequest(d.h.store.db, asStaff(), [book(d.jade, date, journee)]);
    expect(waiting.lines[0]?.outcome).toBe('waitlisted');
    expect(await held(journee, date)).toBe(taken + 1);
  });

  it('cancels past the deadline and on final holiday bookings at once; billed only when staff say so', async () => {
    const seededLate = await d.h.store.db
      .selectFrom('bookings')
      .select('id')
      .where('child_id', '=', d.jade)
      .where('date', '=', '2026-11-30')
      .where('status', '=', 'accepted')
      .executeTakeFirstOrThrow();
    const free = await submitRequest(d.h.store.db, asStaff(), [cancel(seededLate.id)]);
    expect(free.lines[0]).toMatchObject({ outcome: 'cancelled', stillBilled: false, reason: null, late: true });
    expect(await bookingRow(seededLate.id)).toMatchObject({ status: 'cancelled', billed_if_cancelled: 0, cancel_request_id: free.requestId });
    const events = await d.h.store.db.selectFrom('booking_events').selectAll().where('booking_id', '=', seededLate.id).orderBy('id').execute();
    expect(events.at(-1)).toMatchObject({ from_status: 'accepted', to_status: 'cancelled', actor_type: 'staff', actor_id: staffId, reason: REASON });

    // A holiday booking (final, manual approval) waiting for staff to confirm its cancellation.
    const parent = await submitRequest(d.h.store.db, await asParent(), [book(d.jade, '2026-12-22', d.unit('alsh_vacances/journee'))]);
    const holiday = parent.lines[0]?.bookingId ?? 0;
    await d.h.store.db.updateTable('bookings').set({ status: 'accepted' }).where('id', '=', holiday).execute();
    const asked = await submitRequest(d.h.store.db, await asParent(), [cancel(holiday)]);
    expect(asked.lines[0]).toMatchObject({ outcome: 'cancellation_pending', stillBilled: true });
    const confirmed = await submitRequest(d.h.store.db, asStaff(true), [cancel(holiday)]);
    expect(confirmed.lines[0]).toMatchObject({ outcome: 'cancelled', stillBilled: true, reason: 'Annulation enregistrée par le service : la journée reste facturée.' });
    expect(await bookingRow(holiday)).toMatchObject({ status: 'cancelled', billed_if_cancelled: 1 });
  });

  it('a place freed by a staff cancellation goes to the request’s own booking', async () => {
    const journee = d.unit('alsh_mercredi/journee');
    const date = '2027-01-13';
    const first = await submitRequest(d.h.store.db, asStaff(), [book(d.leo, date, journee)]);
    await d.h.store.db.updateTable('services').set({ max_places: await held(journee, date) }).where('id', '=', d.service('alsh_mercredi')).execute();
    const blocked = await previewRequest(d.h.store.db, d.lefevre, [book(d.jade, date, journee)], d.h.clock.now(), { kind: 'staff' });
    expect(blocked.lines[0]?.outcome).toBe('refused');
    const swap = await submitRequest(d.h.store.db, asStaff(), [cancel(first.lines[0]?.bookingId ?? 0), book(d.jade, date, journee)]);
    expect(swap.lines.map((l) => l.outcome)).toEqual(['cancelled', 'accepted']);
  });

  it('a past day stays refused and cannot be cancelled, even by staff', async () => {
    const res = await submitRequest(d.h.store.db, asStaff(), [book(d.jade, '2026-11-19', d.unit('restauration/repas'))]);
    expect(res.lines[0]).toMatchObject({ outcome: 'refused', reason: 'Cette date est passée.' });
    const past = await d.h.store.db.selectFrom('bookings').select('id').where('child_id', '=', d.jade).where('date', '=', '2026-11-20').executeTakeFirstOrThrow();
    await expect(submitRequest(d.h.store.db, asStaff(), [cancel(past.id)])).rejects.toMatchObject({
      code: 'validation',
      issues: [{ path: 'lines.0', message: 'Cette journée est passée : elle ne peut plus être annulée.' }],
    });
  });

  it('requires a reason (≤ 500 characters) and writes nothing without one; another family’s booking is a 404', async () => {
    const before = await snapshot(d.h);
    const line = [book(d.jade, '2026-12-07', d.unit('restauration/repas'))];
    const withReason = (reason: string): RequestContext => ({ ...asStaff(), actor: { kind: 'staff', staffId, reason } });
    await expect(submitRequest(d.h.store.db, withReason('   '), line)).rejects.toMatchObject({ code: 'validation', message: STAFF_REASON_REQUIRED_MESSAGE });
    await expect(submitRequest(d.h.store.db, withReason('x'.repeat(501)), line)).rejects.toMatchObject({
      code: 'validation',
      message: 'Le motif ne peut pas dépasser 500 caractères.',
    });
    const foreign = await d.h.store.db.selectFrom('bookings').select('id').where('family_id', '!=', d.lefevre).executeTakeFirstOrThrow();
    await expect(submitRequest(d.h.store.db, asStaff(), [cancel(foreign.id)])).rejects.toMatchObject({ code: 'not_found' });
    expect(await snapshot(d.h)).toEqual(before);
  });
});

describe('reference data kept in memory (config_version, migration 0011)', () => {
  it('a change to a unit, a tariff or a closed day is seen by the very next request', async () => {
    const repas = d.unit('restauration/repas');
    const line = [book(d.jade, '2026-12-07', repas)];
    const first = await preview(c, line);
    expect(first.body.lines[0]).toMatchObject({ outcome: 'accepted', priceCents: 250 });
    await d.h.store.db.updateTable('tariff_prices').set({ price_cents: 260 }).where('unit_id', '=', repas).where('price_cents', '=', 250).execute();
    expect((await preview(c, line)).body.lines[0].priceCents).toBe(260);
    await d.h.store.db.updateTable('opening_days').set({ closed: 1, note: 'Grève du personnel de cantine' }).where('date', '=', '2026-12-07').execute();
    const closed = await preview(c, line);
    expect(closed.status).toBe(400);
    expect(closed.body.message).toContain('Grève du personnel de cantine');
    await d.h.store.db.updateTable('units').set({ active: 0 }).where('id', '=', repas).execute();
    expect((await preview(c, [book(d.jade, '2026-12-08', repas)])).body.message).toBe("Ligne 1 : L'accueil « Repas » n'est plus proposé à la réservation.");
  });

  it('every reference table has its three triggers', async () => {
    const { CONFIG_VERSION_TABLES } = await import('../../shared/db/migrations/0011_config_version');
    const rows = d.h.store.sqlite.prepare("SELECT tbl_name, COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'config_version_%' GROUP BY tbl_name").all() as { tbl_name: string; n: number }[];
    expect(Object.fromEntries(rows.map((r) => [r.tbl_name, r.n]))).toEqual(Object.fromEntries(CONFIG_VERSION_TABLES.map((t) => [t, 3])));
  });
});
