/**
 * Debit runs: for a due date, the invoices "en prélèvement" of families with an active mandate
 * become pending SEPA payments, a pain.008.001.02 file for the bank, and a pre-notification e-mail
 * to each family at least 14 days before the debit. The bank's rejects put the invoice back to
 * unpaid and tell the family; a run whose due date has passed is settled (payments confirmed).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { systemActor, writeAudit, type Actor } from '../audit/audit';
import { addDays, compareDates, parisToday } from '../calendar/dates';
import type { Database } from '../db/schema';
import { AppError, notFound } from '../errors';
import { maskIban } from '../families/presenters';
import { addPaid, allocate, payableCents } from '../payments/ledger';
import { REJECT_REASONS, type RejectReason } from '../schemas/payments';
import { SEPA_CREDITOR } from '../settings/definitions';
import { getSetting } from '../settings/settings';
import { formatEuros } from '../tariffs/money';
import { compose, emailFamily } from '../validation/emails';
import { buildPain008, type Pain008Transaction } from './pain008';
import { checkBic, checkIbanValue, checkIcs, isLapsed, mandateProblem, sequenceType } from './rules';

/** SEPA Core: the debtor is told at least 14 calendar days before the debit. */
export const PRENOTIFICATION_DAYS = 14;

const KEY = /^[0-9a-f]{32}$/;
export const sepaFilesDir = (dataDir: string): string => path.join(dataDir, 'files', 'sepa');
export function sepaFilePath(dataDir: string, key: string): string {
  if (!KEY.test(key)) throw new Error(`Invalid storage key: ${key}`);
  return path.join(sepaFilesDir(dataDir), `${key}.xml`);
}

const frenchDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The creditor settings, checked: a run cannot start with a wrong ICS, IBAN or BIC. */
export async function checkedCreditor(db: Kysely<Database>): Promise<{ name: string; iban: string; bic: string; ics: string }> {
  const c = await getSetting(db, SEPA_CREDITOR);
  const ics = checkIcs(c.ics);
  if (!ics.ok) throw new AppError('conflict', `Paramètres SEPA de la commune : ${ics.message}`);
  if (c.name.trim() === '') throw new AppError('conflict', 'Paramètres SEPA de la commune : renseignez le nom du créancier.');
  const iban = checkIbanValue(c.iban);
  if (!iban.ok) throw new AppError('conflict', `Paramètres SEPA de la commune : ${iban.message}`);
  const bic = checkBic(c.bic);
  if (!bic.ok) throw new AppError('conflict', `Paramètres SEPA de la commune : ${bic.message}`);
  return { name: c.name.trim(), iban: iban.value, bic: bic.value, ics: ics.value };
}

export interface DebitRunResult {
  runId: number;
  messageId: string;
  transactionsCount: number;
  totalCents: number;
  /** Invoices en prélèvement that could not be collected, and why. */
  skipped: { invoiceNumber: string; reason: string }[];
}

