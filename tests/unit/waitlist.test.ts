import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OFFER_LAPSED_REASON, refuseExpiredPending } from '../../shared/bookings/autoRefusal';
import { acceptLines } from '../../shared/bookings/processing';
import { decidedLineText, decisionEmailText } from '../../shared/bookings/processingEmails';
import { submitRequest } from '../../shared/bookings/requests';
import { promoteWaitlisted } from '../../shared/bookings/waitlist';
import { book, cancel, demoHarness, otherFamiliesWithSchoolChild, type Demo } from '../support/bookings';

/*
 * The waiting list (docs/decisions/0007-waiting-list.md) on the demo commune: ALSH du mercredi
 * turned to automatic approval with a waiting list, 13 January 2027 (no demo booking, no staff
 * plan) limited to one place for the 6-11 ans.
 */

const DAY = '2027-01-13';
const URL = 'http://portail.test';
let d: Demo;
beforeEach(async () => {
  d = await demoHarness();
});
afterEach(() => d.h.close());

const db = () => d.h.store.db;
const status = async (id: number) => (await db().selectFrom('bookings').select(['status', 'offer_expires_at', 'version']).where('id', '=', id).executeTakeFirstOrThrow());
const promote = (dates: string[] = [DAY]) =>
  db().transaction().execute((trx) => promoteWaitlisted(trx, { serviceId: d.service('alsh_mercredi'), dates }, d.h.clock.now(), URL));

async function accountOf(familyId: number): Promise<number> {
  return (await db().selectFrom('portal_accounts').select('id').where('family_id', '=', familyId).orderBy('id').executeTakeFirstOrThrow()).id;
}

async function setPlaces(n: number) {
  const g = await db().selectFrom('groups').select('id').where('service_id', '=', d.service('alsh_mercredi')).orderBy('min_age', 'desc').executeTakeFirstOrThrow();
  await db().updateTable('groups').set({ max_places: n }).where('id', '=', g.id).execute();
}

/** Four families book the day one minute apart: the first gets the place, three wait. */
async function queue(promotion: 'automatic' | 'offer') {
  await db().updateTable('services').set({ approval_mode: 'automatic', no_place_policy: 'waitlist', waitlist_promotion: promotion }).where('id', '=', d.service('alsh_mercredi')).execute();
  await setPlaces(1);
  const families = (await otherFamiliesWithSchoolChild(d)).slice(0, 4);
  const ids: number[] = [];
  for (const f of families) {
    const r = await submitRequest(db(), { familyId: f.family_id, accountId: f.account_id, now: d.h.clock.now(), publicUrl: URL }, [book(f.child_id, DAY, d.unit('alsh_mercredi/journee'))]);
    ids.push(r.lines[0]!.bookingId!);
    d.h.clock.advance(60_000);
  }
  expect(await Promise.all(ids.map(async (id) => (await status(id)).status))).toEqual(['accepted', 'waitlisted', 'waitlisted', 'waitlisted']);
  return { ids, families: families.map((f) => f.family_id) };
}

