/**
 * Payments at the town hall: cheque, cash, CESU, transfer. A payment is allocated to one or more of
 * the family's open invoices, never beyond what each still owes; what is left is the family's
 * credit, used on its next invoice.
 */
import type { Kysely } from 'kysely';
import { writeAudit, type Actor } from '../audit/audit';
import type { Database } from '../db/schema';
import { AppError, notFound } from '../errors';
import type { DeskPaymentInput } from '../schemas/payments';
import { formatEuros } from '../tariffs/money';
import { parisInstant } from '../services/parisTime';
import { allocate, openInvoices } from './ledger';

export interface RecordedPayment {
  paymentId: number;
  allocations: { invoiceId: number; invoiceNumber: string; amountCents: number }[];
  creditCents: number;
}

/** Noon in Paris of the day received, as the payment's instant (the desk types a day, not a time). */
const receivedAt = (day: string): string => parisInstant(day, '12:00');

export async function recordDeskPayment(db: Kysely<Database>, actor: Actor, input: DeskPaymentInput, now: Date): Promise<RecordedPayment> {
  return db.transaction().execute(async (trx) => {
    const family = await trx.selectFrom('families').select('id').where('id', '=', input.familyId).executeTakeFirst();
    if (!family) throw notFound('Cette famille est introuvable.');
    const amounts = await openInvoices(trx, input.familyId);
    const open = amounts.map((i) => i.row);
    const payable = new Map(amounts.map((i) => [i.row.id, i.payableCents]));

    let plan: { invoiceId: number; cents: number }[];
    if (input.allocations) {
      plan = [];
      for (const a of input.allocations) {
        const inv = open.find((i) => i.id === a.invoiceId);
        if (!inv) {
          const other = await trx.selectFrom('invoices').select(['number', 'family_id']).where('id', '=', a.invoiceId).executeTakeFirst();
          if (!other || other.family_id !== input.familyId) throw notFound("Une des factures choisies n'appartient pas à cette famille.");
          throw new AppError('conflict', `La facture ${other.number} n'a plus rien à régler.`);
        }
        const max = payable.get(inv.id) ?? 0;
        if (a.amount > max) {
          throw new AppError('validation', `La facture ${inv.number} ne doit plus que ${formatEuros(max)} : imputez au plus ce montant ; le reste deviendra un avoir.`);
        }
        plan.push({ invoiceId: inv.id, cents: a.amount });
      }
    } else {
      plan = [];
      let left = input.amount;
      for (const inv of open) {
        const cents = Math.min(left, payable.get(inv.id) ?? 0);
        if (cents <= 0) continue;
        plan.push({ invoiceId: inv.id, cents });
        left -= cents;
        if (left === 0) break;
      }
    }

    const at = now.toISOString();
    const payment = await trx
      .insertInto('payments')
      .values({
        family_id: input.familyId,
        method: input.method,
        amount_cents: input.amount,
        status: 'confirmed',
        received_at: receivedAt(input.receivedOn),
        reference: input.reference || null,
        payfip_transaction_id: null,
        sepa_debit_run_id: null,
        sepa_mandate_id: null,
        rejection_reason: null,
        recorded_by: actor.type === 'staff' ? actor.id : null,
        notes: input.notes || null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const p of plan) await allocate(trx, payment.id, p.invoiceId, p.cents, true);
    const allocated = plan.reduce((s, p) => s + p.cents, 0);
    await writeAudit(
      trx,
      actor,
      {
        action: 'payment.recorded',
        entityType: 'payment',
        entityId: payment.id,
        familyId: input.familyId,
        changes: { method: [null, input.method], amountCents: [null, input.amount], allocatedCents: [null, allocated] },
      },
      now,
    );
    return {
      paymentId: payment.id,
      allocations: plan.map((p) => ({ invoiceId: p.invoiceId, invoiceNumber: open.find((i) => i.id === p.invoiceId)?.number ?? '', amountCents: p.cents })),
      creditCents: input.amount - allocated,
    };
  });
}

