/**
 * The monthly invoicing run (docs/decisions/0012-invoicing.md). Families are invoiced in batches,
 * one transaction each: the bills are computed from what the transaction reads, the invoice numbers
 * are taken from the year's sequence inside it, and the run's progress is written with it. A crash
 * therefore loses a whole batch or nothing: no half-issued invoice, no gap in the numbering. The
 * store's unique indexes (one invoice per family and month, one line per child-day) make running a
 * month again issue only what is missing. PDFs and e-mails follow each batch, outside its
 * transaction; any invoice left without its PDF by a crash gets it when the month is run again.
 */
import type { Insertable } from 'kysely';
import { addDays, compareDates, parisDateOf, type IsoDate } from '../calendar/dates';
import type { Actor } from '../audit/audit';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';
import type { InvoiceStatus } from '../db/tables/billing.table';
import { AppError, notFound } from '../errors';
import { enqueueEmail } from '../mail/outbox';
import { COMMUNE } from '../settings/definitions';
import { getSetting } from '../settings/settings';
import { greeting } from '../validation/emails';
import { computeFamilyBill, monthBounds, monthLabel, ofMonth, type DraftLine, type FamilyBill, type NotBilledGroup } from './compute';
import { creditNoteText, newInvoiceText } from './emails';
import { familiesToInvoice, loadBillingContext, loadChildDays, loadProfiles, type BillingContext } from './load';
import { renderInvoicePdf } from './pdf';
import { loadInvoices, type FamilySnapshot } from './read';
import { invoicePdfPath, storeInvoicePdf } from './storage';
import { RESPONSABLE } from '../db/literals';

export const DEFAULT_BATCH_SIZE = 200;
/** Days between the issue date and the due date. */
export const PAYMENT_TERM_DAYS = 30;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const invalid = (message: string, path = 'month'): AppError => new AppError('validation', message, [{ path, message }]);

/** A month may be invoiced once it is over (attendance of its last day is ticked that day). */
export function assertMonthInvoiceable(month: string, today: IsoDate): void {
  if (!MONTH.test(month)) throw invalid('Choisissez un mois au format AAAA-MM, par exemple 2026-10.');
  const { from, to } = monthBounds(month);
  if (compareDates(from, today) > 0) throw invalid(`Le mois ${ofMonth(month)} n'a pas encore commencé : il ne peut pas être facturé.`);
  if (compareDates(to, today) >= 0) {
    throw invalid(`Le mois ${ofMonth(month)} n'est pas terminé : il pourra être facturé à partir du ${frDate(addDays(to, 1))}.`);
  }
}

const frDate = (d: IsoDate): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

// ---- recipients, snapshots ------------------------------------------------------------------------

export interface FamilyInfo {
  snapshot: FamilySnapshot;
  email: string | null;
  hello: string;
  delivery: 'email_pdf' | 'email_link' | 'paper';
  directDebit: boolean;
}

export async function loadFamilyInfos(db: Db, familyIds: readonly number[]): Promise<Map<number, FamilyInfo>> {
  const out = new Map<number, FamilyInfo>();
  for (let i = 0; i < familyIds.length; i += 500) {
    const ids = familyIds.slice(i, i + 500);
    const [families, guardians, accounts, mandates] = await Promise.all([
      db.selectFrom('families').select(['id', 'invoice_delivery']).where('id', 'in', ids).execute(),
      db
        .selectFrom('guardians')
        .select(['family_id', 'civility', 'first_name', 'last_name', 'email', 'address_line1', 'address_line2', 'postal_code', 'city'])
        .where('family_id', 'in', ids)
        .where('role', '=', RESPONSABLE)
        .execute(),
      db.selectFrom('portal_accounts').select(['family_id', 'email']).where('family_id', 'in', ids).orderBy('id').execute(),
      db.selectFrom('sepa_mandates').select('family_id').where('family_id', 'in', ids).where('status', '=', 'active').execute(),
    ]);
    const guardianOf = new Map(guardians.map((g) => [g.family_id, g]));
    const accountOf = new Map<number, string>();
    for (const a of accounts) if (!accountOf.has(a.family_id)) accountOf.set(a.family_id, a.email);
    const debit = new Set(mandates.map((m) => m.family_id));
    for (const f of families) {
      const g = guardianOf.get(f.id);
      const name = g ? [g.civility, g.first_name, g.last_name].filter(Boolean).join(' ') : `Famille n° ${f.id}`;
      const cityLine = g ? `${g.postal_code ?? ''} ${g.city ?? ''}`.trim() : '';
      const email = accountOf.get(f.id) ?? g?.email ?? null;
      out.set(f.id, {
        snapshot: { name, addressLines: g ? [g.address_line1, g.address_line2, cityLine].filter((l): l is string => !!l && l.trim() !== '') : [], email },
        email,
        hello: greeting(g ? { civility: g.civility, lastName: g.last_name, firstName: g.first_name } : null),
        delivery: f.invoice_delivery,
        directDebit: debit.has(f.id),
      });
    }
  }
  return out;
}