describe('promoteWaitlisted — automatic', () => {
  it('gives freed places to the waiting lines in arrival order, e-mails only the promoted families, and does nothing without a place', async () => {
    const { ids, families } = await queue('automatic');
    const outbox = async () => (await db().selectFrom('email_outbox').select(['family_id', 'subject']).orderBy('id').execute()).length;
    const before = await outbox();
    expect(await promote()).toEqual({ promoted: 0, offered: 0, emails: 0 });
    expect(await outbox()).toBe(before);

    await setPlaces(2);
    expect(await promote()).toEqual({ promoted: 1, offered: 0, emails: 1 });
    expect((await status(ids[1]!)).status).toBe('accepted');
    expect((await status(ids[2]!)).status).toBe('waitlisted');
    const mail = await db().selectFrom('email_outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(mail.family_id).toBe(families[1]);

    await setPlaces(4);
    expect(await promote()).toMatchObject({ promoted: 2 });
    expect((await status(ids[2]!)).status).toBe('accepted');
    expect((await status(ids[3]!)).status).toBe('accepted');
  });

  it("gives the place a parent's cancellation frees to the first waiting line", async () => {
    const { ids, families } = await queue('automatic');
    await submitRequest(db(), { familyId: families[0]!, accountId: await accountOf(families[0]!), now: d.h.clock.now(), publicUrl: URL }, [cancel(ids[0]!)]);
    expect((await status(ids[0]!)).status).toBe('cancelled');
    expect((await status(ids[1]!)).status).toBe('accepted');
    expect((await status(ids[2]!)).status).toBe('waitlisted');
  });

  it('leaves past days alone', async () => {
    const { ids } = await queue('automatic');
    await setPlaces(3);
    d.h.clock.set('2027-01-14T09:00:00+01:00');
    expect(await promote()).toEqual({ promoted: 0, offered: 0, emails: 0 });
    expect((await status(ids[1]!)).status).toBe('waitlisted');
  });
});

describe('promoteWaitlisted — offer', () => {
  it('offers the place to the first waiting line for 48 h, holds it, lets staff accept it; a lapsed offer goes to the next line', async () => {
    const { ids, families } = await queue('offer');
    await setPlaces(2);
    const offeredAt = d.h.clock.now().getTime();
    expect(await promote()).toEqual({ promoted: 0, offered: 1, emails: 1 });
    const offered = await status(ids[1]!);
    expect(offered.status).toBe('waitlisted');
    expect(offered.offer_expires_at).toBe(new Date(offeredAt + 48 * 3_600_000).toISOString());
    const mail = await db().selectFrom('email_outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(mail.family_id).toBe(families[1]);
    expect(mail.text_body).toMatch(/13\/01\/2027 — .* — ALSH du mercredi — Journée \(repas compris\) : PLACE PROPOSÉE jusqu'au \d\d\/\d\d\/2026 à \d\d h \d\d \(contact du service : 02 61 91 00 16 — alsh@mairie\.demo\)/);
    expect(mail.text_body).toContain('Pour accepter la place proposée, ouvrez « Mon planning » dans votre espace famille et choisissez « Accepter la place » (ou contactez le service) avant le');

    // The offer holds the place: no second offer, and staff cannot give it to the third line.
    expect(await promote()).toEqual({ promoted: 0, offered: 0, emails: 0 });
    const now = d.h.clock.now();
    const third = await status(ids[2]!);
    await expect(acceptLines(db(), [{ bookingId: ids[2]!, version: third.version }], { actor: { type: 'staff', id: 1 }, now, publicUrl: URL })).rejects.toThrow(/plus de place disponible/);

    // 47 h later the offer still runs; at 48 h it lapses: refused, and the next line is offered.
    d.h.clock.advance(47 * 3_600_000);
    expect((await refuseExpiredPending(db(), d.h.clock.now(), URL)).lapsedOffers).toBe(0);
    d.h.clock.advance(3_600_000);
    const run = await refuseExpiredPending(db(), d.h.clock.now(), URL);
    expect(run).toMatchObject({ lapsedOffers: 1, offered: 1 });
    expect(await db().selectFrom('bookings').select(['status', 'status_reason']).where('id', '=', ids[1]!).executeTakeFirstOrThrow()).toEqual({ status: 'refused', status_reason: OFFER_LAPSED_REASON });
    const next = await status(ids[2]!);
    expect(next.offer_expires_at).not.toBeNull();

    // The family confirmed by phone: staff accept the offered line.
    const accepted = await acceptLines(db(), [{ bookingId: ids[2]!, version: next.version }], { actor: { type: 'staff', id: 1 }, now: d.h.clock.now(), publicUrl: URL });
    expect(accepted.accepted).toBe(1);
    expect(await status(ids[2]!)).toMatchObject({ status: 'accepted', offer_expires_at: null });
    expect((await status(ids[3]!)).status).toBe('waitlisted');
  });
});

describe('a running offer holds its place', () => {
  it('against a parent booking the same day', async () => {
    const { ids, families } = await queue('offer');
    await setPlaces(2);
    expect(await promote()).toMatchObject({ offered: 1 });
    // The third family withdraws from the waiting list and books again: the offered place is not free.
    const account = await accountOf(families[2]!);
    const ctx = () => ({ familyId: families[2]!, accountId: account, now: d.h.clock.now(), publicUrl: URL });
    await submitRequest(db(), ctx(), [cancel(ids[2]!)]);
    const child = (await db().selectFrom('bookings').select('child_id').where('id', '=', ids[2]!).executeTakeFirstOrThrow()).child_id;
    const again = await submitRequest(db(), ctx(), [book(child, DAY, d.unit('alsh_mercredi/journee'))]);
    expect(again.lines[0]!.outcome).toBe('waitlisted');
  });
});

describe('decision e-mails', () => {
  const commune = { name: 'Mairie de Test', address: '', postalCode: '', city: '', phone: '', email: '', website: '', schoolZone: 'B' as const };
  const line = { action: 'book' as const, date: '2027-01-13', childName: 'Léo Lefèvre', serviceName: 'ALSH du mercredi', unitName: 'Journée', surchargeCents: 0, stillBilled: false, bookingId: 1, familyId: 1 };

  it('groups the lines per request under « Votre demande n° X du … »', () => {
    const text = decisionEmailText(
      commune,
      'Bonjour,',
      'staff',
      [
        { requestId: 12, createdAt: '2026-11-20T20:10:00.000Z', lines: [{ ...line, requestId: 12, outcome: 'accepted', reason: null }] },
        { requestId: 15, createdAt: '2026-11-21T07:45:00.000Z', lines: [{ ...line, requestId: 15, date: '2027-01-20', outcome: 'refused', reason: 'Plus de place disponible ce jour-là.' }] },
      ],
      'http://portail.test',
    );
    expect(text.subject).toBe('Suite donnée à vos demandes n° 12 et 15 — Mairie de Test');
    expect(text.text).toContain('Votre demande n° 12 du 20/11/2026 :\n- 13/01/2027 — Léo Lefèvre — ALSH du mercredi — Journée : ACCEPTÉE');
    expect(text.text).toContain('Votre demande n° 15 du 21/11/2026 :\n- 20/01/2027 — Léo Lefèvre — ALSH du mercredi — Journée : REFUSÉE : Plus de place disponible ce jour-là.');
  });

  it('tells a refused cancellation', () => {
    expect(decidedLineText({ ...line, action: 'cancel', requestId: 3, outcome: 'accepted', reason: 'Hors délai.', cancellationRefused: true })).toBe(
      '- 13/01/2027 — Léo Lefèvre — ALSH du mercredi — Journée : ANNULATION REFUSÉE : Hors délai. La réservation reste ACCEPTÉE.',
    );
  });
});
