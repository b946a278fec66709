/** The receipt ("reçu") of a payment, as a PDF: who paid, how much, how, for which invoices. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { notFound } from '../errors';
import { renderPdf, type PdfContent } from '../pdf/pdfmake';
import { METHOD_LABELS } from '../schemas/payments';
import { parisWallTime } from '../services/parisTime';
import { COMMUNE } from '../settings/definitions';
import { getSetting } from '../settings/settings';
import { formatEuros } from '../tariffs/money';
import { listPayments } from './queries';

const frenchDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export const receiptNumber = (paymentId: number): string => `R-${String(paymentId).padStart(6, '0')}`;

/** The receipt of one payment; `familyId` scopes it for a parent (another family's payment is 404). */
export async function renderReceipt(db: Kysely<Database>, paymentId: number, scope: { familyId?: number } = {}): Promise<{ fileName: string; pdf: Buffer }> {
  const [payment] = (await listPayments(db, scope.familyId !== undefined ? { familyId: scope.familyId, limit: 10_000 } : { limit: 10_000 })).filter((p) => p.id === paymentId);
  if (!payment || payment.status === 'rejected') throw notFound('Ce règlement est introuvable.');
  const commune = await getSetting(db, COMMUNE);
  const when = parisWallTime(payment.receivedAt);
  const rows: PdfContent[] = [
    [
      { text: 'Facture', bold: true },
      { text: 'Montant imputé', bold: true, alignment: 'right' },
    ],
    ...payment.allocations.map((a) => [a.invoiceNumber, { text: formatEuros(a.amountCents), alignment: 'right' }]),
  ];
  if (payment.unallocatedCents > 0) rows.push(['Avoir (utilisable sur les prochaines factures)', { text: formatEuros(payment.unallocatedCents), alignment: 'right' }]);
  const content: PdfContent = [
    { text: commune.name, style: 'title' },
    { text: [commune.address, [commune.postalCode, commune.city].filter(Boolean).join(' ')].filter(Boolean).join(' — '), margin: [0, 0, 0, 4] },
    { text: 'Pôle enfance-jeunesse', margin: [0, 0, 0, 18] },
    { text: `Reçu n° ${receiptNumber(payment.id)}`, style: 'heading' },
    { text: `Reçu de : ${payment.familyName}`, margin: [0, 8, 0, 0] },
    { text: `Le ${frenchDate(when.date)}, la somme de ${formatEuros(payment.amountCents)}` },
    { text: `Mode de règlement : ${METHOD_LABELS[payment.method]}${payment.reference ? ` (${payment.reference})` : ''}`, margin: [0, 0, 0, 12] },
    { table: { headerRows: 1, widths: ['*', 120], body: rows }, layout: 'lightHorizontalLines' },
    { text: `Pour la commune, le pôle enfance-jeunesse. ${commune.phone}`.trim(), margin: [0, 24, 0, 0], italics: true },
  ];
  const pdf = await renderPdf({
    content,
    styles: { title: { fontSize: 14, bold: true }, heading: { fontSize: 16, bold: true } },
    info: { title: `Reçu ${receiptNumber(payment.id)}` },
  });
  return { fileName: `recu-${receiptNumber(payment.id)}.pdf`, pdf };
}
