/** An invoice's PDF for a download: the stored file, or (if it is missing) the same PDF rendered again from the stored invoice. */
import type { Db } from '../db/types';
import { COMMUNE } from '../settings/definitions';
import { getSetting } from '../settings/settings';
import { renderInvoicePdf } from './pdf';
import { loadInvoice } from './read';
import { readInvoicePdf } from './storage';

export async function invoicePdf(
  db: Db,
  invoiceId: number,
  options: { dataDir: string; publicUrl: string; familyId?: number },
): Promise<{ fileName: string; bytes: Buffer }> {
  const invoice = await loadInvoice(db, invoiceId, options.familyId);
  const fileName = `${invoice.kind === 'invoice' ? 'facture' : 'avoir'}-${invoice.number}.pdf`;
  const row = await db.selectFrom('invoices').select('pdf_storage_key').where('id', '=', invoice.id).executeTakeFirstOrThrow();
  const stored = row.pdf_storage_key ? await readInvoicePdf(options.dataDir, row.pdf_storage_key) : null;
  if (stored) return { fileName, bytes: stored };
  const commune = await getSetting(db, COMMUNE);
  return { fileName, bytes: await renderInvoicePdf(invoice, commune, { directDebit: invoice.status === 'direct_debit', publicUrl: options.publicUrl }) };
}
