/**
 * The family's account: what each invoice still owes, payments allocated to invoices, and the
 * credit left by an overpayment. Amounts in integer cents. Only confirmed payments count as paid;
 * a SEPA debit waiting for the bank (pending) only keeps its invoice from being collected twice.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import type { InvoicesTable, InvoiceStatus } from '../db/tables/billing.table';
import type { Db, Trx } from '../db/types';
import { settledStatus } from '../invoicing/accounts';
import { creditedBy } from '../invoicing/read';

export type InvoiceRow = Selectable<InvoicesTable>;

/** Invoices that may still receive money. */
export const OPEN_STATUSES: readonly InvoiceStatus[] = ['unpaid', 'partially_paid', 'direct_debit'];

export const isOpen = (inv: Pick<InvoiceRow, 'kind' | 'status'>): boolean => inv.kind === 'invoice' && OPEN_STATUSES.includes(inv.status);

/**
 * What is left to pay on an invoice: total less payments and credit notes (the invoicing slice's
 * rule: a credit note is its own row pointing at the invoice), ignoring pending debits.
 */
export const remainingCents = (inv: Pick<InvoiceRow, 'total_cents' | 'paid_cents'>, creditedCents = 0): number =>
  Math.max(0, inv.total_cents - inv.paid_cents - creditedCents);

/** The status after `paid_cents` changed: the invoicing slice's rule, one place for both. */
export function statusAfter(before: InvoiceStatus, totalCents: number, paidCents: number, creditedCents: number, afterReject = false): InvoiceStatus {
  return settledStatus({ total_cents: totalCents, paid_cents: paidCents, status: before }, creditedCents, { afterReject });
}

/** Credit notes' totals by credited invoice. */
export const creditedCents = (db: Db, invoiceIds: readonly number[]): Promise<Map<number, number>> => creditedBy(db, invoiceIds);

export interface OpenInvoice {
  row: InvoiceRow;
  /** Total less payments and credit notes. */
  remainingCents: number;
  /** What may still be paid now: remaining less the debits already sent to the bank. */
  payableCents: number;
  pendingDebitCents: number;
}

/** A family's open invoices, oldest due date first, with what each still owes. */
export async function openInvoices(db: Db, familyId: number): Promise<OpenInvoice[]> {
  const rows = await db
    .selectFrom('invoices')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('kind', '=', 'invoice')
    .where('status', 'in', OPEN_STATUSES)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  return withAmounts(db, rows);
}

export async function withAmounts(db: Db, rows: readonly InvoiceRow[]): Promise<OpenInvoice[]> {
  const ids = rows.map((r) => r.id);
  const [credited, pending] = await Promise.all([creditedCents(db, ids), pendingDebitCents(db, ids)]);
  return rows.map((row) => {
    const remaining = isOpen(row) ? remainingCents(row, credited.get(row.id) ?? 0) : 0;
    const pendingDebit = pending.get(row.id) ?? 0;
    return { row, remainingCents: remaining, pendingDebitCents: pendingDebit, payableCents: Math.max(0, remaining - pendingDebit) };
  });
}

