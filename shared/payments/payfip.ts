/**
 * Online payment of one invoice through PayFiP, recorded exactly once.
 *
 * "Régler" creates a payfip_transactions row whose amount is what the invoice still owes, read here
 * (never sent by the browser), then asks PayFiP for an idOp. The notification and the return only
 * name a transaction: the result is always re-read from PayFiP by idOp, and recorded by a
 * conditional update (status 'created' → final) in one transaction, with the payment's
 * payfip_transaction_id UNIQUE as a second lock — so any order and any number of calls record one
 * payment.
 */
import type { Kysely, Selectable } from 'kysely';
import { systemActor, writeAudit } from '../audit/audit';
import type { Database } from '../db/schema';
import type { PayfipTransactionsTable } from '../db/tables/billing.table';
import { AppError, notFound } from '../errors';
import { PayfipFault, PayfipUnavailable } from '../payfip/client';
import { payfipText, type PaymentDetail } from '../payfip/protocol';
import { COMMUNE } from '../settings/definitions';
import { getSetting } from '../settings/settings';
import { allocate, payableCents } from './ledger';
import type { PayfipSetup } from './payfipSetup';

export type PayfipTransactionRow = Selectable<PayfipTransactionsTable>;

/** PayFiP's minimum amount. */
export const PAYFIP_MIN_CENTS = 100;

export const UNAVAILABLE_MESSAGE =
  'Le service de paiement en ligne PayFiP ne répond pas pour le moment. Réessayez dans quelques minutes ou réglez votre facture en mairie.';

/** The invoice number in PayFiP's alphabet (6 to 30 letters and digits): "2026-000123" → "2026000123". */
export function refdetOf(invoiceNumber: string): string {
  return payfipText(invoiceNumber, 30, false).padStart(6, '0');
}

export interface PayfipUrls {
  /** Server-to-server notification (outside /api/: see docs/decisions/0010-payfip.md). */
  notification: string;
  /** Where PayFiP sends the payer back: the portal's result page of this transaction. */
  returnPage(transactionId: number): string;
}

export function payfipUrls(publicUrl: string): PayfipUrls {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    notification: `${base}/payfip/notification`,
    returnPage: (id) => `${base}/espace/factures/paiement/${id}`,
  };
}

/**
 * Starts the payment of one of the family's invoices; returns the PayFiP page to send the payer to.
 * Another family's invoice answers 404.
 */