// ---- preview --------------------------------------------------------------------------------------

export interface PreviewLineDto {
  kind: 'service' | 'surcharge';
  childName: string;
  serviceName: string;
  label: string;
  dateFrom: IsoDate;
  dateTo: IsoDate;
  dates: IsoDate[];
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
  explanation: string;
}

export interface PreviewFamilyDto {
  familyId: number;
  familyName: string;
  qf: number | null;
  totalCents: number;
  lines: PreviewLineDto[];
  notBilled: NotBilledGroup[];
  anomalies: string[];
}

export interface PreviewDto {
  month: string;
  monthLabel: string;
  serviceIds: number[];
  alreadyInvoiced: number;
  families: PreviewFamilyDto[];
  invoicesToIssue: number;
  totalCents: number;
}

const previewLine = (l: DraftLine): PreviewLineDto => ({
  kind: l.kind,
  childName: l.childName,
  serviceName: l.serviceName,
  label: l.label,
  dateFrom: l.dateFrom,
  dateTo: l.dateTo,
  dates: l.dates,
  quantity: l.quantity,
  unitPriceCents: l.unitPriceCents,
  amountCents: l.amountCents,
  explanation: l.explanation,
});

async function billsOf(db: Db, ctx: BillingContext, familyIds: readonly number[]): Promise<Map<number, FamilyBill>> {
  const [days, profiles] = await Promise.all([loadChildDays(db, ctx, familyIds), loadProfiles(db, familyIds)]);
  const out = new Map<number, FamilyBill>();
  for (const id of familyIds) {
    const profile = profiles.get(id);
    if (!profile) continue;
    out.set(id, computeFamilyBill(days.get(id) ?? [], profile, ctx.services, ctx.units));
  }
  return out;
}

const willIssue = (bill: FamilyBill): boolean => bill.anomalies.length === 0 && bill.lines.length > 0 && bill.totalCents > 0;

async function assertServices(db: Db, serviceIds: readonly number[]): Promise<void> {
  if (serviceIds.length === 0) throw invalid('Choisissez au moins un service à facturer.', 'serviceIds');
  const found = await db.selectFrom('services').select('id').where('id', 'in', [...serviceIds]).execute();
  if (found.length !== new Set(serviceIds).size) throw invalid('Un des services choisis est introuvable.', 'serviceIds');
}

