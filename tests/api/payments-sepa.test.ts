import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPaymentJobs } from '../../shared/payments/jobs';
import { lapseUnusedMandates, settleDueRuns } from '../../shared/sepa/debitRuns';
import { staffClient, type Client } from '../support/client';
import { addFamily, addStaff, createHarness, PASSWORD, type Harness } from '../support/harness';
import { addInvoice, invoiceRow, xsdErrors, xsdSkipReason } from './payments-support';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

const IBAN = 'FR7630006000011234567890189';
const CREDITOR = { ics: 'FR72ZZZ123456', name: 'Commune de Marelle', iban: 'FR1420041010050500013M02606', bic: 'PSSTFRPPLIL' };

async function admin(): Promise<Client> {
  await addStaff(h.store, 'admin@mairie.test', 'admin');
  const client = staffClient(h.backoffice);
  expect((await client.post('/api/staff/auth/login', { email: 'admin@mairie.test', password: PASSWORD })).status).toBe(200);
  return client;
}

async function mandate(familyId: number, extra: { first_collected_at?: string | null; last_collected_at?: string | null; signature_date?: string; status?: 'active' | 'pending' } = {}) {
  return h.store.db
    .insertInto('sepa_mandates')
    .values({
      family_id: familyId,
      rum: `MAR-${familyId}-1`,
      iban: IBAN,
      bic: 'AGRIFRPP882',
      holder_name: 'Hélène Dupré',
      signature_date: extra.signature_date ?? '2026-09-01',
      status: extra.status ?? 'active',
      first_collected_at: extra.first_collected_at ?? null,
      last_collected_at: extra.last_collected_at ?? null,
      document_id: null,
      created_at: '2026-09-01T10:00:00.000Z',
      updated_at: '2026-09-01T10:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

const binary = (res: supertest.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('SEPA direct debit', () => {
  it('creditor settings: ICS, IBAN and BIC errors are refused with clear messages', async () => {
    const a = await admin();
    const cases: [Record<string, string>, string][] = [
      [{ ...CREDITOR, ics: 'FR73ZZZ123456' }, 'ICS invalide : la clé de contrôle ne correspond pas, vérifiez la saisie.'],
      [{ ...CREDITOR, iban: 'FR7630006000011234567890188' }, 'IBAN invalide : vérifiez les chiffres.'],
      [{ ...CREDITOR, bic: 'BDF' }, 'BIC invalide : 8 ou 11 caractères, par exemple AGRIFRPP882.'],
    ];
    for (const [body, message] of cases) {
      const res = await a.put('/api/staff/payments/settings/sepa', body);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(message);
    }
    expect((await a.put('/api/staff/payments/settings/sepa', CREDITOR)).status).toBe(200);
    expect((await a.get('/api/staff/payments/settings')).body.sepaCreditor).toEqual(CREDITOR);
  });

  it('a run collects the invoices en prélèvement: pain.008 valid against the XSD, families pre-notified, rejects handled', async () => {
    const a = await admin();
    expect((await a.post('/api/staff/payments/sepa/runs', { dueDate: '2026-12-15' })).body.message).toContain('Paramètres SEPA de la commune');
    await a.put('/api/staff/payments/settings/sepa', CREDITOR);

    const f1 = await addFamily(h.store, 'prelevee@example.test');
    const f2 = await addFamily(h.store, 'recurrente@example.test');
    const f3 = await addFamily(h.store, 'sansmandat@example.test');
    const m1 = await mandate(f1.familyId);
    await mandate(f2.familyId, { first_collected_at: '2026-10-15', last_collected_at: '2026-11-15' });
    const i1 = await addInvoice(h.store, f1.familyId, { totalCents: 7055, status: 'direct_debit', dueDate: '2026-12-10' });
    const i2 = await addInvoice(h.store, f2.familyId, { totalCents: 1205, status: 'direct_debit', dueDate: '2026-12-10' });
    const i3 = await addInvoice(h.store, f3.familyId, { totalCents: 999, status: 'direct_debit', dueDate: '2026-12-10' });
    await addInvoice(h.store, f1.familyId, { totalCents: 500, status: 'unpaid', dueDate: '2026-12-10' });

    const tooSoon = await a.post('/api/staff/payments/sepa/runs', { dueDate: '2026-12-09' });
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body.message).toBe("La date d'échéance doit être au plus tôt le 10/12/2026 : les familles doivent être prévenues 14 jours avant le prélèvement.");

    const run = await a.post('/api/staff/payments/sepa/runs', { dueDate: '2026-12-15' });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body).toMatchObject({ transactionsCount: 2, totalCents: 8260, skipped: [{ invoiceNumber: i3.number, reason: 'la famille n’a pas de mandat actif' }] });

    const file = await supertest(h.backoffice)
      .get(`/api/staff/payments/sepa/runs/${run.body.runId}/file`)
      .set('Cookie', `marelle_staff_session=${a.cookie('marelle_staff_session')}`)
      .buffer(true)
      .parse(binary);
    expect(file.status).toBe(200);
    const xml = (file.body as Buffer).toString('utf8');
    expect(xml).toContain('<SeqTp>FRST</SeqTp>');
    expect(xml).toContain('<SeqTp>RCUR</SeqTp>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">70.55</InstdAmt>');
    expect(xml).toContain('<ReqdColltnDt>2026-12-15</ReqdColltnDt>');
    expect(xml).toContain(`<MndtId>MAR-${f1.familyId}-1</MndtId>`);

    // Pre-notification: each family, 14 days ahead, the amount, the masked account, the RUM and the ICS.
    const mails = await h.store.db.selectFrom('email_outbox').selectAll().where('subject', 'like', 'Avis de prélèvement%').execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual(['prelevee@example.test', 'recurrente@example.test']);
    const text = mails.find((m) => m.to_address === 'prelevee@example.test')?.text_body ?? '';
    expect(text).toContain('Nous prélèverons le 15/12/2026 la somme de 70,55');
    expect(text).toContain('FR76 **** ');
    expect(text).not.toContain(IBAN);
    expect(text).toContain('FR72ZZZ123456');

    // Pending: not paid yet, not payable again, not collected twice.
    expect(await invoiceRow(h.store, i1.id)).toMatchObject({ status: 'direct_debit', paid_cents: 0 });
    const again = await a.post('/api/staff/payments/sepa/runs', { dueDate: '2026-12-15' });
    expect(again.status).toBe(409);
    expect((await h.store.db.selectFrom('sepa_mandates').select(['first_collected_at', 'last_collected_at']).where('id', '=', m1.id).executeTakeFirstOrThrow())).toEqual({ first_collected_at: '2026-12-15', last_collected_at: '2026-12-15' });

    // The bank rejects family 2's debit before the due date: invoice back to unpaid, family told.
    const runPayments = (await a.get(`/api/staff/payments/sepa/runs/${run.body.runId}/payments`)).body as { id: number; familyId: number }[];
    const p2 = runPayments.find((p) => p.familyId === f2.familyId);
    expect((await a.post(`/api/staff/payments/sepa/payments/${p2?.id}/reject`, { reason: 'NOPE' })).body.message).toBe('Choisissez le motif du rejet indiqué par la banque.');
    expect((await a.post(`/api/staff/payments/sepa/payments/${p2?.id}/reject`, { reason: 'AM04' })).status).toBe(204);
    expect(await invoiceRow(h.store, i2.id)).toMatchObject({ status: 'unpaid', paid_cents: 0 });
    const rejectMail = await h.store.db.selectFrom('email_outbox').selectAll().where('to_address', '=', 'recurrente@example.test').where('subject', 'like', 'Prélèvement rejeté%').executeTakeFirstOrThrow();
    expect(rejectMail.text_body).toContain('Provision insuffisante');
    expect((await a.post(`/api/staff/payments/sepa/payments/${p2?.id}/reject`, { reason: 'AM04' })).status).toBe(409);

    // After the due date the run is settled: family 1's invoice is paid.
    h.clock.set('2026-12-16T09:00:00+01:00');
    // The hourly payments job settles it (and is idempotent).
    expect(await runPaymentJobs(h.store.db, { demo: false, publicUrl: h.deps.config.publicUrl }, h.clock.now())).toContain('1 prélèvement(s) soldé(s)');
    expect(await settleDueRuns(h.store.db, h.clock.now())).toBe(0);
    expect(await invoiceRow(h.store, i1.id)).toMatchObject({ status: 'paid', paid_cents: 7055 });
    expect(await invoiceRow(h.store, i2.id)).toMatchObject({ status: 'unpaid', paid_cents: 0 });
    // A day later the staff session has expired: log in again.
    expect((await a.post('/api/staff/auth/login', { email: 'admin@mairie.test', password: PASSWORD })).status).toBe(200);
    const runs = (await a.get('/api/staff/payments/sepa/runs')).body;
    expect(runs).toMatchObject([{ id: run.body.runId, status: 'settled', transactionsCount: 2, rejectedCount: 1, hasFile: true }]);

    // A reject after settlement takes the money back off the invoice.
    const p1 = runPayments.find((p) => p.familyId === f1.familyId);
    expect((await a.post(`/api/staff/payments/sepa/payments/${p1?.id}/reject`, { reason: 'AC04' })).status).toBe(204);
    expect(await invoiceRow(h.store, i1.id)).toMatchObject({ status: 'unpaid', paid_cents: 0 });
  });

  it.skipIf(xsdSkipReason !== null)(`the run's file validates against pain.008.001.02.xsd${xsdSkipReason ? ` — skipped: ${xsdSkipReason}` : ''}`, async () => {
    const a = await admin();
    await a.put('/api/staff/payments/settings/sepa', CREDITOR);
    for (const [i, first] of [null, '2026-10-15'].entries()) {
      const f = await addFamily(h.store, `xsd${i}@example.test`);
      await mandate(f.familyId, { first_collected_at: first, last_collected_at: first });
      await addInvoice(h.store, f.familyId, { totalCents: 1234 + i, status: 'direct_debit' });
    }
    const run = await a.post('/api/staff/payments/sepa/runs', { dueDate: '2026-12-20' });
    expect(run.status).toBe(201);
    const file = await supertest(h.backoffice)
      .get(`/api/staff/payments/sepa/runs/${run.body.runId}/file`)
      .set('Cookie', `marelle_staff_session=${a.cookie('marelle_staff_session')}`)
      .buffer(true)
      .parse(binary);
    expect(xsdErrors((file.body as Buffer).toString('utf8'))).toBeNull();
  });

  it('a mandate unused for 36 months lapses and is not debited', async () => {
    const a = await admin();
    await a.put('/api/staff/payments/settings/sepa', CREDITOR);
    const f = await addFamily(h.store, 'caduc@example.test');
    const m = await mandate(f.familyId, { signature_date: '2020-01-01', first_collected_at: '2020-02-05', last_collected_at: '2023-11-20' });
    const inv = await addInvoice(h.store, f.familyId, { totalCents: 1000, status: 'direct_debit' });
    const res = await a.post('/api/staff/payments/sepa/runs', { dueDate: '2026-12-15' });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain(`${inv.number} (le mandat est caduc (inutilisé depuis 36 mois))`);
    expect(await lapseUnusedMandates(h.store.db, h.clock.now())).toBe(1);
    expect((await h.store.db.selectFrom('sepa_mandates').select('status').where('id', '=', m.id).executeTakeFirstOrThrow()).status).toBe('lapsed');
    expect(await lapseUnusedMandates(h.store.db, h.clock.now())).toBe(0);
  });
});
