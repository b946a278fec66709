/** Read models of the payments screens: rows → DTOs with the fields listed explicitly. */
import type { Kysely } from 'kysely';
import { addDays } from '../calendar/dates';
import type { Database } from '../db/schema';
import type { PaymentMethod } from '../db/tables/billing.table';
import type { Db } from '../db/types';
import { parisInstant } from '../services/parisTime';

export interface PaymentDto {
  id: number;
  familyId: number;
  familyName: string;
  method: PaymentMethod;
  amountCents: number;
  status: 'confirmed' | 'pending' | 'rejected';
  receivedAt: string;
  reference: string | null;
  rejectionReason: string | null;
  notes: string | null;
  debitRunId: number | null;
  allocations: { invoiceId: number; invoiceNumber: string; amountCents: number }[];
  /** Confirmed and not allocated: the family's credit from this payment. */
  unallocatedCents: number;
}

export interface PayfipTransactionDto {
  id: number;
  invoiceId: number;
  invoiceNumber: string;
  familyId: number;
  familyName: string;
  amountCents: number;
  status: 'created' | 'paid' | 'refused' | 'abandoned' | 'expired' | 'error';
  resultCode: string | null;
  idOp: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export interface DebitRunDto {
  id: number;
  dueDate: string;
  messageId: string;
  status: 'draft' | 'generated' | 'submitted' | 'settled';
  transactionsCount: number;
  totalCents: number;
  rejectedCount: number;
  createdAt: string;
  hasFile: boolean;
}

/** "DURAND Alice" from the family's responsable. */
async function familyNames(db: Db, familyIds: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (familyIds.length === 0) return out;
  const rows = await db
    .selectFrom('guardians')
    .select(['family_id', 'last_name', 'first_name', 'role', 'id'])
    .where('family_id', 'in', [...new Set(familyIds)])
    .orderBy('id')
    .execute();
  for (const r of rows) {
    if (r.role === 'responsable' || !out.has(r.family_id)) out.set(r.family_id, `${r.last_name.toUpperCase()} ${r.first_name}`);
  }
  return out;
}

export interface PaymentFilter {
  familyId?: number;
  /** Paris calendar days, inclusive. */
  from?: string;
  to?: string;
  methods?: readonly PaymentMethod[];
  debitRunId?: number;
  limit?: number;
}

export async function listPayments(db: Db, filter: PaymentFilter = {}): Promise<PaymentDto[]> {
  let q = db.selectFrom('payments').selectAll();
  if (filter.familyId !== undefined) q = q.where('family_id', '=', filter.familyId);
  if (filter.from) q = q.where('received_at', '>=', parisInstant(filter.from, '00:00'));
  if (filter.to) q = q.where('received_at', '<', parisInstant(addDays(filter.to, 1), '00:00'));
  if (filter.methods && filter.methods.length > 0) q = q.where('method', 'in', filter.methods);
  if (filter.debitRunId !== undefined) q = q.where('sepa_debit_run_id', '=', filter.debitRunId);
  const rows = await q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 500).execute();
  const ids = rows.map((r) => r.id);
  const allocations = ids.length
    ? await db
        .selectFrom('payment_allocations as a')
        .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
        .select(['a.payment_id', 'a.invoice_id', 'a.amount_cents', 'i.number'])
        .where('a.payment_id', 'in', ids)
        .orderBy('i.due_date')
        .execute()
    : [];
  const names = await familyNames(
    db,
    rows.map((r) => r.family_id),
  );
  return rows.map((r) => {
    const mine = allocations.filter((a) => a.payment_id === r.id);
    const allocated = mine.reduce((s, a) => s + a.amount_cents, 0);
    return {
      id: r.id,
      familyId: r.family_id,
      familyName: names.get(r.family_id) ?? `Famille ${r.family_id}`,
      method: r.method,
      amountCents: r.amount_cents,
      status: r.status,
      receivedAt: r.received_at,
      reference: r.reference,
      rejectionReason: r.rejection_reason,
      notes: r.notes,
      debitRunId: r.sepa_debit_run_id,
      allocations: mine.map((a) => ({ invoiceId: a.invoice_id, invoiceNumber: a.number, amountCents: a.amount_cents })),
      unallocatedCents: r.status === 'confirmed' ? r.amount_cents - allocated : 0,
    };
  });
}

export async function listPayfipTransactions(db: Db, filter: { familyId?: number; limit?: number } = {}): Promise<PayfipTransactionDto[]> {
  let q = db
    .selectFrom('payfip_transactions as t')
    .innerJoin('invoices as i', 'i.id', 't.invoice_id')
    .select(['t.id', 't.invoice_id', 'i.number', 't.family_id', 't.amount_cents', 't.status', 't.result_code', 't.id_op', 't.created_at', 't.resolved_at']);
  if (filter.familyId !== undefined) q = q.where('t.family_id', '=', filter.familyId);
  const rows = await q.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(filter.limit ?? 500).execute();
  const names = await familyNames(
    db,
    rows.map((r) => r.family_id),
  );
  return rows.map((r) => ({
    id: r.id,
    invoiceId: r.invoice_id,
    invoiceNumber: r.number,
    familyId: r.family_id,
    familyName: names.get(r.family_id) ?? `Famille ${r.family_id}`,
    amountCents: r.amount_cents,
    status: r.status,
    resultCode: r.result_code,
    idOp: r.id_op,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
  }));
}

export async function listDebitRuns(db: Kysely<Database>): Promise<DebitRunDto[]> {
  const runs = await db.selectFrom('sepa_debit_runs').selectAll().orderBy('due_date', 'desc').orderBy('id', 'desc').execute();
  const rejected = await db
    .selectFrom('payments')
    .select(['sepa_debit_run_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'rejected')
    .where('sepa_debit_run_id', 'is not', null)
    .groupBy('sepa_debit_run_id')
    .execute();
  return runs.map((r) => ({
    id: r.id,
    dueDate: r.due_date,
    messageId: r.message_id,
    status: r.status,
    transactionsCount: r.transactions_count,
    totalCents: r.total_cents,
    rejectedCount: Number(rejected.find((x) => x.sepa_debit_run_id === r.id)?.n ?? 0),
    createdAt: r.created_at,
    hasFile: r.file_storage_key !== null,
  }));
}

/** What a parent sees of an online payment: its state, never PayFiP's identifiers. */
export interface FamilyPayfipDto {
  id: number;
  invoiceId: number;
  invoiceNumber: string;
  amountCents: number;
  status: PayfipTransactionDto['status'];
}

export const familyPayfipDto = (t: PayfipTransactionDto): FamilyPayfipDto => ({
  id: t.id,
  invoiceId: t.invoiceId,
  invoiceNumber: t.invoiceNumber,
  amountCents: t.amountCents,
  status: t.status,
});

export { familyNames };