/** Every family still to invoice for the month, each line with why it is billed (nothing written). */
export async function previewMonth(db: Db, month: string, serviceIds: readonly number[], today: IsoDate): Promise<PreviewDto> {
  assertMonthInvoiceable(month, today);
  await assertServices(db, serviceIds);
  const ctx = await loadBillingContext(db, month, serviceIds);
  const pending = await familiesToInvoice(db, ctx);
  const [bills, infos, profiles, invoiced] = await Promise.all([
    billsOf(db, ctx, pending),
    loadFamilyInfos(db, pending),
    loadProfiles(db, pending),
    db.selectFrom('invoices').select((eb) => eb.fn.countAll<number>().as('n')).where('month', '=', month).where('kind', '=', 'invoice').executeTakeFirst(),
  ]);
  const families: PreviewFamilyDto[] = [];
  for (const id of pending) {
    const bill = bills.get(id);
    if (!bill || (bill.lines.length === 0 && bill.notBilled.length === 0 && bill.anomalies.length === 0)) continue;
    families.push({
      familyId: id,
      familyName: infos.get(id)?.snapshot.name ?? `Famille n° ${id}`,
      qf: profiles.get(id)?.qf ?? null,
      totalCents: bill.totalCents,
      lines: bill.lines.map(previewLine),
      notBilled: bill.notBilled,
      anomalies: bill.anomalies,
    });
  }
  const issuing = [...bills.values()].filter(willIssue);
  return {
    month,
    monthLabel: monthLabel(month),
    serviceIds: ctx.serviceIds,
    alreadyInvoiced: Number(invoiced?.n ?? 0),
    families: families.sort((a, b) => a.familyName.localeCompare(b.familyName, 'fr') || a.familyId - b.familyId),
    invoicesToIssue: issuing.length,
    totalCents: issuing.reduce((s, b) => s + b.totalCents, 0),
  };
}

// ---- runs -----------------------------------------------------------------------------------------

export interface RunDto {
  id: number;
  month: string;
  monthLabel: string;
  serviceIds: number[];
  status: 'running' | 'completed' | 'failed';
  familiesTotal: number;
  familiesDone: number;
  invoicesIssued: number;
  totalCents: number;
  startedAt: string;
  finishedAt: string | null;
  /** Families left without an invoice (a day without a price) or the error that stopped the run. */
  message: string | null;
}

export async function runDto(db: Db, runId: number): Promise<RunDto> {
  const run = await db.selectFrom('invoicing_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) throw notFound('Cette facturation est introuvable.');
  const issued = await db
    .selectFrom('invoices')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('total_cents').as('cents')])
    .where('run_id', '=', runId)
    .executeTakeFirst();
  return {
    id: run.id,
    month: run.month,
    monthLabel: monthLabel(run.month),
    serviceIds: JSON.parse(run.service_ids) as number[],
    status: run.status,
    familiesTotal: run.families_total,
    familiesDone: run.families_done,
    invoicesIssued: Number(issued?.n ?? 0),
    totalCents: Number(issued?.cents ?? 0),
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    message: run.error,
  };
}

export async function listRuns(db: Db, limit = 24): Promise<RunDto[]> {
  const rows = await db.selectFrom('invoicing_runs').select('id').orderBy('id', 'desc').limit(limit).execute();
  return Promise.all(rows.map((r) => runDto(db, r.id)));
}

/** Months being run by this process: a 'running' row not in here was left by a crash and may be resumed. */
const active = new Set<string>();

export const isRunActive = (month: string): boolean => active.has(month);

/**
 * Starts (or resumes, after a crash) the run of a month and returns its id; `executeRun` does the
 * work. Refuses, with nothing written, a month not over yet, unknown services, a month whose
 * invoices are all issued already, and a month being run right now.
 */
