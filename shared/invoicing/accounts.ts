/**
 * After issue: credit notes (the only way to correct an invoice), reminders of unpaid invoices past
 * their due date, and the month's export for the treasury.
 */
import ExcelJS from 'exceljs';
import { writeAudit, type Actor } from '../audit/audit';
import { parisDateOf } from '../calendar/dates';
import type { InvoiceStatus } from '../db/tables/billing.table';
import type { Db } from '../db/types';
import { AppError, notFound } from '../errors';
import { enqueueEmail } from '../mail/outbox';
import { COMMUNE } from '../settings/definitions';
import { getSetting } from '../settings/settings';
import { formatEuros } from '../tariffs/money';
import { monthLabel } from './compute';
import { reminderText } from './emails';
import { amountDue, creditedBy, listInvoices } from './read';
import { loadFamilyInfos } from './run';

/** Days between two reminders of the same invoice. */
export const REMINDER_INTERVAL_DAYS = 15;

/**
 * The status an invoice takes once paid or credited amounts change (payments use it too). An
 * invoice being collected by direct debit stays so, unless the bank has just rejected the debit.
 */
export function settledStatus(
  row: { total_cents: number; paid_cents: number; status: InvoiceStatus },
  creditedCents: number,
  options: { afterReject?: boolean } = {},
): InvoiceStatus {
  const due = Math.max(0, row.total_cents - row.paid_cents - creditedCents);
  if (due === 0) return row.paid_cents > 0 ? 'paid' : 'credited';
  if (row.status === 'direct_debit' && !options.afterReject) return 'direct_debit';
  return row.paid_cents > 0 ? 'partially_paid' : 'unpaid';
}

/**
 * A credit note of `amountCents` against an invoice, numbered in the year's sequence. Never more
 * than what the invoice still carries (its total less the credit notes already issued).
 */
export async function issueCreditNote(
  db: Db,
  invoiceId: number,
  input: { amountCents: number; reason: string },
  actor: Actor,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const invoice = await trx.selectFrom('invoices').selectAll().where('id', '=', invoiceId).executeTakeFirst();
    if (!invoice) throw notFound('Cette facture est introuvable.');
    if (invoice.kind !== 'invoice') throw new AppError('validation', 'Un avoir se rapporte à une facture, pas à un autre avoir.');
    const credited = (await creditedBy(trx, [invoiceId])).get(invoiceId) ?? 0;
    const room = invoice.total_cents - credited;
    if (input.amountCents > room) {
      const message =
        room <= 0
          ? `La facture n° ${invoice.number} est déjà entièrement annulée par des avoirs : aucun avoir supplémentaire n'est possible.`
          : `L'avoir (${formatEuros(input.amountCents)}) ne peut pas dépasser le montant de la facture n° ${invoice.number} restant à créditer : ${formatEuros(room)} (facture de ${formatEuros(invoice.total_cents)}${credited > 0 ? `, avoirs déjà émis : ${formatEuros(credited)}` : ''}).`;
      throw new AppError('validation', message, [{ path: 'amount', message }]);
    }
    const year = Number(parisDateOf(now.toISOString()).slice(0, 4));
    const seq = await trx.selectFrom('invoice_sequences').select('last_number').where('year', '=', year).executeTakeFirst();
    const number = (seq?.last_number ?? 0) + 1;
    await trx
      .insertInto('invoice_sequences')
      .values({ year, last_number: number })
      .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: number }))
      .execute();
    const note = await trx
      .insertInto('invoices')
      .values({
        number: `${year}-${String(number).padStart(6, '0')}`,
        year,
        sequence: number,
        kind: 'credit_note',
        credited_invoice_id: invoice.id,
        family_id: invoice.family_id,
        month: invoice.month,
        run_id: null,
        issued_at: now.toISOString(),
        due_date: parisDateOf(now.toISOString()),
        total_cents: input.amountCents,
        paid_cents: 0,
        status: 'credited',
        qf_applied: invoice.qf_applied,
        family_snapshot: invoice.family_snapshot,
        pdf_storage_key: null,
        emailed_at: null,
        last_reminder_at: null,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('invoice_lines')
      .values({
        invoice_id: note.id,
        child_id: null,
        service_id: null,
        unit_id: null,
        kind: 'credit',
        label: `Avoir sur la facture n° ${invoice.number} : ${input.reason}`,
        date_from: null,
        date_to: null,
        quantity: 1,
        unit_price_cents: input.amountCents,
        amount_cents: input.amountCents,
        explanation: input.reason,
        sort_order: 1,
      })
      .execute();
    const status = settledStatus(invoice, credited + input.amountCents);
    if (status !== invoice.status) await trx.updateTable('invoices').set({ status }).where('id', '=', invoice.id).execute();
    await writeAudit(
      trx,
      actor,
      {
        action: 'invoice.credit_note',
        entityType: 'invoice',
        entityId: invoice.id,
        familyId: invoice.family_id,
        changes: { avoir: [null, `${note.number} : ${formatEuros(input.amountCents)} — ${input.reason}`], ...(status !== invoice.status ? { status: [invoice.status, status] } : {}) },
      },
      now,
    );
    return note.id;
  });
}