/** Cents of SEPA debits still pending on each of these invoices. */
export async function pendingDebitCents(db: Db, invoiceIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (invoiceIds.length === 0) return out;
  const rows = await db
    .selectFrom('payment_allocations as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .select(['a.invoice_id', (eb) => eb.fn.sum<number>('a.amount_cents').as('cents')])
    .where('p.status', '=', 'pending')
    .where('a.invoice_id', 'in', invoiceIds)
    .groupBy('a.invoice_id')
    .execute();
  for (const r of rows) out.set(r.invoice_id, Number(r.cents));
  return out;
}

/** What a family may pay now on this invoice: remaining minus debits already on their way. */
export async function payableCents(db: Db, inv: InvoiceRow): Promise<number> {
  const [one] = await withAmounts(db, [inv]);
  return one?.payableCents ?? 0;
}

/**
 * Allocates `cents` of a payment to an invoice and, when the payment is confirmed, adds them to the
 * invoice's paid amount. The caller has checked the amount against what is payable.
 */
export async function allocate(trx: Trx, paymentId: number, invoiceId: number, cents: number, confirmed: boolean): Promise<void> {
  if (cents <= 0) return;
  await trx
    .insertInto('payment_allocations')
    .values({ payment_id: paymentId, invoice_id: invoiceId, amount_cents: cents })
    .onConflict((oc) => oc.columns(['payment_id', 'invoice_id']).doUpdateSet((eb) => ({ amount_cents: eb('payment_allocations.amount_cents', '+', eb.ref('excluded.amount_cents')) })))
    .execute();
  if (confirmed) await addPaid(trx, invoiceId, cents);
}

/** Moves an invoice's paid amount by `delta` cents and updates its status. */
export async function addPaid(trx: Trx, invoiceId: number, delta: number, afterReject = false): Promise<InvoiceRow> {
  const inv = await trx.selectFrom('invoices').selectAll().where('id', '=', invoiceId).executeTakeFirstOrThrow();
  const paid = Math.max(0, inv.paid_cents + delta);
  const credited = (await creditedCents(trx, [invoiceId])).get(invoiceId) ?? 0;
  return trx
    .updateTable('invoices')
    .set({ paid_cents: paid, status: statusAfter(inv.status, inv.total_cents, paid, credited, afterReject) })
    .where('id', '=', invoiceId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Confirmed payments of a family with the part not allocated to any invoice (its credit). */
export async function unallocatedPayments(db: Db, familyId: number): Promise<{ id: number; receivedAt: string; remainingCents: number }[]> {
  const rows = await db
    .selectFrom('payments as p')
    .leftJoin('payment_allocations as a', 'a.payment_id', 'p.id')
    .select(['p.id', 'p.received_at', 'p.amount_cents', (eb) => eb.fn.coalesce(eb.fn.sum<number>('a.amount_cents'), eb.lit(0)).as('allocated')])
    .where('p.family_id', '=', familyId)
    .where('p.status', '=', 'confirmed')
    .groupBy(['p.id', 'p.received_at', 'p.amount_cents'])
    .orderBy('p.received_at')
    .orderBy('p.id')
    .execute();
  return rows
    .map((r) => ({ id: r.id, receivedAt: r.received_at, remainingCents: r.amount_cents - Number(r.allocated) }))
    .filter((r) => r.remainingCents > 0);
}

export interface FamilyBalance {
  /** Still to pay on open invoices (pending debits included). */
  dueCents: number;
  /** Part of it already sent to the bank by direct debit. */
  pendingDebitCents: number;
  /** Money received and not allocated yet: usable on the next invoice. */
  creditCents: number;
  /** due − credit: positive, the family owes; negative, the commune owes. */
  balanceCents: number;
}

export async function familyBalance(db: Db, familyId: number): Promise<FamilyBalance> {
  const open = await openInvoices(db, familyId);
  const dueCents = open.reduce((s, i) => s + i.remainingCents, 0);
  const pendingDebit = open.reduce((s, i) => s + Math.min(i.pendingDebitCents, i.remainingCents), 0);
  const creditCents = (await unallocatedPayments(db, familyId)).reduce((s, p) => s + p.remainingCents, 0);
  return { dueCents, pendingDebitCents: pendingDebit, creditCents, balanceCents: dueCents - creditCents };
}

/**
 * Uses the family's credit on its open invoices, oldest due date first (never on the part already
 * sent by direct debit). Returns the cents applied. Idempotent: with no credit left it does nothing.
 */
export async function applyFamilyCredit(trx: Trx, familyId: number): Promise<number> {
  const credits = await unallocatedPayments(trx, familyId);
  if (credits.length === 0) return 0;
  const invoices = (await openInvoices(trx, familyId)).map((i) => ({ id: i.row.id, payable: i.payableCents }));
  let applied = 0;
  for (const credit of credits) {
    let left = credit.remainingCents;
    for (const inv of invoices) {
      if (left <= 0) break;
      const cents = Math.min(left, inv.payable);
      if (cents <= 0) continue;
      await allocate(trx, credit.id, inv.id, cents, true);
      inv.payable -= cents;
      left -= cents;
      applied += cents;
    }
  }
  return applied;
}

/** Every family with credit and an open invoice gets it applied (daily job). */
export async function applyAllCredits(db: Kysely<Database>): Promise<number> {
  const families = await db
    .selectFrom('payments')
    .select('family_id')
    .distinct()
    .where('status', '=', 'confirmed')
    .where('family_id', 'in', (eb) => eb.selectFrom('invoices').select('family_id').where('kind', '=', 'invoice').where('status', 'in', OPEN_STATUSES))
    .execute();
  let total = 0;
  for (const f of families) total += await db.transaction().execute((trx) => applyFamilyCredit(trx, f.family_id));
  return total;
}