export async function startRun(
  db: Db,
  input: { month: string; serviceIds: readonly number[] },
  actor: Actor,
  now: Date,
): Promise<{ runId: number; resumed: boolean }> {
  const today = parisDateOf(now.toISOString());
  assertMonthInvoiceable(input.month, today);
  const label = monthLabel(input.month);
  const of = ofMonth(input.month);
  if (active.has(input.month)) throw new AppError('conflict', `La facturation ${of} est déjà en cours : suivez sa progression.`);
  const crashed = await db.selectFrom('invoicing_runs').select(['id', 'service_ids']).where('month', '=', input.month).where('status', '=', 'running').executeTakeFirst();
  const serviceIds = crashed ? (JSON.parse(crashed.service_ids) as number[]) : [...new Set(input.serviceIds)].sort((a, b) => a - b);
  await assertServices(db, serviceIds);
  const ctx = await loadBillingContext(db, input.month, serviceIds);
  const pending = await familiesToInvoice(db, ctx);
  const issuedBefore = await db
    .selectFrom('invoices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('month', '=', input.month)
    .where('kind', '=', 'invoice')
    .executeTakeFirst();
  const already = Number(issuedBefore?.n ?? 0);
  const missingPdfs = await db.selectFrom('invoices').select('id').where('month', '=', input.month).where('pdf_storage_key', 'is', null).limit(1).executeTakeFirst();
  // A month run before: say plainly when nothing is left, rather than start an empty run.
  if (!crashed && !missingPdfs && (pending.length === 0 || already > 0)) {
    const bills = await billsOf(db, ctx, pending);
    if (![...bills.values()].some(willIssue)) {
      throw new AppError(
        'conflict',
        already > 0
          ? `Les factures ${of} sont déjà émises (${already} facture${already > 1 ? 's' : ''}) : rien de nouveau à émettre. Pour corriger une facture, émettez un avoir.`
          : `Aucune prestation facturable en ${label} pour les services choisis : aucune facture à émettre.`,
      );
    }
  }
  if (crashed) {
    const done = await db.selectFrom('invoicing_runs').select('families_done').where('id', '=', crashed.id).executeTakeFirstOrThrow();
    await db.updateTable('invoicing_runs').set({ families_total: done.families_done + pending.length }).where('id', '=', crashed.id).execute();
    return { runId: crashed.id, resumed: true };
  }
  const row = await db
    .insertInto('invoicing_runs')
    .values({
      month: input.month,
      service_ids: JSON.stringify(serviceIds),
      status: 'running',
      families_total: pending.length,
      families_done: 0,
      started_by: actor.type === 'staff' ? actor.id : null,
      started_at: now.toISOString(),
      finished_at: null,
      error: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { runId: row.id, resumed: false };
}

export interface RunOptions {
  now: Date;
  dataDir: string;
  publicUrl: string;
  batchSize?: number;
  /** Called inside a batch's transaction once its invoices, lines and items are written, before the sequence and commit (crash tests). */
  afterWrite?: (batchIndex: number, invoicesInBatch: number) => void;
  /** Called after each batch is committed and its PDFs sent (progress, benchmarks). */
  afterBatch?: (batchIndex: number) => void;
  /** Skip PDFs and e-mails (benchmark of the issuing alone); a later run renders them. */
  skipDocuments?: boolean;
}

interface BatchResult {
  issued: number[];
  anomalies: string[];
}

async function issueBatch(db: Db, ctx: BillingContext, runId: number, familyIds: readonly number[], options: RunOptions, batchIndex: number): Promise<BatchResult> {
  const issueDate = parisDateOf(options.now.toISOString());
  const year = Number(issueDate.slice(0, 4));
  const dueDate = addDays(issueDate, PAYMENT_TERM_DAYS);
  return db.transaction().execute(async (trx) => {
    const [bills, infos, profiles, invoiced] = await Promise.all([
      billsOf(trx, ctx, familyIds),
      loadFamilyInfos(trx, familyIds),
      loadProfiles(trx, familyIds),
      trx.selectFrom('invoices').select('family_id').where('month', '=', ctx.month).where('kind', '=', 'invoice').where('family_id', 'in', [...familyIds]).execute(),
    ]);
    const done = new Set(invoiced.map((r) => r.family_id));
    const seq = await trx.selectFrom('invoice_sequences').select('last_number').where('year', '=', year).executeTakeFirst();
    let last = seq?.last_number ?? 0;
    const maxInvoice = await trx.selectFrom('invoices').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
    const maxLine = await trx.selectFrom('invoice_lines').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
    let invoiceId = Number(maxInvoice?.m ?? 0);
    let lineId = Number(maxLine?.m ?? 0);
    const result: BatchResult = { issued: [], anomalies: [] };
    const invoiceRows: Insertable<Database['invoices']>[] = [];
    const lineRows: Insertable<Database['invoice_lines']>[] = [];
    const itemRows: { invoice_line_id: number; booking_id: number | null; attendance_id: number | null; date: IsoDate }[] = [];
    for (const familyId of familyIds) {
      if (done.has(familyId)) continue;
      const bill = bills.get(familyId);
      const info = infos.get(familyId);
      if (!bill || !info) continue;
      if (bill.anomalies.length > 0) {
        result.anomalies.push(`${info.snapshot.name} (famille n° ${familyId}) : ${bill.anomalies[0] ?? ''}`);
        continue;
      }
      if (!willIssue(bill)) continue;
      last += 1;
      invoiceId += 1;
      const status: InvoiceStatus = info.directDebit ? 'direct_debit' : 'unpaid';
      invoiceRows.push({
          id: invoiceId,
          number: `${year}-${String(last).padStart(6, '0')}`,
          year,
          sequence: last,
          kind: 'invoice',
          credited_invoice_id: null,
          family_id: familyId,
          month: ctx.month,
          run_id: runId,
          issued_at: options.now.toISOString(),
          due_date: dueDate,
          total_cents: bill.totalCents,
          paid_cents: 0,
          status,
          qf_applied: profiles.get(familyId)?.qf ?? null,
          family_snapshot: JSON.stringify(info.snapshot),
          pdf_storage_key: null,
          emailed_at: null,
          last_reminder_at: null,
      });
      bill.lines.forEach((l, i) => {
        lineId += 1;
        lineRows.push({
          id: lineId,
          invoice_id: invoiceId,
          child_id: l.childId,
          service_id: l.serviceId,
          unit_id: l.unitId,
          kind: l.kind,
          label: l.label,
          date_from: l.dateFrom,
          date_to: l.dateTo,
          quantity: l.quantity,
          unit_price_cents: l.unitPriceCents,
          amount_cents: l.amountCents,
          explanation: l.explanation,
          sort_order: i + 1,
        });
        for (const item of l.items) itemRows.push({ invoice_line_id: lineId, booking_id: item.bookingId, attendance_id: item.attendanceId, date: item.date });
      });
      result.issued.push(invoiceId);
    }
    for (let i = 0; i < invoiceRows.length; i += 500) await trx.insertInto('invoices').values(invoiceRows.slice(i, i + 500)).execute();
    for (let i = 0; i < lineRows.length; i += 1000) await trx.insertInto('invoice_lines').values(lineRows.slice(i, i + 1000)).execute();
    for (let i = 0; i < itemRows.length; i += 2000) await trx.insertInto('invoice_line_items').values(itemRows.slice(i, i + 2000)).execute();
    options.afterWrite?.(batchIndex, result.issued.length);
    if (result.issued.length > 0) {
      await trx
        .insertInto('invoice_sequences')
        .values({ year, last_number: last })
        .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: last }))
        .execute();
    }
    await trx
      .updateTable('invoicing_runs')
      .set((eb) => ({ families_done: eb('families_done', '+', familyIds.length) }))
      .where('id', '=', runId)
      .execute();
    return result;
  });
}

