import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverDueEmails, smtpTransport } from '../../shared/mail/delivery';
import { sendInvoiceReminders } from '../../shared/invoicing/accounts';
import { formatEuros } from '../../shared/tariffs/money';
import { demoHarness, lefevreClient, moreauClient, type Demo } from '../support/bookings';
import { staffClient, type Client } from '../support/client';
import { startSmtpReceiver } from '../support/smtp';

// January 2027 has no demo bookings: each test writes the child-days it bills, then runs the month
// on 5 February 2027. Léo lives alternately with the Lefèvre (QF 780: repas 2,50 €) and the
// Moreau (QF 540: repas 1,20 €).
const RUN_DAY = '2027-02-05T09:00:00+01:00';

let demo: Demo;
let dataDir: string;

beforeEach(async () => {
  demo = await demoHarness();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-invoicing-'));
  demo.h.deps.config.dataDir = dataDir;
  demo.h.clock.set(RUN_DAY);
});

afterEach(async () => {
  await demo.h.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function agent(): Promise<Client> {
  const c = staffClient(demo.h.backoffice);
  const res = await c.post('/api/staff/auth/login', { email: 'agent@mairie.demo', password: 'Marelle-Demo-2026' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return c;
}

interface BookingSpec {
  family: number;
  child: number;
  unit: string;
  date: string;
  status?: 'accepted' | 'cancelled' | 'pending';
  billedIfCancelled?: boolean;
  surchargeCents?: number;
  exceptional?: boolean;
  attendance?: 'present' | 'absent_justified' | 'absent_unjustified';
}

async function book(spec: BookingSpec): Promise<number> {
  const db = demo.h.store.db;
  const [serviceCode] = spec.unit.split('/');
  const serviceId = demo.service(serviceCode ?? '');
  const period = await db.selectFrom('periods').select('id').where('service_id', '=', serviceId).orderBy('id').executeTakeFirstOrThrow();
  const row = await db
    .insertInto('bookings')
    .values({
      family_id: spec.family,
      child_id: spec.child,
      service_id: serviceId,
      period_id: period.id,
      unit_id: demo.unit(spec.unit),
      group_id: null,
      date: spec.date,
      status: spec.status ?? 'accepted',
      status_reason: null,
      request_id: null,
      cancel_request_id: null,
      late: spec.surchargeCents ? 1 : 0,
      surcharge_cents: spec.surchargeCents ?? 0,
      billed_if_cancelled: spec.billedIfCancelled ? 1 : 0,
      exceptional_absence: spec.exceptional ? 1 : 0,
      booked_by_staff_id: null,
      created_at: '2026-12-01T10:00:00.000Z',
      updated_at: '2026-12-01T10:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (spec.attendance) await attend({ ...spec, bookingId: row.id, state: spec.attendance });
  return row.id;
}

async function attend(spec: { family: number; child: number; unit: string; date: string; bookingId: number | null; state: 'present' | 'absent_justified' | 'absent_unjustified' | 'present_unbooked' }) {
  const [serviceCode] = spec.unit.split('/');
  await demo.h.store.db
    .insertInto('attendance')
    .values({
      booking_id: spec.bookingId,
      family_id: spec.family,
      child_id: spec.child,
      service_id: demo.service(serviceCode ?? ''),
      unit_id: demo.unit(spec.unit),
      group_id: null,
      date: spec.date,
      state: spec.state,
      justification: spec.state === 'absent_justified' ? 'illness' : null,
      recorded_by: null,
      recorded_at: `${spec.date}T12:00:00.000Z`,
    })
    .execute();
}

const JANUARY_SCHOOL_DAYS = ['2027-01-04', '2027-01-05', '2027-01-07', '2027-01-08', '2027-01-11', '2027-01-12', '2027-01-14', '2027-01-15'];

async function runMonth(c: Client, month: string, services: string[]) {
  const serviceIds = services.map((s) => demo.service(s));
  const start = await c.post('/api/staff/invoicing/runs', { month, serviceIds });
  if (start.status !== 202) return start;
  for (let i = 0; i < 200; i++) {
    const run = await c.get(`/api/staff/invoicing/runs/${start.body.id}`);
    if (run.body.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('run did not finish');
}

async function invoicesOf(familyId: number) {
  return demo.h.store.db.selectFrom('invoices').selectAll().where('family_id', '=', familyId).where('month', '=', '2027-01').execute();
}

async function linesOf(invoiceId: number) {
  return demo.h.store.db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoiceId).orderBy('sort_order').execute();
}

const count = async (table: 'invoices' | 'invoice_lines' | 'invoice_line_items' | 'invoicing_runs' | 'email_outbox' | 'audit_log') =>
  Number((await demo.h.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function pdfText(client: Client, app: 'portal' | 'backoffice', url: string): Promise<{ status: number; text: string }> {
  const cookies = app === 'portal' ? ['marelle_session', 'marelle_csrf'] : ['marelle_staff_session', 'marelle_staff_csrf'];
  const res = await supertest(demo.h[app])
    .get(url)
    .set('Cookie', cookies.map((n) => `${n}=${client.cookie(n) ?? ''}`).join('; '))
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  if (res.status !== 200) return { status: res.status, text: '' };
  const file = path.join(dataDir, `check-${Date.now()}.pdf`);
  fs.writeFileSync(file, res.body as Buffer);
  return { status: 200, text: execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8') };
}

describe('the monthly run', () => {
  it('shared custody: each home is invoiced for its own days at its own QF, no child-day twice', async () => {
    const { leo, jade, lefevre, moreau } = demo;
    for (const [i, date] of JANUARY_SCHOOL_DAYS.entries()) {
      await book({ family: i < 4 ? lefevre : moreau, child: leo, unit: 'restauration/repas', date, attendance: 'present' });
    }
    await book({ family: lefevre, child: jade, unit: 'restauration/repas', date: '2027-01-04', attendance: 'present' });
    const c = await agent();

    const preview = await c.get(`/api/staff/invoicing/preview?month=2027-01&services=${demo.service('restauration')}`);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.invoicesToIssue).toBe(2);
    const lefevrePreview = preview.body.families.find((f: { familyId: number }) => f.familyId === lefevre);
    expect(lefevrePreview.totalCents).toBe(5 * 250);
    expect(lefevrePreview.lines[0].explanation).toContain('QF de 601 à 1000');
    expect(await count('invoices')).toBe(0);

    const run = await runMonth(c, '2027-01', ['restauration']);
    expect(run.body).toMatchObject({ status: 'completed', invoicesIssued: 2, totalCents: 5 * 250 + 4 * 120, familiesDone: 2 });

    const [a] = await invoicesOf(lefevre);
    const [b] = await invoicesOf(moreau);
    expect(a).toMatchObject({ number: '2027-000001', total_cents: 1250, qf_applied: 780, status: 'unpaid', due_date: '2027-03-07' });
    expect(b).toMatchObject({ number: '2027-000002', total_cents: 480, qf_applied: 540 });
    const leoLines = (await linesOf(a?.id ?? 0)).filter((l) => l.child_id === leo);
    expect(leoLines.map((l) => [l.date_from, l.date_to, l.quantity, l.unit_price_cents, l.amount_cents])).toEqual([['2027-01-04', '2027-01-08', 4, 250, 1000]]);
    expect((await linesOf(b?.id ?? 0)).map((l) => [l.date_from, l.date_to, l.quantity, l.unit_price_cents])).toEqual([['2027-01-11', '2027-01-15', 4, 120]]);
    expect(await count('invoice_line_items')).toBe(9);
    expect(a?.pdf_storage_key).toMatch(/^[0-9a-f]{32}$/);

    // Running the month again issues nothing and says so.
    const again = await c.post('/api/staff/invoicing/runs', { month: '2027-01', serviceIds: [demo.service('restauration')] });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/Les factures de janvier 2027 sont déjà émises \(2 factures\) : rien de nouveau à émettre/);
    expect(await count('invoices')).toBe(2);
    expect((await demo.h.store.db.selectFrom('invoice_sequences').selectAll().execute())).toEqual([{ year: 2027, last_number: 2 }]);

    // The store itself refuses a child-day on a second line.
    const line = await demo.h.store.db.selectFrom('invoice_line_items').selectAll().executeTakeFirstOrThrow();
    await expect(demo.h.store.db.insertInto('invoice_line_items').values(line).execute()).rejects.toThrow(/UNIQUE/);
    // …and any change to an issued invoice.
    await expect(demo.h.store.db.updateTable('invoices').set({ total_cents: 1 }).where('id', '=', a?.id ?? 0).execute()).rejects.toThrow(/immutable/);
    await expect(demo.h.store.db.deleteFrom('invoices').where('id', '=', a?.id ?? 0).execute()).rejects.toThrow(/never deleted/);
  });

  it('bills each day through the billing matrix: attendance states, late cancellations per service, holidays, repas majoré', async () => {
    const { leo, jade, lefevre } = demo;
    const repas = 'restauration/repas';
    await book({ family: lefevre, child: leo, unit: repas, date: '2027-01-04', attendance: 'present' });
    await book({ family: lefevre, child: leo, unit: repas, date: '2027-01-05', attendance: 'absent_unjustified' });
    await book({ family: lefevre, child: leo, unit: repas, date: '2027-01-07', attendance: 'absent_justified' });
    await book({ family: lefevre, child: leo, unit: repas, date: '2027-01-08' }); // not recorded: billed as booked
    await book({ family: lefevre, child: leo, unit: repas, date: '2027-01-11', status: 'cancelled', billedIfCancelled: true }); // late: billed
    await book({ family: lefevre, child: leo, unit: repas, date: '2027-01-12', status: 'cancelled' }); // in time: free
    await book({ family: lefevre, child: leo, unit: repas, date: '2027-01-14', surchargeCents: 100, attendance: 'present' }); // late booking
    await attend({ family: lefevre, child: jade, unit: repas, date: '2027-01-15', bookingId: null, state: 'present_unbooked' }); // unbooked
    // Périscolaire: a late cancellation is free there.
    await book({ family: lefevre, child: jade, unit: 'periscolaire/soir', date: '2027-01-11', status: 'cancelled', billedIfCancelled: false });
    // ALSH vacances: bookings final; an exceptional absence is not billed.
    await book({ family: lefevre, child: jade, unit: 'alsh_vacances/journee', date: '2027-01-04', attendance: 'absent_justified' });
    await book({ family: lefevre, child: jade, unit: 'alsh_vacances/journee', date: '2027-01-05', attendance: 'absent_justified', exceptional: true });

    const c = await agent();
    const run = await runMonth(c, '2027-01', ['restauration', 'periscolaire', 'alsh_vacances']);
    expect(run.body.status).toBe('completed');
    const [invoice] = await invoicesOf(lefevre);
    const lines = await linesOf(invoice?.id ?? 0);
    const summary = lines.map((l) => [l.child_id === leo ? 'Léo' : 'Jade', l.kind, l.label, l.quantity, l.unit_price_cents, l.amount_cents]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['Léo', 'service', 'Repas', 2, 250, 500], // present ×2 (4th, 14th)
        ['Léo', 'service', 'Repas', 1, 250, 250], // absent unjustified
        ['Léo', 'surcharge', 'Majoration — Repas', 1, 100, 100], // late booking
        ['Jade', 'service', 'Journée (repas compris)', 1, 900, 900], // holiday absence, justified: billed
        ['Jade', 'surcharge', 'Majoration — Repas', 1, 100, 100], // present without booking
      ]),
    );
    const codes = lines.map((l) => l.explanation ?? '');
    expect(codes.some((e) => e.startsWith('Annulation hors délai : facturée'))).toBe(true);
    expect(codes.some((e) => e.startsWith('Réservation acceptée'))).toBe(true);
    expect(codes.some((e) => e.startsWith('Vacances : réservation définitive'))).toBe(true);
    expect(codes.some((e) => e.startsWith('Présence sans réservation'))).toBe(true);
    // Not billed: justified cantine absence, cancellation in time, périscolaire cancellation, exceptional absence.
    const billedDates = (await demo.h.store.db.selectFrom('invoice_line_items').select('date').execute()).map((r) => r.date).sort();
    expect(billedDates).toEqual(['2027-01-04', '2027-01-04', '2027-01-05', '2027-01-08', '2027-01-11', '2027-01-14', '2027-01-15']);
    // Léo: 2 present + 1 unjustified + 1 not recorded + 1 late cancellation = 5 × 2,50; surcharges 2 × 1 €; Jade: repas 2,50 + journée 9,00.
    expect(invoice?.total_cents).toBe(5 * 250 + 200 + 250 + 900);
  });

  it('QF changed mid-month: the QF on record at issue applies to the whole month; a tariff change splits the lines at its date', async () => {
    const { leo, lefevre } = demo;
    for (const date of JANUARY_SCHOOL_DAYS) await book({ family: lefevre, child: leo, unit: 'restauration/repas', date, attendance: 'present' });
    // Staff recorded a new QF on 20 January (1600: the 4,15 € bracket).
    await demo.h.store.db.updateTable('families').set({ qf: 1600, qf_valid_until: '2027-12-31' }).where('id', '=', lefevre).execute();
    // A new grid from 11 January: repas at 4,30 € for QF 1501 and more.
    const db = demo.h.store.db;
    const serviceId = demo.service('restauration');
    const grid = await db.insertInto('tariff_grids').values({ service_id: serviceId, name: 'Tarifs au 11/01/2027', valid_from: '2027-01-11', created_at: '2026-12-01T10:00:00.000Z' }).returning('id').executeTakeFirstOrThrow();
    const bracket = await db
      .insertInto('tariff_brackets')
      .values({ grid_id: grid.id, label: 'QF de 1501 et plus', qf_min: 1501, qf_max: null, outside_commune: 0, sort_order: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('tariff_prices').values({ bracket_id: bracket.id, unit_id: demo.unit('restauration/repas'), price_cents: 430 }).execute();

    const c = await agent();
    expect((await runMonth(c, '2027-01', ['restauration'])).body.status).toBe('completed');
    const [invoice] = await invoicesOf(lefevre);
    expect(invoice?.qf_applied).toBe(1600);
    const lines = await linesOf(invoice?.id ?? 0);
    expect(lines.map((l) => [l.date_from, l.date_to, l.quantity, l.unit_price_cents, l.amount_cents])).toEqual([
      ['2027-01-04', '2027-01-08', 4, 415, 1660],
      ['2027-01-11', '2027-01-15', 4, 430, 1720],
    ]);
    expect(invoice?.total_cents).toBe(3380);
  });

  it('17 meals at 4,15 € are invoiced 70,55 €', async () => {
    const { leo, lefevre } = demo;
    await demo.h.store.db.updateTable('families').set({ qf: 1600, qf_valid_until: '2027-12-31' }).where('id', '=', lefevre).execute();
    const days = ['04', '05', '07', '08', '11', '12', '14', '15', '18', '19', '21', '22', '25', '26', '28', '29', '06'];
    for (const d of days) await book({ family: lefevre, child: leo, unit: 'restauration/repas', date: `2027-01-${d}`, attendance: 'present' });
    const c = await agent();
    await runMonth(c, '2027-01', ['restauration']);
    const [invoice] = await invoicesOf(lefevre);
    expect(invoice?.total_cents).toBe(7055);
    const parent = await lefevreClient(demo.h);
    const { text } = await pdfText(parent, 'portal', `/api/family/invoices/${invoice?.id ?? 0}/pdf`);
    expect(text).toMatch(/17\s+4,15\s€\s+70,55\s€/);
    expect(text).toMatch(/Total à payer\s+70,55\s€/);
  });
});

describe('bad input changes nothing', () => {
  it('refuses a month in the future, a month not over, unknown services', async () => {
    const c = await agent();
    const before = await count('invoicing_runs');
    const future = await c.post('/api/staff/invoicing/runs', { month: '2027-03', serviceIds: [demo.service('restauration')] });
    expect(future.status).toBe(400);
    expect(future.body.message).toBe("Le mois de mars 2027 n'a pas encore commencé : il ne peut pas être facturé.");
    const current = await c.post('/api/staff/invoicing/runs', { month: '2027-02', serviceIds: [demo.service('restauration')] });
    expect(current.status).toBe(400);
    expect(current.body.message).toContain("n'est pas terminé : il pourra être facturé à partir du 01/03/2027");
    const none = await c.post('/api/staff/invoicing/runs', { month: '2027-01', serviceIds: [] });
    expect(none.status).toBe(400);
    expect(none.body.message).toBe('Choisissez au moins un service à facturer.');
    const empty = await c.post('/api/staff/invoicing/runs', { month: '2027-01', serviceIds: [demo.service('restauration')] });
    expect(empty.status).toBe(409);
    expect(empty.body.message).toContain('Aucune prestation facturable en janvier 2027');
    expect(await count('invoicing_runs')).toBe(before);
    expect(await count('invoices')).toBe(0);
  });

  it('a credit note larger than its invoice is refused; a valid one is numbered next and lowers what is due', async () => {
    const { leo, lefevre } = demo;
    for (const date of JANUARY_SCHOOL_DAYS.slice(0, 4)) await book({ family: lefevre, child: leo, unit: 'restauration/repas', date, attendance: 'present' });
    const c = await agent();
    await runMonth(c, '2027-01', ['restauration']);
    const [invoice] = await invoicesOf(lefevre);
    const id = invoice?.id ?? 0;
    const snapshot = [await count('invoices'), await count('audit_log'), await count('email_outbox')];
    const tooMuch = await c.post(`/api/staff/invoicing/invoices/${id}/credit-notes`, { amount: '10,01', reason: 'Erreur de saisie' });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.message).toBe(
      `L'avoir (${formatEuros(1001)}) ne peut pas dépasser le montant de la facture n° 2027-000001 restant à créditer : ${formatEuros(1000)} (facture de ${formatEuros(1000)}).`,
    );
    const zero = await c.post(`/api/staff/invoicing/invoices/${id}/credit-notes`, { amount: '0', reason: 'Erreur de saisie' });
    expect(zero.body.message).toBe('Le montant de l’avoir doit être supérieur à zéro.');
    expect([await count('invoices'), await count('audit_log'), await count('email_outbox')]).toEqual(snapshot);

    const ok = await c.post(`/api/staff/invoicing/invoices/${id}/credit-notes`, { amount: '2,50', reason: 'Repas du 04/01 non servi (grève)' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ number: '2027-000002', kind: 'credit_note', totalCents: 250, creditedInvoiceNumber: '2027-000001' });
    const detail = await c.get(`/api/staff/invoicing/invoices/${id}`);
    expect(detail.body).toMatchObject({ totalCents: 1000, creditedCents: 250, amountDueCents: 750, status: 'unpaid' });
    const rest = await c.post(`/api/staff/invoicing/invoices/${id}/credit-notes`, { amount: '7,51', reason: 'Erreur' });
    expect(rest.body.message).toContain(`restant à créditer : ${formatEuros(750)}`);
    expect((await c.post(`/api/staff/invoicing/invoices/${id}/credit-notes`, { amount: '7,50', reason: 'Annulation' })).status).toBe(201);
    expect((await c.get(`/api/staff/invoicing/invoices/${id}`)).body).toMatchObject({ amountDueCents: 0, status: 'credited', statusLabel: 'Annulée par avoir' });

    const statement = await c.get(`/api/staff/invoicing/families/${lefevre}/statement`);
    expect(statement.body.entries.map((e: { reference: string; amountCents: number }) => [e.reference, e.amountCents])).toEqual([
      ['2027-000001', 1000],
      ['2027-000002', -250],
      ['2027-000003', -750],
    ]);
    expect(statement.body.balanceCents).toBe(0);
  });
});

describe('the family’s « Factures »', () => {
  it('lists its invoices with state and balance, downloads its PDF, and never another family’s', async () => {
    const { leo, lefevre, moreau } = demo;
    for (const [i, date] of JANUARY_SCHOOL_DAYS.entries()) {
      await book({ family: i < 4 ? lefevre : moreau, child: leo, unit: 'restauration/repas', date, attendance: 'present' });
    }
    const c = await agent();
    await runMonth(c, '2027-01', ['restauration']);
    const [mine] = await invoicesOf(lefevre);
    const [theirs] = await invoicesOf(moreau);

    const parent = await lefevreClient(demo.h);
    const list = await parent.get('/api/family/invoices');
    expect(list.status).toBe(200);
    expect(list.body.invoices).toHaveLength(1);
    expect(list.body.invoices[0]).toMatchObject({ number: mine?.number, statusLabel: 'À payer', amountDueCents: 1000, monthLabel: 'janvier 2027' });
    expect(list.body.balanceCents).toBe(1000);

    const pdf = await pdfText(parent, 'portal', `/api/family/invoices/${mine?.id ?? 0}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.text).toContain(`Facture n° ${mine?.number ?? ''}`);
    expect(pdf.text).toContain('Léo Lefèvre');
    expect(pdf.text).toMatch(/Léo Lefèvre\s+Repas\s+du 04 au 08\/01\/2027\s+4\s+2,50\s€\s+10,00\s€/);
    expect(pdf.text).toMatch(/Total à payer\s+10,00\s€/);
    expect(pdf.text).toContain('PayFiP');

    expect((await parent.get(`/api/family/invoices/${theirs?.id ?? 0}`)).status).toBe(404);
    expect((await pdfText(parent, 'portal', `/api/family/invoices/${theirs?.id ?? 0}/pdf`)).status).toBe(404);
    const other = await moreauClient(demo.h);
    expect((await other.get('/api/family/invoices')).body.invoices.map((i: { number: string }) => i.number)).toEqual([theirs?.number]);
  });

  it('e-mails the invoice with its PDF attached (or a link, per the family’s choice), and reminds after the due date', async () => {
    const { leo, lefevre, moreau } = demo;
    for (const [i, date] of JANUARY_SCHOOL_DAYS.entries()) {
      await book({ family: i < 4 ? lefevre : moreau, child: leo, unit: 'restauration/repas', date, attendance: 'present' });
    }
    await demo.h.store.db.updateTable('families').set({ invoice_delivery: 'email_link' }).where('id', '=', moreau).execute();
    const c = await agent();
    await runMonth(c, '2027-01', ['restauration']);
    const mails = await demo.h.store.db.selectFrom('email_outbox').selectAll().where('subject', 'like', 'Votre facture de janvier 2027%').orderBy('id').execute();
    expect(mails.map((m) => [m.to_address, m.attachments === null])).toEqual([
      ['famille@demo.fr', false],
      ['moreau@demo.fr', true],
    ]);
    expect(mails[1]?.text_body).toContain('/espace/factures');

    const smtp = await startSmtpReceiver();
    try {
      const sent = await deliverDueEmails(demo.h.store.db, smtpTransport(smtp.url), demo.h.deps.config.mailFrom, demo.h.clock.now(), 500);
      expect(sent.failed).toBe(0);
      const received = await smtp.waitFor((m) => m.to.includes('famille@demo.fr') && m.subject.startsWith('Votre facture de janvier 2027'));
      expect(received.raw).toContain('application/pdf');
      expect(received.raw).toMatch(/filename="?facture-2027-000001\.pdf/);
    } finally {
      await smtp.close();
    }

    // Due 7 March: nothing before, one reminder each after, not again the next day.
    const before = await sendInvoiceReminders(demo.h.store.db, new Date('2027-03-07T10:00:00+01:00'), 'http://portail.test');
    expect(before).toBe(0);
    expect(await sendInvoiceReminders(demo.h.store.db, new Date('2027-03-08T10:00:00+01:00'), 'http://portail.test')).toBe(2);
    expect(await sendInvoiceReminders(demo.h.store.db, new Date('2027-03-09T10:00:00+01:00'), 'http://portail.test')).toBe(0);
    const reminder = await demo.h.store.db.selectFrom('email_outbox').select(['subject', 'text_body']).where('subject', 'like', 'Rappel%').executeTakeFirstOrThrow();
    expect(reminder.text_body).toContain('reste à régler pour 10,00');
  });

  it('exports the month for the treasury and lists invoices with filters', async () => {
    const { leo, lefevre, moreau } = demo;
    for (const [i, date] of JANUARY_SCHOOL_DAYS.entries()) {
      await book({ family: i < 4 ? lefevre : moreau, child: leo, unit: 'restauration/repas', date, attendance: 'present' });
    }
    const c = await agent();
    await runMonth(c, '2027-01', ['restauration']);
    const list = await c.get('/api/staff/invoicing/invoices?month=2027-01&q=Moreau');
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].familyId).toBe(moreau);
    expect((await c.get('/api/staff/invoicing/invoices?status=due')).body.total).toBe(2);
    const xlsx = await supertest(demo.h.backoffice)
      .get('/api/staff/invoicing/export?month=2027-01')
      .set('Cookie', `marelle_staff_session=${c.cookie('marelle_staff_session') ?? ''}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (d: Buffer) => chunks.push(d));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(2).getCell(1).value).toBe('2027-000001');
    expect(ws?.getRow(3).getCell(8).value).toBe(4.8);
    // A parent may not reach the staff's routes.
    const parent = await lefevreClient(demo.h);
    expect((await parent.get('/api/staff/invoicing/invoices')).status).toBeGreaterThanOrEqual(401);
  });
});
