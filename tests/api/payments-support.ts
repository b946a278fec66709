/** Test helpers of the payments slice: invoices written directly (no dependency on invoicing code) and the XSD check. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InvoiceStatus } from '../../shared/db/tables/billing.table';
import type { Store } from '../../shared/db/store';

export const XSD = fileURLToPath(new URL('../../../shared/data/pain.008.001.02.xsd', import.meta.url));

const hasXmllint = (() => {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Why the XSD validation cannot run here, or null when it can. */
export const xsdSkipReason: string | null = !fs.existsSync(XSD) ? `pain.008.001.02.xsd absent (${XSD})` : !hasXmllint ? 'xmllint absent' : null;

/** Validates with xmllint; returns its complaint, or null when the file is valid. */
export function xsdErrors(xml: string): string | null {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pain008-')), 'file.xml');
  fs.writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

let sequence = 0;

/** An issued invoice, as the invoicing slice would write it. */
export async function addInvoice(
  store: Store,
  familyId: number,
  options: { totalCents: number; status?: InvoiceStatus; paidCents?: number; dueDate?: string; month?: string } ,
): Promise<{ id: number; number: string }> {
  sequence += 1;
  const number = `2026-${String(sequence).padStart(6, '0')}`;
  const row = await store.db
    .insertInto('invoices')
    .values({
      number,
      year: 2026,
      sequence,
      kind: 'invoice',
      credited_invoice_id: null,
      family_id: familyId,
      // One invoice per family and month (invoicing's unique index): each helper invoice its own month.
      month: options.month ?? `${2000 + Math.floor(sequence / 12)}-${String((sequence % 12) + 1).padStart(2, '0')}`,
      run_id: null,
      issued_at: '2026-11-02T09:00:00.000Z',
      due_date: options.dueDate ?? '2026-11-30',
      total_cents: options.totalCents,
      paid_cents: options.paidCents ?? 0,
      status: options.status ?? 'unpaid',
      qf_applied: 800,
      family_snapshot: '{}',
      pdf_storage_key: null,
      emailed_at: null,
      last_reminder_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, number };
}

export async function invoiceRow(store: Store, id: number) {
  return store.db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