/**
 * Renders, stores and sends the PDFs of issued invoices still without one. The PDF is written
 * first, then recorded with its e-mail in one transaction; a crash in between leaves an orphan file
 * at worst, never an invoice marked as sent without its PDF.
 */
export async function deliverInvoices(db: Db, invoiceIds: readonly number[], options: { now: Date; dataDir: string; publicUrl: string }): Promise<number> {
  const invoices = (await loadInvoices(db, invoiceIds)).filter((i) => !i.hasPdf);
  if (invoices.length === 0) return 0;
  const commune = await getSetting(db, COMMUNE);
  const infos = await loadFamilyInfos(db, [...new Set(invoices.map((i) => i.familyId))]);
  const stored: { invoice: (typeof invoices)[number]; key: string; info: FamilyInfo | undefined }[] = [];
  for (const invoice of invoices) {
    const info = infos.get(invoice.familyId);
    const bytes = await renderInvoicePdf(invoice, commune, { directDebit: invoice.status === 'direct_debit', publicUrl: options.publicUrl });
    stored.push({ invoice, key: await storeInvoicePdf(options.dataDir, bytes), info });
  }
  await db.transaction().execute(async (trx) => {
    for (const { invoice, key, info } of stored) {
      const sendable = info && info.email && info.delivery !== 'paper';
      const updated = await trx
        .updateTable('invoices')
        .set({ pdf_storage_key: key, emailed_at: sendable ? options.now.toISOString() : null })
        .where('id', '=', invoice.id)
        .where('pdf_storage_key', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1 || !sendable || !info.email) continue;
      const delivery = info.delivery === 'email_link' ? 'email_link' : 'email_pdf';
      const { subject, text } =
        invoice.kind === 'invoice'
          ? newInvoiceText(
              commune,
              info.hello,
              { number: invoice.number, monthLabel: invoice.monthLabel, totalCents: invoice.totalCents, dueDate: invoice.dueDate, directDebit: invoice.status === 'direct_debit' },
              delivery,
              options.publicUrl,
            )
          : creditNoteText(commune, info.hello, invoice.number, invoice.creditedInvoiceNumber ?? '', invoice.totalCents, options.publicUrl, delivery);
      await enqueueEmail(
        trx,
        {
          to: info.email,
          subject,
          text,
          familyId: invoice.familyId,
          ...(delivery === 'email_pdf'
            ? { attachments: [{ filename: `${invoice.kind === 'invoice' ? 'facture' : 'avoir'}-${invoice.number}.pdf`, path: invoicePdfPath(options.dataDir, key), contentType: 'application/pdf' }] }
            : {}),
        },
        options.now,
      );
    }
  });
  return stored.length;
}


