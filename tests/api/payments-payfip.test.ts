import supertest from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PayfipSimulator } from '../../shared/payfip/simulator';
import { PAYFIP } from '../../shared/settings/definitions';
import { setSetting } from '../../shared/settings/settings';
import { resolveStalePayfip } from '../../shared/payments/payfip';
import { payfipSetup } from '../../shared/payments/payfipSetup';
import { parentClient, type Client } from '../support/client';
import { addFamily, createHarness, PASSWORD, type Harness } from '../support/harness';
import { addInvoice, invoiceRow } from './payments-support';

let h: Harness;
let sim: PayfipSimulator;
let simServer: { url: string; close(): Promise<void> };
const notifications: string[] = [];

beforeAll(async () => {
  sim = new PayfipSimulator({ now: () => h.clock.now(), autoNotify: true, notify: async (_url, idOp) => void notifications.push(idOp) });
  simServer = await sim.listen();
});
afterAll(() => simServer.close());

beforeEach(async () => {
  h = createHarness();
  notifications.length = 0;
  await setSetting(h.store.db, PAYFIP, { numcli: '123456', wsUrl: `${simServer.url}/ws`, paymentPageUrl: `${simServer.url}/tpa/paiementws.web`, saisie: 'T', simulator: false }, h.clock.now());
});
afterEach(() => h.close());

