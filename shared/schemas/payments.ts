/** What the payment screens send (portal "Régler", back-office desk payments, SEPA runs). */
import { z } from 'zod';
import { compareDates, isIsoDate } from '../calendar/dates';
import { parseEuros } from '../tariffs/money';

const id = (what: string) => z.number({ error: `${what} : identifiant attendu.` }).int(`${what} : identifiant attendu.`).positive(`${what} : identifiant attendu.`);

const dateMessage = (label: string) => `${label} : date invalide, format attendu AAAA-MM-JJ.`;
const isoDate = (label: string) => z.string({ error: dateMessage(label) }).refine(isIsoDate, dateMessage(label));

/** "12,50" → 1250 cents; refuses empty, negative and zero amounts with a French sentence. */
const euros = (label: string) =>
  z.string({ error: `${label} : saisissez un montant, par exemple 12,50.` }).transform((v, ctx) => {
    const parsed = parseEuros(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `${label} : ${parsed.message.charAt(0).toLowerCase()}${parsed.message.slice(1)}` });
      return z.NEVER;
    }
    if (parsed.cents <= 0) {
      ctx.addIssue({ code: 'custom', message: `${label} : le montant doit être supérieur à zéro.` });
      return z.NEVER;
    }
    return parsed.cents;
  });

/** Portal « Régler »: only the invoice; the amount is read on the server. */
export const payfipStartSchema = z.strictObject({ invoiceId: id('Facture') });

export const DESK_METHODS = ['cheque', 'cash', 'cesu', 'transfer'] as const;
export type DeskMethod = (typeof DESK_METHODS)[number];

export const METHOD_LABELS: Record<DeskMethod | 'payfip' | 'sepa' | 'credit', string> = {
  payfip: 'Carte bancaire (PayFiP)',
  sepa: 'Prélèvement SEPA',
  cheque: 'Chèque',
  cash: 'Espèces',
  cesu: 'CESU',
  transfer: 'Virement',
  credit: 'Avoir',
};

export const deskPaymentSchema = (today: string) =>
  z
    .strictObject({
      familyId: id('Famille'),
      method: z.enum(DESK_METHODS, { error: 'Mode de règlement : chèque, espèces, CESU ou virement.' }),
      amount: euros('Montant'),
      receivedOn: isoDate('Date de réception').refine((v) => !isIsoDate(v) || compareDates(v, today) <= 0, 'La date de réception ne peut pas être dans le futur.'),
      reference: z.string({ error: 'Référence : texte attendu.' }).trim().max(60, 'Référence : 60 caractères au maximum.').optional(),
      notes: z.string({ error: 'Remarque : texte attendu.' }).trim().max(500, 'Remarque : 500 caractères au maximum.').optional(),
      /** Omitted: allocated to the oldest invoices first. */
      allocations: z
        .array(z.strictObject({ invoiceId: id('Facture'), amount: euros('Montant imputé') }), { error: 'Imputations : liste attendue.' })
        .max(50, 'Imputations : 50 factures au maximum.')
        .optional(),
    })
    .superRefine((v, ctx) => {
      if ((v.method === 'cheque' || v.method === 'cesu') && !v.reference) {
        ctx.addIssue({ code: 'custom', path: ['reference'], message: v.method === 'cheque' ? 'Saisissez le numéro du chèque.' : 'Saisissez les numéros des titres CESU.' });
      }
      const ids = (v.allocations ?? []).map((a) => a.invoiceId);
      if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['allocations'], message: 'Une même facture apparaît deux fois dans les imputations.' });
      const total = (v.allocations ?? []).reduce((s, a) => s + a.amount, 0);
      if (total > v.amount) ctx.addIssue({ code: 'custom', path: ['allocations'], message: 'Les montants imputés dépassent le montant du règlement.' });
    });
export type DeskPaymentInput = z.output<ReturnType<typeof deskPaymentSchema>>;

export const debitRunSchema = z.strictObject({ dueDate: isoDate("Date d'échéance") });

/** The reason codes a bank sends back with a rejected debit (pain.002 / camt), in French. */
export const REJECT_REASONS = {
  AC01: 'IBAN incorrect',
  AC04: 'Compte clôturé',
  AC06: 'Compte bloqué',
  AM04: 'Provision insuffisante',
  MD01: 'Pas de mandat valide',
  MD06: 'Contestation du débiteur',
  MS02: 'Refus du débiteur',
  MS03: 'Raison non communiquée',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

export const debitRejectSchema = z.strictObject({
  reason: z.enum(Object.keys(REJECT_REASONS) as [RejectReason, ...RejectReason[]], { error: 'Choisissez le motif du rejet indiqué par la banque.' }),
});

export const cashJournalQuerySchema = z.strictObject({ date: isoDate('Jour') });