/** Runs (or resumes) a started run to its end. Never throws: a failure is recorded on the run. */
export async function executeRun(db: Db, runId: number, options: RunOptions): Promise<RunDto> {
  const run = await db.selectFrom('invoicing_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) throw notFound('Cette facturation est introuvable.');
  if (active.has(run.month)) throw new AppError('conflict', `La facturation ${ofMonth(run.month)} est déjà en cours.`);
  active.add(run.month);
  const anomalies: string[] = [];
  try {
    const ctx = await loadBillingContext(db, run.month, JSON.parse(run.service_ids) as number[]);
    const pending = await familiesToInvoice(db, ctx);
    const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
    let batchIndex = 0;
    for (let i = 0; i < pending.length; i += size) {
      const result = await issueBatch(db, ctx, runId, pending.slice(i, i + size), options, batchIndex);
      anomalies.push(...result.anomalies);
      if (!options.skipDocuments) await deliverInvoices(db, result.issued, options);
      options.afterBatch?.(batchIndex);
      batchIndex += 1;
    }
    if (!options.skipDocuments) {
      // Invoices of the month left without their PDF by a crash between a batch and its documents.
      const left = await db.selectFrom('invoices').select('id').where('month', '=', run.month).where('pdf_storage_key', 'is', null).execute();
      for (let i = 0; i < left.length; i += size) await deliverInvoices(db, left.slice(i, i + size).map((r) => r.id), options);
    }
    const message =
      anomalies.length === 0
        ? null
        : `${anomalies.length} famille${anomalies.length > 1 ? 's' : ''} non facturée${anomalies.length > 1 ? 's' : ''} (tarif manquant ; corrigez les tarifs puis relancez le mois) : ${anomalies.slice(0, 20).join(' ; ')}`;
    await db
      .updateTable('invoicing_runs')
      .set({ status: 'completed', finished_at: options.now.toISOString(), error: message })
      .where('id', '=', runId)
      .execute();
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'La facturation s’est interrompue sur une erreur ; relancez le mois pour la terminer.';
    await db
      .updateTable('invoicing_runs')
      .set({ status: 'failed', finished_at: options.now.toISOString(), error: message })
      .where('id', '=', runId)
      .execute()
      .catch(() => undefined);
  } finally {
    active.delete(run.month);
  }
  return runDto(db, runId);
}
