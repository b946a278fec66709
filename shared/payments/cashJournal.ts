/** The daily cash journal of the régie, for the treasury: every payment received that day, per method. */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { METHOD_LABELS } from '../schemas/payments';
import { parisWallTime } from '../services/parisTime';
import { listPayments } from './queries';
import { receiptNumber } from './receipt';

export async function cashJournalWorkbook(db: Kysely<Database>, day: string): Promise<{ fileName: string; buffer: Buffer; count: number; totalCents: number }> {
  const payments = (await listPayments(db, { from: day, to: day, limit: 100_000 })).filter((p) => p.status !== 'rejected' && p.method !== 'sepa').reverse();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Marelle';
  const ws = wb.addWorksheet(`Journal ${day}`);
  ws.columns = [
    { header: 'Heure', key: 'time', width: 8 },
    { header: 'Reçu', key: 'receipt', width: 11 },
    { header: 'Famille', key: 'family', width: 30 },
    { header: 'Mode', key: 'method', width: 24 },
    { header: 'Référence', key: 'reference', width: 22 },
    { header: 'Factures', key: 'invoices', width: 30 },
    { header: 'Montant (€)', key: 'amount', width: 14 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const p of payments) {
    ws.addRow({
      time: parisWallTime(p.receivedAt).time,
      receipt: receiptNumber(p.id),
      family: p.familyName,
      method: METHOD_LABELS[p.method],
      reference: p.reference ?? '',
      invoices: p.allocations.map((a) => a.invoiceNumber).join(', '),
      // Exact: cents / 100 shown with 2 decimals; totals below are computed in cents.
      amount: p.amountCents / 100,
    });
  }
  ws.getColumn('amount').numFmt = '#,##0.00';
  ws.addRow({});
  const byMethod = new Map<string, number>();
  for (const p of payments) byMethod.set(METHOD_LABELS[p.method], (byMethod.get(METHOD_LABELS[p.method]) ?? 0) + p.amountCents);
  for (const [method, cents] of byMethod) ws.addRow({ method: `Total ${method}`, amount: cents / 100 }).font = { bold: true };
  const totalCents = payments.reduce((s, p) => s + p.amountCents, 0);
  ws.addRow({ method: 'Total du jour', amount: totalCents / 100 }).font = { bold: true };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `journal-de-caisse-${day}.xlsx`, buffer, count: payments.length, totalCents };
}