export async function createDebitRun(
  db: Kysely<Database>,
  actor: Actor,
  input: { dueDate: string; dataDir: string; publicUrl: string },
  now: Date,
): Promise<DebitRunResult> {
  const today = parisToday(now);
  if (compareDates(input.dueDate, addDays(today, PRENOTIFICATION_DAYS)) < 0) {
    throw new AppError(
      'validation',
      `La date d'échéance doit être au plus tôt le ${frenchDate(addDays(today, PRENOTIFICATION_DAYS))} : les familles doivent être prévenues ${PRENOTIFICATION_DAYS} jours avant le prélèvement.`,
    );
  }
  const creditor = await checkedCreditor(db);
  const key = randomBytes(16).toString('hex');
  const result = await db.transaction().execute(async (trx) => {
    const invoices = await trx
      .selectFrom('invoices')
      .selectAll()
      .where('kind', '=', 'invoice')
      .where('status', '=', 'direct_debit')
      .where('due_date', '<=', input.dueDate)
      .orderBy('family_id')
      .orderBy('due_date')
      .execute();
    const familyIds = [...new Set(invoices.map((i) => i.family_id))];
    const mandates = familyIds.length
      ? await trx.selectFrom('sepa_mandates').selectAll().where('family_id', 'in', familyIds).where('status', '=', 'active').orderBy('id', 'desc').execute()
      : [];
    const skipped: DebitRunResult['skipped'] = [];
    const planned: { invoice: (typeof invoices)[number]; mandate: (typeof mandates)[number]; cents: number }[] = [];
    for (const inv of invoices) {
      const cents = await payableCents(trx, inv);
      if (cents <= 0) continue;
      const mandate = mandates.find((m) => m.family_id === inv.family_id);
      if (!mandate) {
        skipped.push({ invoiceNumber: inv.number, reason: 'la famille n’a pas de mandat actif' });
        continue;
      }
      const problem = mandateProblem(mandate, input.dueDate);
      if (problem) {
        skipped.push({ invoiceNumber: inv.number, reason: problem });
        continue;
      }
      planned.push({ invoice: inv, mandate, cents });
    }
    if (planned.length === 0) {
      throw new AppError('conflict', skipped.length ? `Aucune facture ne peut être prélevée : ${skipped.map((s) => `${s.invoiceNumber} (${s.reason})`).join(', ')}.` : "Aucune facture en prélèvement n'est à collecter pour cette échéance.");
    }
    const at = now.toISOString();
    const messageId = `MARELLE-${input.dueDate.replace(/-/g, '')}-${key.slice(0, 8).toUpperCase()}`;
    const run = await trx
      .insertInto('sepa_debit_runs')
      .values({ due_date: input.dueDate, message_id: messageId, status: 'generated', file_storage_key: key, created_by: actor.type === 'staff' ? actor.id : null, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const transactions: Pain008Transaction[] = [];
    const perFamily = new Map<number, { cents: number; numbers: string[]; mandate: (typeof mandates)[number] }>();
    // A family's first debit on a mandate is FRST for every invoice of this run.
    const sequences = new Map<number, 'FRST' | 'RCUR'>();
    for (const p of planned) {
      const seq = sequences.get(p.mandate.id) ?? sequenceType(p.mandate);
      sequences.set(p.mandate.id, seq);
      const payment = await trx
        .insertInto('payments')
        .values({
          family_id: p.invoice.family_id,
          method: 'sepa',
          amount_cents: p.cents,
          status: 'pending',
          received_at: new Date(`${input.dueDate}T12:00:00Z`).toISOString(),
          reference: p.invoice.number,
          payfip_transaction_id: null,
          sepa_debit_run_id: run.id,
          sepa_mandate_id: p.mandate.id,
          rejection_reason: null,
          recorded_by: actor.type === 'staff' ? actor.id : null,
          notes: null,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await allocate(trx, payment.id, p.invoice.id, p.cents, false);
      transactions.push({
        endToEndId: `MAR-${payment.id}`,
        amountCents: p.cents,
        sequence: seq,
        mandate: { rum: p.mandate.rum, signatureDate: p.mandate.signature_date },
        debtor: { name: p.mandate.holder_name, iban: p.mandate.iban, bic: p.mandate.bic },
        remittance: `Facture ${p.invoice.number}`,
      });
      const f = perFamily.get(p.invoice.family_id) ?? { cents: 0, numbers: [], mandate: p.mandate };
      f.cents += p.cents;
      f.numbers.push(p.invoice.number);
      perFamily.set(p.invoice.family_id, f);
    }
    for (const mandateId of sequences.keys()) {
      await trx
        .updateTable('sepa_mandates')
        .set((eb) => ({ first_collected_at: eb.fn.coalesce('first_collected_at', eb.val(input.dueDate)), last_collected_at: input.dueDate, updated_at: at }))
        .where('id', '=', mandateId)
        .execute();
    }
    const totalCents = transactions.reduce((s, t) => s + t.amountCents, 0);
    await trx.updateTable('sepa_debit_runs').set({ transactions_count: transactions.length, total_cents: totalCents }).where('id', '=', run.id).execute();
    for (const [familyId, f] of perFamily) {
      await emailFamily(
        trx,
        familyId,
        (commune, hello) =>
          compose(commune, 'Avis de prélèvement', hello, [
            `Nous prélèverons le ${frenchDate(input.dueDate)} la somme de ${formatEuros(f.cents)} sur le compte ${maskIban(f.mandate.iban)}, au titre de ${f.numbers.length > 1 ? 'vos factures' : 'votre facture'} n° ${f.numbers.join(', ')}.`,
            `Référence du mandat (RUM) : ${f.mandate.rum}. Identifiant créancier SEPA : ${creditor.ics}.`,
            `Merci de vous assurer que votre compte sera approvisionné à cette date. Vos factures sont consultables dans votre espace famille : ${input.publicUrl.replace(/\/+$/, '')}/espace/factures`,
          ]),
        now,
      );
    }
    await writeAudit(trx, actor, { action: 'sepa.run_created', entityType: 'sepa_debit_run', entityId: run.id, changes: { dueDate: [null, input.dueDate], totalCents: [null, totalCents] } }, now);
    const xml = buildPain008({ messageId, createdAt: at, collectionDate: input.dueDate, creditor, transactions });
    // Written inside the transaction: a failed write rolls the run back.
    await fs.promises.mkdir(sepaFilesDir(input.dataDir), { recursive: true, mode: 0o700 });
    await fs.promises.writeFile(sepaFilePath(input.dataDir, key), xml, { mode: 0o600 });
    return { runId: run.id, messageId, transactionsCount: transactions.length, totalCents, skipped };
  });
  return result;
}

/** Runs whose due date has passed: their pending debits are now money received (daily job). */
export async function settleDueRuns(db: Kysely<Database>, now: Date): Promise<number> {
  const today = parisToday(now);
  const runs = await db.selectFrom('sepa_debit_runs').select('id').where('status', 'in', ['generated', 'submitted']).where('due_date', '<', today).execute();
  for (const run of runs) {
    await db.transaction().execute(async (trx) => {
      const pending = await trx.selectFrom('payments').select('id').where('sepa_debit_run_id', '=', run.id).where('status', '=', 'pending').execute();
      for (const p of pending) {
        await trx.updateTable('payments').set({ status: 'confirmed' }).where('id', '=', p.id).execute();
        const allocations = await trx.selectFrom('payment_allocations').selectAll().where('payment_id', '=', p.id).execute();
        for (const a of allocations) await addPaid(trx, a.invoice_id, a.amount_cents);
      }
      await trx.updateTable('sepa_debit_runs').set({ status: 'settled' }).where('id', '=', run.id).execute();
    });
  }
  return runs.length;
}

/** The bank returned a debit: the payment is rejected, the invoice is to pay again, the family is told. */
export async function recordDebitReject(db: Kysely<Database>, actor: Actor, paymentId: number, reason: RejectReason, publicUrl: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const payment = await trx.selectFrom('payments').selectAll().where('id', '=', paymentId).where('method', '=', 'sepa').executeTakeFirst();
    if (!payment) throw notFound('Ce prélèvement est introuvable.');
    if (payment.status === 'rejected') throw new AppError('conflict', 'Ce prélèvement est déjà enregistré comme rejeté.');
    const label = `${reason} — ${REJECT_REASONS[reason]}`;
    await trx.updateTable('payments').set({ status: 'rejected', rejection_reason: label }).where('id', '=', payment.id).execute();
    const allocations = await trx
      .selectFrom('payment_allocations as a')
      .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
      .select(['a.invoice_id', 'a.amount_cents', 'i.number', 'i.paid_cents', 'i.total_cents'])
      .where('a.payment_id', '=', payment.id)
      .execute();
    for (const a of allocations) {
      if (payment.status === 'confirmed') await addPaid(trx, a.invoice_id, -a.amount_cents, true);
      else {
        const inv = await trx.selectFrom('invoices').select(['paid_cents']).where('id', '=', a.invoice_id).executeTakeFirstOrThrow();
        await trx.updateTable('invoices').set({ status: inv.paid_cents > 0 ? 'partially_paid' : 'unpaid' }).where('id', '=', a.invoice_id).execute();
      }
    }
    const numbers = allocations.map((a) => a.number).join(', ');
    await emailFamily(
      trx,
      payment.family_id,
      (commune, hello) =>
        compose(commune, 'Prélèvement rejeté', hello, [
          `Votre banque a rejeté le prélèvement de ${formatEuros(payment.amount_cents)} au titre de la facture n° ${numbers} (motif : ${REJECT_REASONS[reason]}).`,
          `Cette facture est de nouveau à régler : vous pouvez la payer en ligne depuis votre espace famille (${publicUrl.replace(/\/+$/, '')}/espace/factures) ou en mairie.`,
          "Si vos coordonnées bancaires ont changé, merci de nous transmettre un nouveau mandat SEPA.",
        ]),
      now,
    );
    await writeAudit(trx, actor, { action: 'sepa.rejected', entityType: 'payment', entityId: payment.id, familyId: payment.family_id, changes: { status: [payment.status, 'rejected'], reason: [null, label] } }, now);
  });
}

/** Active mandates unused for 36 months become lapsed (daily job). */
export async function lapseUnusedMandates(db: Kysely<Database>, now: Date): Promise<number> {
  const today = parisToday(now);
  const active = await db.selectFrom('sepa_mandates').select(['id', 'family_id', 'signature_date', 'last_collected_at']).where('status', '=', 'active').execute();
  let count = 0;
  for (const m of active) {
    if (!isLapsed(m, today)) continue;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('sepa_mandates').set({ status: 'lapsed', updated_at: now.toISOString() }).where('id', '=', m.id).where('status', '=', 'active').execute();
      await writeAudit(trx, systemActor, { action: 'mandate.lapsed', entityType: 'sepa_mandate', entityId: m.id, familyId: m.family_id, changes: { status: ['active', 'lapsed'] } }, now);
    });
    count += 1;
  }
  return count;
}
