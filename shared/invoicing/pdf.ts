/**
 * The invoice (or credit note) as a PDF: the commune, the family as printed at issue, the lines per
 * child and service with the why of each, surcharges on their own lines, the total, the due date and
 * how to pay. Built from the stored invoice only, so a PDF rendered again says the same thing.
 */
import type { Commune } from '../settings/definitions';
import { fitsStandardFont, renderPdf, type PdfContent, type PdfDocument } from '../pdf/pdfmake';
import { formatEuros as euros } from '../tariffs/money';
import { ofMonthLabel } from './compute';
import type { InvoiceDto } from './read';

export interface PaymentOptions {
  /** The family has an active SEPA mandate: the invoice is collected by direct debit. */
  directDebit: boolean;
  publicUrl: string;
}

// The narrow no-break space of the French currency format is not in the standard fonts' WinAnsi.
const formatEuros = (cents: number): string => euros(cents).replace(/\u202f/g, '\u00a0');

const fr = (date: string | null): string => (date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : '');

/** "le 04/01/2027", "du 04 au 08/01/2027" (same month), "du 28/12/2026 au 08/01/2027". */
function period(from: string | null, to: string | null): string {
  if (!from || !to) return '';
  if (from === to) return `le ${fr(from)}`;
  if (from.slice(0, 7) === to.slice(0, 7)) return `du ${from.slice(8, 10)} au ${fr(to)}`;
  return `du ${fr(from)} au ${fr(to)}`;
}

// A rule under the header and above the total only: pdfmake's ready-made layouts draw (and cost) more.
const RULES = {
  hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 1 || i === node.table.body.length - 1 ? 0.5 : 0),
  vLineWidth: () => 0,
  hLineColor: () => '#888888',
};

export function invoiceDocument(invoice: InvoiceDto, commune: Commune, pay: PaymentOptions): PdfDocument {
  const credit = invoice.kind === 'credit_note';
  const title = credit ? `Avoir n° ${invoice.number}` : `Facture n° ${invoice.number}`;
  const communeLines = [commune.name, commune.address, `${commune.postalCode} ${commune.city}`.trim(), commune.phone, commune.email].filter((l) => l.trim() !== '');
  const body: PdfContent[] = [
    [
      { text: 'Enfant', bold: true },
      { text: 'Prestation', bold: true },
      { text: 'Période', bold: true },
      { text: 'Qté', bold: true, alignment: 'right' },
      { text: 'Prix unitaire', bold: true, alignment: 'right' },
      { text: 'Montant', bold: true, alignment: 'right' },
    ],
  ];
  for (const l of invoice.lines) {
    body.push([
      l.childName ?? '',
      {
        text: [
          l.label,
          ...(l.serviceName ? [{ text: `\n${l.serviceName}`, fontSize: 7.5, color: '#555555' }] : []),
          ...(l.explanation ? [{ text: `\n${l.explanation}`, fontSize: 7.5, color: '#555555' }] : []),
        ],
      },
      period(l.dateFrom, l.dateTo),
      { text: String(l.quantity), alignment: 'right' },
      { text: formatEuros(l.unitPriceCents), alignment: 'right' },
      { text: formatEuros(l.amountCents), alignment: 'right' },
    ]);
  }
  body.push(['', { text: credit ? 'Total de l’avoir' : 'Total à payer', bold: true }, '', '', '', { text: formatEuros(invoice.totalCents), bold: true, alignment: 'right' }]);

  const howToPay: PdfContent[] = credit
    ? [{ text: `Cet avoir annule tout ou partie de la facture n° ${invoice.creditedInvoiceNumber ?? ''} ; il est déduit de votre solde.`, margin: [0, 4, 0, 0] }]
    : [
        { text: 'Comment payer', style: 'h2' },
        ...(pay.directDebit
          ? [{ text: 'Cette facture sera prélevée sur votre compte (mandat de prélèvement SEPA actif) à l’échéance : vous n’avez rien à faire.' }]
          : []),
        { text: `En ligne, par carte bancaire (PayFiP) : depuis votre espace famille, rubrique « Factures » — ${pay.publicUrl.replace(/\/+$/, '')}/espace/factures` },
        { text: `À la mairie${commune.address ? ` (${commune.address}, ${commune.postalCode} ${commune.city})` : ''} : chèque à l’ordre du Trésor public, espèces ou CESU, en rappelant le numéro de facture.` },
      ];

  return {
    info: { title, author: commune.name, subject: `${title} — ${invoice.monthLabel}` },
    styles: { h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] }, h2: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] } },
    content: [
      {
        columns: [
          // Text with line breaks rather than stacks: measured once, which matters at thousands of PDFs.
          { text: [{ text: communeLines[0] ?? '', bold: true }, communeLines.slice(1).map((l) => `\n${l}`).join('')] },
          { text: [{ text: invoice.family.name, bold: true }, invoice.family.addressLines.map((l) => `\n${l}`).join('')], margin: [60, 0, 0, 0] },
        ],
      },
      { text: title, style: 'h1', margin: [0, 24, 0, 4] },
      {
        text: [
          `Pôle enfance-jeunesse — ${credit ? 'avoir' : 'prestations'} ${ofMonthLabel(invoice.monthLabel)}\n`,
          `Date d’émission : ${fr(invoice.issueDate)}${credit ? '' : ` — Date limite de paiement : ${fr(invoice.dueDate)}`}\n`,
          `Famille n° ${invoice.familyId}${invoice.qfApplied !== null ? ` — Quotient familial appliqué : ${invoice.qfApplied}` : ''}`,
        ],
        margin: [0, 0, 0, 10],
      },
      { table: { headerRows: 1, widths: [80, '*', 90, 22, 55, 55], body }, layout: RULES, fontSize: 9 },
      ...howToPay,
    ],
  };
}

/**
 * The PDF's bytes. Invoices are rendered by the thousand, so the standard Helvetica (nothing to
 * embed, about four times faster) is used whenever every character fits it; a name in another
 * script makes that invoice use the embedded Roboto instead.
 */
export async function renderInvoicePdf(invoice: InvoiceDto, commune: Commune, pay: PaymentOptions): Promise<Buffer> {
  const doc = invoiceDocument(invoice, commune, pay);
  const font = fitsStandardFont(JSON.stringify(doc.content)) ? 'Helvetica' : 'Roboto';
  return renderPdf({ ...doc, defaultStyle: { ...doc.defaultStyle, font } });
}
