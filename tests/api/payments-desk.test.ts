import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parentClient, staffClient, type Client } from '../support/client';
import { addFamily, addStaff, createHarness, PASSWORD, type Harness } from '../support/harness';
import { addInvoice, invoiceRow } from './payments-support';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

async function staff(role: 'admin' | 'agent' | 'animateur' = 'agent'): Promise<Client> {
  const email = `${role}@mairie.test`;
  await addStaff(h.store, email, role);
  const client = staffClient(h.backoffice);
  expect((await client.post('/api/staff/auth/login', { email, password: PASSWORD })).status).toBe(200);
  return client;
}

const binary = (res: supertest.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-'));
  const file = path.join(dir, 'r.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('payments at the desk', () => {
  it('a cheque allocated to two invoices, the rest kept as credit, then used on the next invoice', async () => {
    const agent = await staff();
    const { familyId } = await addFamily(h.store, 'famille@example.test');
    const a = await addInvoice(h.store, familyId, { totalCents: 7055, dueDate: '2026-10-31' });
    const b = await addInvoice(h.store, familyId, { totalCents: 3000, dueDate: '2026-11-30' });

    const res = await agent.post('/api/staff/payments', {
      familyId,
      method: 'cheque',
      amount: '120,00',
      receivedOn: '2026-11-26',
      reference: 'Chèque 1234567',
      allocations: [
        { invoiceId: a.id, amount: '70,55' },
        { invoiceId: b.id, amount: '30' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ creditCents: 1945, allocations: [{ invoiceId: a.id, amountCents: 7055 }, { invoiceId: b.id, amountCents: 3000 }] });
    expect(await invoiceRow(h.store, a.id)).toMatchObject({ paid_cents: 7055, status: 'paid' });
    expect(await invoiceRow(h.store, b.id)).toMatchObject({ paid_cents: 3000, status: 'paid' });

    const account = await agent.get(`/api/staff/payments/families/${familyId}/account`);
    expect(account.body.balance).toEqual({ dueCents: 0, pendingDebitCents: 0, creditCents: 1945, balanceCents: -1945 });

    const c = await addInvoice(h.store, familyId, { totalCents: 5000, dueDate: '2026-12-31' });
    const applied = await agent.post(`/api/staff/payments/families/${familyId}/apply-credit`);
    expect(applied.body).toMatchObject({ appliedCents: 1945, balance: { dueCents: 3055, creditCents: 0, balanceCents: 3055 } });
    expect(await invoiceRow(h.store, c.id)).toMatchObject({ paid_cents: 1945, status: 'partially_paid' });

    // A parent sees the same balance in the portal.
    const parent = parentClient(h.portal);
    await parent.post('/api/auth/login', { email: 'famille@example.test', password: PASSWORD });
    expect((await parent.get('/api/family/payments/balance')).body).toMatchObject({ dueCents: 3055, creditCents: 0, balanceCents: 3055 });

    // The receipt says who, how much, how, and for which invoices.
    const pdf = await agent.get(`/api/staff/payments/${res.body.paymentId}/receipt.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const raw = await supertest(h.backoffice).get(`/api/staff/payments/${res.body.paymentId}/receipt.pdf`).set('Cookie', `marelle_staff_session=${agent.cookie('marelle_staff_session')}`).buffer(true).parse(binary);
    const text = pdfText(raw.body as Buffer);
    expect(text).toContain(`Reçu n° R-${String(res.body.paymentId).padStart(6, '0')}`);
    expect(text).toContain('120,00 €');
    expect(text).toContain('Chèque (Chèque 1234567)');
    expect(text).toContain(a.number);
    expect(text).toContain('70,55 €');
  });

  it('without allocations, the oldest invoices are paid first', async () => {
    const agent = await staff();
    const { familyId } = await addFamily(h.store, 'auto@example.test');
    const old = await addInvoice(h.store, familyId, { totalCents: 2000, dueDate: '2026-09-30' });
    const recent = await addInvoice(h.store, familyId, { totalCents: 2000, dueDate: '2026-10-31' });
    const res = await agent.post('/api/staff/payments', { familyId, method: 'cash', amount: '25', receivedOn: '2026-11-26' });
    expect(res.status).toBe(201);
    expect(res.body.creditCents).toBe(0);
    expect(await invoiceRow(h.store, old.id)).toMatchObject({ paid_cents: 2000, status: 'paid' });
    expect(await invoiceRow(h.store, recent.id)).toMatchObject({ paid_cents: 500, status: 'partially_paid' });
  });

  it('a credit note lowers what the invoice owes (total − paid − credit notes)', async () => {
    const agent = await staff();
    const { familyId } = await addFamily(h.store, 'avoir@example.test');
    const inv = await addInvoice(h.store, familyId, { totalCents: 3000 });
    const row = await invoiceRow(h.store, inv.id);
    await h.store.db
      .insertInto('invoices')
      .values({ ...row, id: undefined, number: `${inv.number}-AV`, sequence: row.sequence + 10_000, kind: 'credit_note', credited_invoice_id: inv.id, total_cents: 1000, status: 'credited' })
      .execute();
    const account = await agent.get(`/api/staff/payments/families/${familyId}/account`);
    expect(account.body.openInvoices).toMatchObject([{ id: inv.id, remainingCents: 2000, payableCents: 2000 }]);
    const res = await agent.post('/api/staff/payments', { familyId, method: 'transfer', amount: '25', receivedOn: '2026-11-26' });
    expect(res.body).toMatchObject({ creditCents: 500, allocations: [{ invoiceId: inv.id, amountCents: 2000 }] });
    expect(await invoiceRow(h.store, inv.id)).toMatchObject({ paid_cents: 2000, status: 'paid' });
  });

  it('refuses bad input with clear French messages and changes nothing', async () => {
    const agent = await staff();
    const { familyId } = await addFamily(h.store, 'bad@example.test');
    const other = await addFamily(h.store, 'other@example.test');
    const inv = await addInvoice(h.store, familyId, { totalCents: 1000 });
    const foreign = await addInvoice(h.store, other.familyId, { totalCents: 1000 });
    const base = { familyId, method: 'cash', amount: '10', receivedOn: '2026-11-26' };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, allocations: [{ invoiceId: inv.id, amount: '10,01' }] }, 400, 'Les montants imputés dépassent le montant du règlement.'],
      [{ ...base, amount: '20', allocations: [{ invoiceId: inv.id, amount: '10,01' }] }, 400, `La facture ${inv.number} ne doit plus que 10,00 €`],
      [{ ...base, allocations: [{ invoiceId: foreign.id, amount: '5' }] }, 404, "Une des factures choisies n'appartient pas à cette famille."],
      [{ ...base, amount: '0' }, 400, 'Montant : le montant doit être supérieur à zéro.'],
      [{ ...base, amount: '4,155' }, 400, 'Montant : montant invalide : deux chiffres après la virgule au maximum.'],
      [{ ...base, method: 'cheque' }, 400, 'Saisissez le numéro du chèque.'],
      [{ ...base, method: 'bitcoin' }, 400, 'Mode de règlement : chèque, espèces, CESU ou virement.'],
      [{ ...base, receivedOn: '2026-11-27' }, 400, 'La date de réception ne peut pas être dans le futur.'],
    ];
    for (const [body, status, message] of cases) {
      const res = await agent.post('/api/staff/payments', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.message).toContain(message.replace(/\u00a0|\u202f/g, ' ').split(' €')[0]);
    }
    expect(await h.store.db.selectFrom('payments').selectAll().execute()).toHaveLength(0);
    expect(await invoiceRow(h.store, inv.id)).toMatchObject({ paid_cents: 0, status: 'unpaid' });
  });

  it('only staff with a role for it; parents see their own receipts only', async () => {
    const animateur = await staff('animateur');
    const { familyId } = await addFamily(h.store, 'role@example.test');
    expect((await animateur.post('/api/staff/payments', { familyId, method: 'cash', amount: '10', receivedOn: '2026-11-26' })).status).toBe(403);
    const agent = await staff('agent');
    const paid = await agent.post('/api/staff/payments', { familyId, method: 'cash', amount: '10', receivedOn: '2026-11-26' });
    const owner = parentClient(h.portal);
    await owner.post('/api/auth/login', { email: 'role@example.test', password: PASSWORD });
    expect((await owner.get(`/api/family/payments/${paid.body.paymentId}/receipt.pdf`)).status).toBe(200);
    await addFamily(h.store, 'intrus@example.test');
    const intruder = parentClient(h.portal);
    await intruder.post('/api/auth/login', { email: 'intrus@example.test', password: PASSWORD });
    expect((await intruder.get(`/api/family/payments/${paid.body.paymentId}/receipt.pdf`)).status).toBe(404);
  });

  it('the daily cash journal lists the day’s payments with totals per method (Excel)', async () => {
    const agent = await staff();
    const { familyId } = await addFamily(h.store, 'caisse@example.test');
    await addInvoice(h.store, familyId, { totalCents: 10_000 });
    await agent.post('/api/staff/payments', { familyId, method: 'cash', amount: '12,50', receivedOn: '2026-11-26' });
    await agent.post('/api/staff/payments', { familyId, method: 'cheque', amount: '30', receivedOn: '2026-11-26', reference: '998877' });
    await agent.post('/api/staff/payments', { familyId, method: 'cash', amount: '5', receivedOn: '2026-11-25' });
    const res = await supertest(h.backoffice)
      .get('/api/staff/payments/cash-journal.xlsx?date=2026-11-26')
      .set('Cookie', `marelle_staff_session=${agent.cookie('marelle_staff_session')}`)
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['Heure', 'Reçu', 'Famille', 'Mode', 'Référence', 'Factures', 'Montant (€)']);
    const body = rows.slice(1);
    expect(body.filter((r) => typeof r[1] === 'string' && String(r[1]).startsWith('R-'))).toHaveLength(2);
    expect(body).toContainEqual([undefined, undefined, undefined, 'Total Espèces', undefined, undefined, 12.5]);
    expect(body).toContainEqual([undefined, undefined, undefined, 'Total du jour', undefined, undefined, 42.5]);
    expect((await agent.get('/api/staff/payments/cash-journal.xlsx?date=26/11/2026')).status).toBe(400);
  });
});
