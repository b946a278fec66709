/**
 * Invoices as the screens and the PDF see them (rows → DTOs, fields listed explicitly), the amount
 * still due, and the lists: staff search, a family's invoices, the account statement.
 */
import type { Selectable } from 'kysely';
import type { IsoDate } from '../calendar/dates';
import { parisDateOf } from '../calendar/dates';
import type { InvoicesTable, InvoiceStatus } from '../db/tables/billing.table';
import type { Db } from '../db/types';
import { notFound } from '../errors';
import { monthLabel } from './compute';

export interface FamilySnapshot {
  name: string;
  addressLines: string[];
  email: string | null;
}

export interface InvoiceLineDto {
  id: number;
  kind: 'service' | 'surcharge' | 'credit' | 'adjustment';
  childId: number | null;
  childName: string | null;
  serviceName: string | null;
  label: string;
  dateFrom: IsoDate | null;
  dateTo: IsoDate | null;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
  explanation: string | null;
}

export interface InvoiceSummaryDto {
  id: number;
  number: string;
  kind: 'invoice' | 'credit_note';
  familyId: number;
  familyName: string;
  month: string;
  monthLabel: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  totalCents: number;
  paidCents: number;
  /** Sum of the credit notes issued against this invoice (0 for a credit note). */
  creditedCents: number;
  amountDueCents: number;
  status: InvoiceStatus;
  statusLabel: string;
  creditedInvoiceId: number | null;
  creditedInvoiceNumber: string | null;
  hasPdf: boolean;
  emailedAt: string | null;
  lastReminderAt: string | null;
}

export interface InvoiceDto extends InvoiceSummaryDto {
  qfApplied: number | null;
  family: FamilySnapshot;
  lines: InvoiceLineDto[];
}

export const STATUS_LABELS: Record<InvoiceStatus, string> = {
  unpaid: 'À payer',
  partially_paid: 'Partiellement payée',
  paid: 'Payée',
  direct_debit: 'En prélèvement',
  credited: 'Annulée par avoir',
};

type InvoiceRow = Selectable<InvoicesTable>;

export function parseSnapshot(json: string): FamilySnapshot {
  try {
    const v = JSON.parse(json) as Partial<FamilySnapshot>;
    return { name: v.name ?? '', addressLines: Array.isArray(v.addressLines) ? v.addressLines.map(String) : [], email: v.email ?? null };
  } catch {
    return { name: '', addressLines: [], email: null };
  }
}

/** What is left to pay on an invoice: its total less payments and credit notes, never below zero. */
export const amountDue = (row: Pick<InvoiceRow, 'kind' | 'total_cents' | 'paid_cents'>, creditedCents: number): number =>
  row.kind === 'credit_note' ? 0 : Math.max(0, row.total_cents - row.paid_cents - creditedCents);

/** Credit notes by invoice, for the rows given. */
export async function creditedBy(db: Db, invoiceIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < invoiceIds.length; i += 500) {
    const ids = invoiceIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('invoices')
      .select(['credited_invoice_id', (eb) => eb.fn.sum<number>('total_cents').as('total')])
      .where('kind', '=', 'credit_note')
      .where('credited_invoice_id', 'in', ids)
      .groupBy('credited_invoice_id')
      .execute();
    for (const r of rows) if (r.credited_invoice_id !== null) out.set(r.credited_invoice_id, Number(r.total));
  }
  return out;
}

/** The amount still due on one invoice (for payments: PayFiP amounts, desk allocations). */
export async function amountDueCents(db: Db, invoiceId: number): Promise<number> {
  const row = await db.selectFrom('invoices').select(['kind', 'total_cents', 'paid_cents']).where('id', '=', invoiceId).executeTakeFirst();
  if (!row) throw notFound('Cette facture est introuvable.');
  return amountDue(row, (await creditedBy(db, [invoiceId])).get(invoiceId) ?? 0);
}

