import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeDueConfirmations, readConfirmationLines } from '../../shared/bookings/confirmations';
import { submitRequest } from '../../shared/bookings/requests';
import { DEMO_PARENT_EMAIL } from '../../shared/demo/seed';
import { confirmationComposer } from '../../portal/server/confirmations';
import { book, demoHarness, type Demo } from '../support/bookings';

/* Confirmation e-mails composed after the request's transaction (decision 0015). */

const URL = 'http://portail.test';
let d: Demo;
let accountId: number;
beforeEach(async () => {
  d = await demoHarness();
  accountId = (await d.h.store.db.selectFrom('portal_accounts').select('id').where('email', '=', DEMO_PARENT_EMAIL).executeTakeFirstOrThrow()).id;
});
afterEach(() => d.h.close());

const db = () => d.h.store.db;
const submit = (lines: Parameters<typeof submitRequest>[2]) => submitRequest(db(), { familyId: d.lefevre, accountId, now: d.h.clock.now(), publicUrl: URL }, lines);
const confirmations = () => db().selectFrom('email_outbox').selectAll().where('subject', 'like', 'Votre demande de réservation%').orderBy('id').execute();
const due = async () => (await db().selectFrom('requests').select('id').where('confirmation_lines', 'is not', null).execute()).map((r) => r.id);
const compose = () => composeDueConfirmations(db(), { publicUrl: URL, now: d.h.clock.now() });

