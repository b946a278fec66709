import { z } from 'zod';
import { parseEuros } from '../tariffs/money';

/*
 * Invoicing inputs, shared by the API and the back-office forms. Rules that need the clock (a month
 * not over yet cannot be invoiced) or the store (a credit note larger than its invoice) live in
 * shared/invoicing, which knows today and the invoice.
 */

const MONTH_MESSAGE = 'Choisissez un mois au format AAAA-MM, par exemple 2026-10.';
export const monthSchema = z.string({ error: MONTH_MESSAGE }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, MONTH_MESSAGE);

const serviceIds = z
  .array(z.number({ error: 'Service invalide.' }).int('Service invalide.').positive('Service invalide.'), { error: 'Choisissez au moins un service à facturer.' })
  .min(1, 'Choisissez au moins un service à facturer.')
  .max(50, 'Trop de services choisis.');

export const invoicingRunSchema = z.strictObject({ month: monthSchema, serviceIds });
export type InvoicingRunInput = z.infer<typeof invoicingRunSchema>;

/** Query string of the preview: `?month=2026-10&services=1,2`. */
export const previewQuerySchema = z.object({
  month: monthSchema,
  services: z
    .string({ error: 'Choisissez au moins un service à facturer.' })
    .regex(/^\d+(,\d+)*$/, 'Choisissez au moins un service à facturer.')
    .transform((s) => s.split(',').map(Number)),
});

const REASON = 'Indiquez le motif de l’avoir (il figure sur l’avoir envoyé à la famille).';

/** A credit note typed in euros ("12,50"); the amount becomes cents without floating point. */
export const creditNoteSchema = z.strictObject({
  amount: z.string({ error: 'Saisissez le montant de l’avoir, par exemple 12,50.' }).transform((v, ctx) => {
    const parsed = parseEuros(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    if (parsed.cents <= 0) {
      ctx.addIssue({ code: 'custom', message: 'Le montant de l’avoir doit être supérieur à zéro.' });
      return z.NEVER;
    }
    return parsed.cents;
  }),
  reason: z.string({ error: REASON }).trim().min(3, REASON).max(200, 'Motif : 200 caractères au maximum.'),
});
export type CreditNoteInput = z.input<typeof creditNoteSchema>;

export const INVOICE_STATUS_FILTERS = ['unpaid', 'partially_paid', 'paid', 'direct_debit', 'credited', 'due'] as const;

export const invoiceListQuerySchema = z.object({
  month: monthSchema.optional(),
  status: z.enum(INVOICE_STATUS_FILTERS, { error: 'État inconnu.' }).optional(),
  kind: z.enum(['invoice', 'credit_note'], { error: 'Type inconnu.' }).optional(),
  q: z.string().max(100, 'Recherche : 100 caractères au maximum.').optional(),
  familyId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().positive().optional(),
  pageSize: z.coerce.number().int().positive().max(500).optional(),
});