export function summaryDto(row: InvoiceRow, credited: number, creditedNumber: string | null): InvoiceSummaryDto {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    familyId: row.family_id,
    familyName: parseSnapshot(row.family_snapshot).name,
    month: row.month,
    monthLabel: monthLabel(row.month),
    issueDate: parisDateOf(row.issued_at),
    dueDate: row.due_date,
    totalCents: row.total_cents,
    paidCents: row.paid_cents,
    creditedCents: credited,
    amountDueCents: amountDue(row, credited),
    status: row.status,
    statusLabel: row.kind === 'credit_note' ? 'Avoir' : STATUS_LABELS[row.status],
    creditedInvoiceId: row.credited_invoice_id,
    creditedInvoiceNumber: creditedNumber,
    hasPdf: row.pdf_storage_key !== null,
    emailedAt: row.emailed_at,
    lastReminderAt: row.last_reminder_at,
  };
}

async function summaries(db: Db, rows: readonly InvoiceRow[]): Promise<InvoiceSummaryDto[]> {
  const credited = await creditedBy(
    db,
    rows.filter((r) => r.kind === 'invoice').map((r) => r.id),
  );
  const refIds = [...new Set(rows.map((r) => r.credited_invoice_id).filter((id): id is number => id !== null))];
  const refs = refIds.length === 0 ? [] : await db.selectFrom('invoices').select(['id', 'number']).where('id', 'in', refIds).execute();
  const numbers = new Map(refs.map((r) => [r.id, r.number]));
  return rows.map((r) => summaryDto(r, credited.get(r.id) ?? 0, r.credited_invoice_id === null ? null : (numbers.get(r.credited_invoice_id) ?? null)));
}

/** Several invoices with their lines, in the order of `ids`. */
export async function loadInvoices(db: Db, ids: readonly number[]): Promise<InvoiceDto[]> {
  if (ids.length === 0) return [];
  const out: InvoiceDto[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = await db.selectFrom('invoices').selectAll().where('id', 'in', part).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = part.map((id) => byId.get(id)).filter((r): r is InvoiceRow => r !== undefined);
    const sums = await summaries(db, ordered);
    const lines = await db
      .selectFrom('invoice_lines')
      .leftJoin('children', 'children.id', 'invoice_lines.child_id')
      .leftJoin('services', 'services.id', 'invoice_lines.service_id')
      .select([
        'invoice_lines.id',
        'invoice_lines.invoice_id',
        'invoice_lines.kind',
        'invoice_lines.child_id',
        'children.first_name',
        'children.last_name',
        'services.name as service_name',
        'invoice_lines.label',
        'invoice_lines.date_from',
        'invoice_lines.date_to',
        'invoice_lines.quantity',
        'invoice_lines.unit_price_cents',
        'invoice_lines.amount_cents',
        'invoice_lines.explanation',
      ])
      .where('invoice_lines.invoice_id', 'in', part)
      .orderBy('invoice_lines.invoice_id')
      .orderBy('invoice_lines.sort_order')
      .orderBy('invoice_lines.id')
      .execute();
    const linesOf = new Map<number, InvoiceLineDto[]>();
    for (const l of lines) {
      const list = linesOf.get(l.invoice_id) ?? [];
      list.push({
        id: l.id,
        kind: l.kind,
        childId: l.child_id,
        childName: l.first_name === null ? null : `${l.first_name} ${l.last_name ?? ''}`.trim(),
        serviceName: l.service_name,
        label: l.label,
        dateFrom: l.date_from,
        dateTo: l.date_to,
        quantity: l.quantity,
        unitPriceCents: l.unit_price_cents,
        amountCents: l.amount_cents,
        explanation: l.explanation,
      });
      linesOf.set(l.invoice_id, list);
    }
    ordered.forEach((row, index) => {
      const sum = sums[index];
      if (!sum) return;
      out.push({ ...sum, qfApplied: row.qf_applied, family: parseSnapshot(row.family_snapshot), lines: linesOf.get(row.id) ?? [] });
    });
  }
  return out;
}

/** One invoice; with `familyId`, only if it is that family's (another family's answers 404). */
export async function loadInvoice(db: Db, invoiceId: number, familyId?: number): Promise<InvoiceDto> {
  let query = db.selectFrom('invoices').select('id').where('id', '=', invoiceId);
  if (familyId !== undefined) query = query.where('family_id', '=', familyId);
  const row = await query.executeTakeFirst();
  const [dto] = row ? await loadInvoices(db, [row.id]) : [];
  if (!dto) throw notFound('Cette facture est introuvable.');
  return dto;
}