/**
 * E-mails a reminder for each invoice still due after its due date, at most every
 * REMINDER_INTERVAL_DAYS (idempotent: for the daily job). Returns how many were sent.
 */
export async function sendInvoiceReminders(db: Db, now: Date, publicUrl: string): Promise<number> {
  const today = parisDateOf(now.toISOString());
  const lastBefore = new Date(now.getTime() - REMINDER_INTERVAL_DAYS * 86_400_000).toISOString();
  const rows = await db
    .selectFrom('invoices')
    .selectAll()
    .where('kind', '=', 'invoice')
    .where('status', 'in', ['unpaid', 'partially_paid'])
    .where('due_date', '<', today)
    .where((eb) => eb.or([eb('last_reminder_at', 'is', null), eb('last_reminder_at', '<=', lastBefore)]))
    .execute();
  if (rows.length === 0) return 0;
  const credited = await creditedBy(db, rows.map((r) => r.id));
  const due = rows.filter((r) => amountDue(r, credited.get(r.id) ?? 0) > 0);
  const infos = await loadFamilyInfos(db, [...new Set(due.map((r) => r.family_id))]);
  const commune = await getSetting(db, COMMUNE);
  let sent = 0;
  await db.transaction().execute(async (trx) => {
    for (const r of due) {
      const info = infos.get(r.family_id);
      await trx.updateTable('invoices').set({ last_reminder_at: now.toISOString() }).where('id', '=', r.id).execute();
      if (!info?.email) continue;
      const { subject, text } = reminderText(
        commune,
        info.hello,
        { number: r.number, monthLabel: monthLabel(r.month), amountDueCents: amountDue(r, credited.get(r.id) ?? 0), dueDate: r.due_date },
        publicUrl,
      );
      await enqueueEmail(trx, { to: info.email, subject, text, familyId: r.family_id }, now);
      sent += 1;
    }
  });
  return sent;
}

/** The month's invoices and credit notes as an Excel workbook for the treasury. */
export async function exportMonthXlsx(db: Db, month: string, now: Date): Promise<{ fileName: string; buffer: Buffer; rowCount: number }> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Marelle';
  workbook.created = now;
  const ws = workbook.addWorksheet(`Factures ${month}`);
  ws.columns = [
    { header: 'Numéro', key: 'number', width: 14 },
    { header: 'Type', key: 'kind', width: 9 },
    { header: 'Facture d’origine', key: 'origin', width: 14 },
    { header: 'Émise le', key: 'issued', width: 11 },
    { header: 'Échéance', key: 'due', width: 11 },
    { header: 'Famille n°', key: 'family', width: 10 },
    { header: 'Nom', key: 'name', width: 28 },
    { header: 'Montant (€)', key: 'total', width: 12, style: { numFmt: '#,##0.00' } },
    { header: 'Payé (€)', key: 'paid', width: 12, style: { numFmt: '#,##0.00' } },
    { header: 'Avoirs (€)', key: 'credited', width: 12, style: { numFmt: '#,##0.00' } },
    { header: 'Reste dû (€)', key: 'due_amount', width: 12, style: { numFmt: '#,##0.00' } },
    { header: 'État', key: 'status', width: 18 },
  ];
  ws.getRow(1).font = { bold: true };
  let page = 1;
  const all = [];
  for (;;) {
    const result = await listInvoices(db, { month, page, pageSize: 500 });
    all.push(...result.items);
    if (page * result.pageSize >= result.total) break;
    page += 1;
  }
  all.sort((a, b) => (a.number < b.number ? -1 : 1));
  {
    for (const i of all) {
      ws.addRow({
        number: i.number,
        kind: i.kind === 'invoice' ? 'Facture' : 'Avoir',
        origin: i.creditedInvoiceNumber ?? '',
        issued: i.issueDate,
        due: i.kind === 'invoice' ? i.dueDate : '',
        family: i.familyId,
        name: i.familyName,
        // Cents to euros for the spreadsheet only: every sum stays computed in cents.
        total: (i.kind === 'invoice' ? i.totalCents : -i.totalCents) / 100,
        paid: i.paidCents / 100,
        credited: i.creditedCents / 100,
        due_amount: i.amountDueCents / 100,
        status: i.statusLabel,
      });
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 12 } };
  const data = await workbook.xlsx.writeBuffer();
  return { fileName: `factures-${month}.xlsx`, buffer: Buffer.from(data), rowCount: all.length };
}