async function parent(email: string): Promise<{ client: Client; familyId: number }> {
  const { familyId } = await addFamily(h.store, email);
  const client = parentClient(h.portal);
  expect((await client.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
  return { client, familyId };
}

/** PayFiP's server posting the notification: no cookie, no CSRF token, a form body. */
const notify = (idOp: string, extra: Record<string, string> = {}) => supertest(h.portal).post('/payfip/notification').type('form').send({ idOp, ...extra });

async function start(client: Client, invoiceId: number): Promise<{ transactionId: number; idOp: string }> {
  const res = await client.post('/api/family/payments/payfip', { invoiceId });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const url = new URL(res.body.redirectUrl as string);
  expect(`${url.origin}${url.pathname}`).toBe(`${simServer.url}/tpa/paiementws.web`);
  return { transactionId: res.body.transactionId as number, idOp: url.searchParams.get('idop') ?? '' };
}

const payments = () => h.store.db.selectFrom('payments').selectAll().execute();
const tx = (id: number) => h.store.db.selectFrom('payfip_transactions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('PayFiP payment of an invoice', () => {
  it('paid: the notification records one payment of exactly the amount due, the return shows « paid »', async () => {
    const { client, familyId } = await parent('payeur@example.test');
    const inv = await addInvoice(h.store, familyId, { totalCents: 7055 });
    const { transactionId, idOp } = await start(client, inv.id);

    const call = sim.calls.find((c) => c.operation === 'creerPaiementSecurise' && c.fields.refdet === inv.number.replace('-', ''));
    expect(call?.fields).toMatchObject({ numcli: '123456', exer: '2026', montant: '7055', mel: 'payeur@example.test', saisie: 'T', urlnotif: 'http://127.0.0.1:3000/payfip/notification', urlredirect: `http://127.0.0.1:3000/espace/factures/paiement/${transactionId}` });

    await sim.complete(idOp, 'paid');
    expect(notifications).toEqual([idOp]);
    expect((await notify(idOp)).status).toBe(200);

    const [payment, ...others] = await payments();
    expect(others).toHaveLength(0);
    expect(payment).toMatchObject({ family_id: familyId, method: 'payfip', amount_cents: 7055, status: 'confirmed', payfip_transaction_id: transactionId });
    expect(await h.store.db.selectFrom('payment_allocations').selectAll().execute()).toEqual([{ payment_id: payment?.id, invoice_id: inv.id, amount_cents: 7055 }]);
    expect(await invoiceRow(h.store, inv.id)).toMatchObject({ paid_cents: 7055, status: 'paid' });

    const back = await client.get(`/api/family/payments/payfip/${transactionId}`);
    expect(back.status).toBe(200);
    expect(back.body).toEqual({ id: transactionId, invoiceId: inv.id, invoiceNumber: inv.number, amountCents: 7055, status: 'paid', invoiceStatus: 'paid', invoiceDueCents: 0 });
    expect(back.body).not.toHaveProperty('idOp');
  });

  it('a notification replayed five times records one payment', async () => {
    const { client, familyId } = await parent('replay@example.test');
    const inv = await addInvoice(h.store, familyId, { totalCents: 1234 });
    const { idOp } = await start(client, inv.id);
    await sim.complete(idOp, 'paid');
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => notify(idOp)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    for (let i = 0; i < 5; i += 1) await sim.replayNotification(idOp);
    expect(notifications).toHaveLength(6);
    expect(await payments()).toHaveLength(1);
    expect(await invoiceRow(h.store, inv.id)).toMatchObject({ paid_cents: 1234, status: 'paid' });
  });

  it('the notification arriving after the return changes nothing more', async () => {
    const { client, familyId } = await parent('late@example.test');
    const inv = await addInvoice(h.store, familyId, { totalCents: 4200 });
    const { transactionId, idOp } = await start(client, inv.id);
    await sim.complete(idOp, 'paid');
    expect((await client.get(`/api/family/payments/payfip/${transactionId}`)).body.status).toBe('paid');
    expect(await payments()).toHaveLength(1);
    expect((await notify(idOp)).status).toBe(200);
    expect(await payments()).toHaveLength(1);
    expect((await tx(transactionId)).status).toBe('paid');
  });

  it('refused and abandoned: the transaction says so, no payment, the invoice stays to pay', async () => {
    const { client, familyId } = await parent('refus@example.test');
    const inv = await addInvoice(h.store, familyId, { totalCents: 2500 });
    const first = await start(client, inv.id);
    await sim.complete(first.idOp, 'refused');
    await notify(first.idOp);
    expect((await client.get(`/api/family/payments/payfip/${first.transactionId}`)).body).toMatchObject({ status: 'refused', invoiceStatus: 'unpaid', invoiceDueCents: 2500 });
    expect((await tx(first.transactionId)).result_code).toBe('R');

    const second = await start(client, inv.id);
    await sim.complete(second.idOp, 'abandoned');
    expect((await client.get(`/api/family/payments/payfip/${second.transactionId}`)).body.status).toBe('abandoned');
    expect(await payments()).toHaveLength(0);
    expect(await invoiceRow(h.store, inv.id)).toMatchObject({ paid_cents: 0, status: 'unpaid' });
  });

  it('before the payer chooses (P5) the return says « en cours »; an idOp expired at PayFiP (P1) is closed', async () => {
    const { client, familyId } = await parent('expire@example.test');
    const inv = await addInvoice(h.store, familyId, { totalCents: 900 });
    const { transactionId, idOp } = await start(client, inv.id);
    expect((await client.get(`/api/family/payments/payfip/${transactionId}`)).body.status).toBe('created');
    expect((await notify(idOp)).status).toBe(200);
    expect((await tx(transactionId)).status).toBe('created');

    h.clock.advance(21 * 60_000);
    expect((await client.get(`/api/family/payments/payfip/${transactionId}`)).body.status).toBe('expired');
    expect((await tx(transactionId)).result_code).toBe('P1');
    // The payer comes back too late: nothing can be recorded for this idOp any more.
    expect(await sim.complete(idOp, 'paid')).toBeNull();
    expect(await payments()).toHaveLength(0);
  });

  it('the hourly job resolves a transaction whose notification and return were both lost', async () => {
    const { client, familyId } = await parent('lost@example.test');
    const inv = await addInvoice(h.store, familyId, { totalCents: 3000 });
    const { transactionId, idOp } = await start(client, inv.id);
    await sim.complete(idOp, 'paid');
    h.clock.advance(16 * 60_000);
    const setup = await payfipSetup(h.store.db, { demo: false, publicUrl: h.deps.config.publicUrl });
    expect(await resolveStalePayfip(h.store.db, setup, h.clock.now())).toContain('1 transaction');
    expect((await tx(transactionId)).status).toBe('paid');
    expect(await payments()).toHaveLength(1);
  });

  it('a partially paid invoice is charged only what it still owes; an earlier paid attempt is found before charging again', async () => {
    const { client, familyId } = await parent('partiel@example.test');
    const inv = await addInvoice(h.store, familyId, { totalCents: 10_000, paidCents: 2_550, status: 'partially_paid' });
    const first = await start(client, inv.id);
    expect((await tx(first.transactionId)).amount_cents).toBe(7_450);
    await sim.complete(first.idOp, 'paid');
    // Neither notification nor return reached us; a second « Régler » must not charge again.
    const again = await client.post('/api/family/payments/payfip', { invoiceId: inv.id });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Cette facture est déjà réglée.');
    expect(await invoiceRow(h.store, inv.id)).toMatchObject({ paid_cents: 10_000, status: 'paid' });
  });
});

describe('PayFiP security', () => {
  it('the amount never comes from the browser', async () => {
    const { client, familyId } = await parent('montant@example.test');
    const inv = await addInvoice(h.store, familyId, { totalCents: 5000 });
    const res = await client.post('/api/family/payments/payfip', { invoiceId: inv.id, amountCents: 1 });
    expect(res.status).toBe(400);
    expect(await h.store.db.selectFrom('payfip_transactions').selectAll().execute()).toHaveLength(0);
  });

  it("a parent cannot pay, nor see the payment of, another family's invoice (404)", async () => {
    const a = await parent('a@example.test');
    const b = await parent('b@example.test');
    const invB = await addInvoice(h.store, b.familyId, { totalCents: 5000 });
    const res = await a.client.post('/api/family/payments/payfip', { invoiceId: invB.id });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Cette facture est introuvable.');
    const { transactionId } = await start(b.client, invB.id);
    expect((await a.client.get(`/api/family/payments/payfip/${transactionId}`)).status).toBe(404);
    expect((await supertest(h.portal).post('/api/family/payments/payfip').send({ invoiceId: invB.id })).status).toBe(401);
  });

  it('the notification trusts nothing it is sent: forged results and unknown idOps record nothing', async () => {
    const { client, familyId } = await parent('forge@example.test');
    const inv = await addInvoice(h.store, familyId, { totalCents: 5000 });
    const { transactionId, idOp } = await start(client, inv.id);
    // The payer has not paid: whatever the request claims, PayFiP says P5.
    expect((await notify(idOp, { resultrans: 'P', montant: '5000' })).status).toBe(200);
    expect((await tx(transactionId)).status).toBe('created');
    expect((await notify('0123456789abcdef0123456789abcdef')).status).toBe(200);
    expect((await supertest(h.portal).post('/payfip/notification').type('form').send({ idOp: '<script>' })).status).toBe(400);
    expect((await supertest(h.portal).post('/payfip/notification').type('form').send({})).status).toBe(400);
    expect(await payments()).toHaveLength(0);
  });

  it('a payer sent back with a POST lands on the return page (303 to its GET)', async () => {
    const res = await supertest(h.portal).post('/espace/factures/paiement/12').type('form').send({ idop: 'x' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/espace/factures/paiement/12');
  });

  it('the in-process simulator exists only on a demo server', async () => {
    expect((await supertest(h.portal).get('/api/payfip-simulateur/paiementws.web?idop=x')).status).toBe(404);
    expect((await supertest(h.portal).post('/payfip-simulateur/ws').type('text/xml').send('<x/>')).status).toBe(404);
  });

  it('online payment is closed until PayFiP is configured', async () => {
    await setSetting(h.store.db, PAYFIP, { ...PAYFIP.fallback }, h.clock.now());
    const { client, familyId } = await parent('ferme@example.test');
    const inv = await addInvoice(h.store, familyId, { totalCents: 5000 });
    const res = await client.post('/api/family/payments/payfip', { invoiceId: inv.id });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain("n'est pas encore ouvert");
    expect((await client.get('/api/family/payments/balance')).body).toMatchObject({ dueCents: 5000, onlinePayment: false });
  });

  it('PayFiP unreachable: a clear message, nothing charged', async () => {
    await setSetting(h.store.db, PAYFIP, { numcli: '123456', wsUrl: 'http://127.0.0.1:9/ws', paymentPageUrl: 'http://127.0.0.1:9/p', saisie: 'T', simulator: false }, h.clock.now());
    const { client, familyId } = await parent('panne@example.test');
    const inv = await addInvoice(h.store, familyId, { totalCents: 5000 });
    const res = await client.post('/api/family/payments/payfip', { invoiceId: inv.id });
    expect(res.status).toBe(503);
    expect(res.body.message).toContain('PayFiP ne répond pas');
    expect((await h.store.db.selectFrom('payfip_transactions').selectAll().executeTakeFirstOrThrow()).status).toBe('error');
  });
});