export interface InvoiceFilters {
  month?: string | undefined;
  status?: InvoiceStatus | 'due' | undefined;
  kind?: 'invoice' | 'credit_note' | undefined;
  q?: string | undefined;
  familyId?: number | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface InvoicePage {
  items: InvoiceSummaryDto[];
  total: number;
  totalCents: number;
  page: number;
  pageSize: number;
}

/** Staff search: by month, state, kind, family, and a text (number or family name). */
export async function listInvoices(db: Db, filters: InvoiceFilters): Promise<InvoicePage> {
  const pageSize = Math.min(Math.max(filters.pageSize ?? 50, 1), 500);
  const page = Math.max(filters.page ?? 1, 1);
  let query = db.selectFrom('invoices');
  if (filters.month) query = query.where('month', '=', filters.month);
  if (filters.kind) query = query.where('kind', '=', filters.kind);
  if (filters.familyId) query = query.where('family_id', '=', filters.familyId);
  if (filters.status === 'due') query = query.where('status', 'in', ['unpaid', 'partially_paid']).where('kind', '=', 'invoice');
  else if (filters.status) query = query.where('status', '=', filters.status);
  const q = filters.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('number', 'like', like), eb('family_snapshot', 'like', like)]));
  }
  const counts = await query.select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('total_cents').as('cents')]).executeTakeFirst();
  const rows = await query
    .selectAll()
    .orderBy('year', 'desc')
    .orderBy('sequence', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: await summaries(db, rows), total: Number(counts?.n ?? 0), totalCents: Number(counts?.cents ?? 0), page, pageSize };
}

export interface StatementEntry {
  date: IsoDate;
  kind: 'invoice' | 'credit_note' | 'payment';
  reference: string;
  label: string;
  /** Positive: owed by the family (an invoice); negative: in its favour (a credit note, a payment). */
  amountCents: number;
  balanceCents: number;
  invoiceId: number | null;
}

export interface StatementDto {
  familyId: number;
  entries: StatementEntry[];
  invoices: InvoiceSummaryDto[];
  /** What the family owes (negative: a credit in its favour). */
  balanceCents: number;
  dueCents: number;
}

const METHOD_LABELS: Record<string, string> = {
  payfip: 'Paiement en ligne (PayFiP)',
  sepa: 'Prélèvement SEPA',
  cheque: 'Chèque',
  cash: 'Espèces',
  cesu: 'CESU',
  transfer: 'Virement',
  credit: 'Avoir utilisé',
};

/** The family's account: invoices, credit notes and confirmed payments in date order, with the running balance. */
export async function familyStatement(db: Db, familyId: number): Promise<StatementDto> {
  const rows = await db.selectFrom('invoices').selectAll().where('family_id', '=', familyId).orderBy('issued_at').orderBy('id').execute();
  const invoices = await summaries(db, rows);
  const payments = await db
    .selectFrom('payments')
    .select(['id', 'method', 'amount_cents', 'received_at', 'reference'])
    .where('family_id', '=', familyId)
    .where('status', '=', 'confirmed')
    .where('method', '<>', 'credit')
    .execute();
  const raw: Omit<StatementEntry, 'balanceCents'>[] = [
    ...invoices.map((i) => ({
      date: i.issueDate,
      kind: i.kind,
      reference: i.number,
      label: i.kind === 'invoice' ? `Facture ${i.monthLabel}` : `Avoir sur la facture ${i.creditedInvoiceNumber ?? ''}`.trim(),
      amountCents: i.kind === 'invoice' ? i.totalCents : -i.totalCents,
      invoiceId: i.id,
    })),
    ...payments.map((p) => ({
      date: parisDateOf(p.received_at),
      kind: 'payment' as const,
      reference: p.reference ?? `Paiement n° ${p.id}`,
      label: METHOD_LABELS[p.method] ?? 'Paiement',
      amountCents: -p.amount_cents,
      invoiceId: null,
    })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let balance = 0;
  const entries = raw.map((e) => {
    balance += e.amountCents;
    return { ...e, balanceCents: balance };
  });
  return {
    familyId,
    entries,
    invoices: [...invoices].reverse(),
    balanceCents: balance,
    dueCents: invoices.reduce((sum, i) => sum + i.amountDueCents, 0),
  };
}