describe('composing the confirmations due', () => {
  it('queues one e-mail per request, once, with each line’s state as validated', async () => {
    const wednesday = await submit([book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee'))]);
    const cantine = await submit([book(d.jade, '2026-12-01', d.unit('restauration/repas'))]);
    // Written with the request, in its transaction; nothing queued yet.
    expect(await due()).toEqual([wednesday.requestId, cantine.requestId]);
    expect(await confirmations()).toHaveLength(0);
    // Staff accept the Wednesday before the e-mail is composed: the e-mail still tells the state
    // the parent saw on validating (the decision sends its own e-mail).
    await db().updateTable('bookings').set({ status: 'accepted' }).where('id', '=', wednesday.lines[0]?.bookingId ?? 0).execute();

    expect(await compose()).toEqual({ requests: 2, queued: 2, unreadable: 0 });
    const mails = await confirmations();
    expect(mails.map((m) => [m.subject, m.to_address, m.family_id])).toEqual([
      [`Votre demande de réservation n° ${wednesday.requestId} — Mairie de Marelle-sur-Meu`, DEMO_PARENT_EMAIL, d.lefevre],
      [`Votre demande de réservation n° ${cantine.requestId} — Mairie de Marelle-sur-Meu`, DEMO_PARENT_EMAIL, d.lefevre],
    ]);
    expect(mails[0]?.text_body).toContain('- 13/01/2027 — Léo Lefèvre — ALSH du mercredi — Journée (repas compris) : EN ATTENTE DE TRAITEMENT');
    expect(mails[0]?.text_body).toContain('du 26/11/2026 à 09 h 00');
    expect(mails[1]?.text_body).toMatch(/- 01\/12\/2026 — Jade Lefèvre — Restauration scolaire — Repas : ACCEPTÉE \(Repas majoré de 1,00\s€ : réservation hors délai\.\)/);
    // Composed once: nothing due any more.
    expect(await due()).toEqual([]);
    expect(await compose()).toEqual({ requests: 0, queued: 0, unreadable: 0 });
    expect(await confirmations()).toHaveLength(2);
  });

  it('has nothing due for a refused request (its transaction wrote nothing)', async () => {
    const line = book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee'));
    await submit([line]);
    await compose();
    await expect(submit([line])).rejects.toThrow(/a déjà une réservation/);
    expect(await due()).toEqual([]);
    expect(await compose()).toEqual({ requests: 0, queued: 0, unreadable: 0 });
  });

  it('clears a request whose family has no address, and an unreadable one, without e-mail', async () => {
    const r = await submit([book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee'))]);
    await db().updateTable('portal_accounts').set({ email: '' }).where('family_id', '=', d.lefevre).execute();
    await db().updateTable('guardians').set({ email: null }).where('family_id', '=', d.lefevre).execute();
    const other = await submit([book(d.leo, '2027-01-20', d.unit('alsh_mercredi/journee'))]);
    await db().updateTable('requests').set({ confirmation_lines: '[{"a":"book"}]' }).where('id', '=', other.requestId).execute();
    expect(await compose()).toEqual({ requests: 2, queued: 0, unreadable: 1 });
    expect(await due()).toEqual([]);
    expect(r.requestId).toBeLessThan(other.requestId);
  });

  it('reads back only lines it wrote', () => {
    expect(readConfirmationLines('not json')).toBeNull();
    expect(readConfirmationLines('{}')).toBeNull();
    expect(readConfirmationLines('[{"a":"book","d":"2027-01-13","c":"Léo","s":"ALSH","u":"Journée","o":"hacked","r":null,"m":0,"b":0}]')).toBeNull();
    expect(readConfirmationLines('[{"a":"cancel","d":"2027-01-13","c":"Léo","s":"ALSH","u":"Journée","o":"cancelled","r":null,"m":0,"b":1}]')).toEqual([
      { action: 'cancel', date: '2027-01-13', childName: 'Léo', serviceName: 'ALSH', unitName: 'Journée', outcome: 'cancelled', reason: null, surchargeCents: 0, stillBilled: true },
    ]);
  });
});

describe('the composer of the server', () => {
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const until = async (check: () => Promise<boolean>, ms = 2000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('condition not met in time');
      await wait(5);
    }
  };

  it('waits while parents are being answered, composes once idle, and tells the e-mail worker', async () => {
    const activity = { inFlight: 1, lastAt: performance.now() };
    let told = 0;
    const composer = confirmationComposer({ ...d.h.deps, activity }, () => told++, { retryMs: 5, quietMs: 40, maxDelayMs: 60_000 });
    await submit([book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee'))]);
    composer.kick();
    await wait(60);
    expect(await confirmations()).toHaveLength(0);
    // The last request ends: still nothing while the server has been quiet less than quietMs.
    activity.inFlight = 0;
    activity.lastAt = performance.now();
    await wait(10);
    expect(await confirmations()).toHaveLength(0);
    await until(async () => (await confirmations()).length === 1);
    expect(told).toBe(1);
    expect(composer.stats).toMatchObject({ requests: 1, queued: 1 });
    await composer.stop();
  });

  it('after a failure, logs it and waits before trying again instead of spinning', async () => {
    let attempts = 0;
    const errors: string[] = [];
    const broken = {
      transaction: () => ({
        execute: async () => {
          attempts++;
          throw new Error('disque plein');
        },
      }),
    } as unknown as typeof d.h.store.db;
    const composer = confirmationComposer(
      { ...d.h.deps, store: { ...d.h.deps.store, db: broken }, logger: { ...d.h.deps.logger, error: (_: unknown, message: string) => errors.push(message) } as unknown as typeof d.h.deps.logger, activity: { inFlight: 0, lastAt: 0 } },
      () => undefined,
      { retryMs: 1, quietMs: 0, failureDelayMs: 10_000 },
    );
    composer.kick();
    await wait(80);
    expect(attempts).toBe(1);
    expect(errors).toEqual(['confirmation e-mails could not be composed; retrying later']);
    await composer.stop();
  });

  it('composes after its longest wait even if the server never idles, and never loses a kick made during a batch', async () => {
    const activity = { inFlight: 1, lastAt: performance.now() };
    const composer = confirmationComposer({ ...d.h.deps, activity }, () => undefined, { retryMs: 5, maxDelayMs: 40, batch: 1 });
    await submit([book(d.leo, '2027-01-13', d.unit('alsh_mercredi/journee'))]);
    composer.kick();
    await until(async () => (await confirmations()).length === 1);
    // Requests validated while it composes (batch of one, server busy) are composed too.
    await submit([book(d.leo, '2027-01-20', d.unit('alsh_mercredi/journee'))]);
    composer.kick();
    await submit([book(d.leo, '2027-01-27', d.unit('alsh_mercredi/journee'))]);
    composer.kick();
    await until(async () => (await confirmations()).length === 3);
    expect(await due()).toEqual([]);
    await composer.stop();
    // Stopped: a later request stays due (composed at the next start).
    await submit([book(d.leo, '2027-02-03', d.unit('alsh_mercredi/journee'))]);
    composer.kick();
    await wait(30);
    expect(await due()).toHaveLength(1);
  });
});
