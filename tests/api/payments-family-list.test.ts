import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parentClient, staffClient, type Client } from '../support/client';
import { addFamily, addStaff, createHarness, PASSWORD, type Harness } from '../support/harness';
import { addInvoice } from './payments-support';

/* The portal's « Mes règlements » (Factures page) reads GET /api/family/payments: the family's own payments only. */

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

async function agent(): Promise<Client> {
  await addStaff(h.store, 'agent@mairie.test', 'agent');
  const client = staffClient(h.backoffice);
  expect((await client.post('/api/staff/auth/login', { email: 'agent@mairie.test', password: PASSWORD })).status).toBe(200);
  return client;
}

async function parent(email: string): Promise<Client> {
  const client = parentClient(h.portal);
  expect((await client.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
  return client;
}

describe('GET /api/family/payments', () => {
  it('lists the family’s payments with the invoices they paid, never another family’s, and nothing internal', async () => {
    const desk = await agent();
    const mine = await addFamily(h.store, 'mine@example.test');
    const other = await addFamily(h.store, 'other@example.test');
    const invoice = await addInvoice(h.store, mine.familyId, { totalCents: 4000 });
    await addInvoice(h.store, other.familyId, { totalCents: 9900 });
    const cheque = await desk.post('/api/staff/payments', { familyId: mine.familyId, method: 'cheque', amount: '40', receivedOn: '2026-11-25', reference: '1234567', notes: 'Remis au guichet' });
    expect(cheque.status, JSON.stringify(cheque.body)).toBe(201);
    const theirs = await desk.post('/api/staff/payments', { familyId: other.familyId, method: 'cash', amount: '99', receivedOn: '2026-11-26' });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(201);

    const res = await (await parent('mine@example.test')).get('/api/family/payments');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        id: cheque.body.paymentId,
        method: 'cheque',
        amountCents: 4000,
        status: 'confirmed',
        receivedAt: expect.stringMatching(/^2026-11-2[45]T/),
        allocations: [{ invoiceId: invoice.id, invoiceNumber: invoice.number, amountCents: 4000 }],
        unallocatedCents: 0,
      },
    ]);
    const text = JSON.stringify(res.body);
    for (const word of ['1234567', 'Remis au guichet', 'familyName', 'familyId']) expect(text).not.toContain(word);

    const otherList = await (await parent('other@example.test')).get('/api/family/payments');
    expect(otherList.body.map((p: { id: number }) => p.id)).toEqual([theirs.body.paymentId]);

    // A new family with no payment: an empty list (the page's « Aucun règlement enregistré. »).
    await addFamily(h.store, 'none@example.test');
    expect((await (await parent('none@example.test')).get('/api/family/payments')).body).toEqual([]);
    expect((await parentClient(h.portal).get('/api/family/payments')).status).toBe(401);
  });
});