export async function startPayfipPayment(
  db: Kysely<Database>,
  setup: PayfipSetup | null,
  input: { familyId: number; invoiceId: number; email: string; publicUrl: string; now: Date },
): Promise<{ transactionId: number; redirectUrl: string }> {
  if (!setup) throw new AppError('conflict', "Le paiement en ligne n'est pas encore ouvert par la commune : réglez votre facture en mairie ou par prélèvement.");
  const invoice = await db
    .selectFrom('invoices')
    .selectAll()
    .where('id', '=', input.invoiceId)
    .where('family_id', '=', input.familyId)
    .where('kind', '=', 'invoice')
    .executeTakeFirst();
  if (!invoice) throw notFound('Cette facture est introuvable.');

  // An earlier attempt may have been paid without us hearing of it yet: ask before charging again.
  const earlier = await db
    .selectFrom('payfip_transactions')
    .select('id')
    .where('invoice_id', '=', invoice.id)
    .where('status', '=', 'created')
    .where('id_op', 'is not', null)
    .execute();
  for (const t of earlier) {
    await resolvePayfipTransaction(db, setup, t.id, input.now).catch(() => null);
  }

  const urls = payfipUrls(input.publicUrl);
  const tx = await db.transaction().execute(async (trx) => {
    const fresh = await trx.selectFrom('invoices').selectAll().where('id', '=', invoice.id).executeTakeFirstOrThrow();
    if (fresh.status === 'paid') throw new AppError('conflict', 'Cette facture est déjà réglée.');
    const amount = await payableCents(trx, fresh);
    if (amount <= 0) {
      throw new AppError('conflict', fresh.status === 'direct_debit' ? 'Cette facture est déjà en cours de prélèvement.' : "Cette facture n'a plus de montant à régler.");
    }
    if (amount < PAYFIP_MIN_CENTS) throw new AppError('conflict', "Le paiement en ligne n'est possible qu'à partir de 1,00 € : réglez ce montant en mairie.");
    return trx
      .insertInto('payfip_transactions')
      .values({ invoice_id: fresh.id, family_id: fresh.family_id, id_op: null, amount_cents: amount, status: 'created', result_code: null, created_at: input.now.toISOString(), resolved_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
  });

  const commune = await getSetting(db, COMMUNE);
  let idOp: string;
  try {
    idOp = await setup.client.createPayment({
      numcli: setup.numcli,
      exer: String(invoice.year),
      refdet: refdetOf(invoice.number),
      montant: tx.amount_cents,
      mel: input.email,
      objet: payfipText(`Facture ${invoice.number} ${commune.name}`, 100, true),
      saisie: setup.saisie,
      urlnotif: urls.notification,
      urlredirect: urls.returnPage(tx.id),
    });
  } catch (err) {
    const code = err instanceof PayfipFault ? err.code : 'unavailable';
    await db.updateTable('payfip_transactions').set({ status: 'error', result_code: code, resolved_at: input.now.toISOString() }).where('id', '=', tx.id).execute();
    if (err instanceof PayfipFault || err instanceof PayfipUnavailable) throw new AppError('maintenance', UNAVAILABLE_MESSAGE);
    throw err;
  }
  await db.updateTable('payfip_transactions').set({ id_op: idOp }).where('id', '=', tx.id).execute();
  return { transactionId: tx.id, redirectUrl: setup.client.paymentUrl(idOp) };
}

/**
 * Re-reads a transaction's state from PayFiP and records it once. Final states are never asked
 * again. Throws PayfipUnavailable when PayFiP cannot be reached (the caller retries later).
 */
export async function resolvePayfipTransaction(
  db: Kysely<Database>,
  setup: PayfipSetup | null,
  transactionId: number,
  now: Date,
): Promise<PayfipTransactionRow | null> {
  const tx = await db.selectFrom('payfip_transactions').selectAll().where('id', '=', transactionId).executeTakeFirst();
  if (!tx) return null;
  if (tx.status !== 'created' || !tx.id_op || !setup) return tx;
  const result = await setup.client.getDetail(tx.id_op);
  const at = now.toISOString();
  const finish = (status: PayfipTransactionRow['status'], code: string) =>
    db
      .updateTable('payfip_transactions')
      .set({ status, result_code: code, resolved_at: at })
      .where('id', '=', tx.id)
      .where('status', '=', 'created')
      .execute();
  switch (result.kind) {
    case 'pending':
      break;
    case 'unknown':
      // PayFiP no longer knows the idOp: the payer never finished and the operation expired.
      await finish('expired', 'P1');
      break;
    case 'fault':
      await db.updateTable('payfip_transactions').set({ result_code: result.code }).where('id', '=', tx.id).where('status', '=', 'created').execute();
      break;
    case 'done': {
      const invoice = await db.selectFrom('invoices').select(['number', 'year']).where('id', '=', tx.invoice_id).executeTakeFirstOrThrow();
      const d = result.detail;
      // The answer must be about this very operation; anything else is recorded as an error for staff.
      if (d.idOp !== tx.id_op || d.numcli !== setup.numcli || d.refdet !== refdetOf(invoice.number) || d.exer !== String(invoice.year)) {
        await finish('error', 'mismatch');
        break;
      }
      if (d.outcome === 'paid') await recordPaid(db, tx, d, now);
      else if (d.outcome === 'refused') await finish('refused', d.resultrans);
      else if (d.outcome === 'abandoned') await finish('abandoned', d.resultrans);
      else await db.updateTable('payfip_transactions').set({ result_code: d.resultrans }).where('id', '=', tx.id).execute();
      break;
    }
  }
  return db.selectFrom('payfip_transactions').selectAll().where('id', '=', tx.id).executeTakeFirstOrThrow();
}

async function recordPaid(db: Kysely<Database>, tx: PayfipTransactionRow, d: PaymentDetail, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const claimed = await trx
      .updateTable('payfip_transactions')
      .set({ status: 'paid', result_code: d.resultrans, resolved_at: at })
      .where('id', '=', tx.id)
      .where('status', '=', 'created')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return;
    const amount = d.montant;
    const payment = await trx
      .insertInto('payments')
      .values({
        family_id: tx.family_id,
        method: 'payfip',
        amount_cents: amount,
        status: 'confirmed',
        received_at: at,
        reference: d.numauto ? `PayFiP ${d.numauto}` : `PayFiP ${d.idOp}`,
        payfip_transaction_id: tx.id,
        sepa_debit_run_id: null,
        sepa_mandate_id: null,
        rejection_reason: null,
        recorded_by: null,
        notes: amount !== tx.amount_cents ? `Montant payé (${amount} c) différent du montant demandé (${tx.amount_cents} c).` : null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const invoice = await trx.selectFrom('invoices').selectAll().where('id', '=', tx.invoice_id).executeTakeFirstOrThrow();
    // Never more than the invoice still owes; the rest stays as the family's credit.
    await allocate(trx, payment.id, invoice.id, Math.min(amount, await payableCents(trx, invoice)), true);
    await writeAudit(
      trx,
      systemActor,
      { action: 'payment.payfip', entityType: 'payment', entityId: payment.id, familyId: tx.family_id, changes: { amountCents: [null, amount], invoice: [null, invoice.number] } },
      now,
    );
  });
}

/** The notification names an idOp: only one of ours is looked at, and only PayFiP's answer counts. */
export async function resolveByIdOp(db: Kysely<Database>, setup: PayfipSetup | null, idOp: string, now: Date): Promise<PayfipTransactionRow | null> {
  const tx = await db.selectFrom('payfip_transactions').select('id').where('id_op', '=', idOp).executeTakeFirst();
  if (!tx) return null;
  return resolvePayfipTransaction(db, setup, tx.id, now);
}

/**
 * Daily/hourly catch-up: transactions still open 15 minutes after their start are re-read (a lost
 * notification, a payer who closed the page); a creation that never got its idOp is closed.
 */
export async function resolveStalePayfip(db: Kysely<Database>, setup: PayfipSetup | null, now: Date): Promise<string> {
  const limit = new Date(now.getTime() - 15 * 60_000).toISOString();
  const open = await db.selectFrom('payfip_transactions').select(['id', 'id_op']).where('status', '=', 'created').where('created_at', '<', limit).execute();
  let resolved = 0;
  for (const t of open) {
    if (!t.id_op) {
      await db.updateTable('payfip_transactions').set({ status: 'error', result_code: 'no_idop', resolved_at: now.toISOString() }).where('id', '=', t.id).where('status', '=', 'created').execute();
      resolved += 1;
      continue;
    }
    if (!setup) break;
    try {
      const after = await resolvePayfipTransaction(db, setup, t.id, now);
      if (after && after.status !== 'created') resolved += 1;
    } catch (err) {
      if (err instanceof PayfipUnavailable) break;
      throw err;
    }
  }
  return `${resolved} transaction(s) PayFiP résolue(s) sur ${open.length}`;
}
