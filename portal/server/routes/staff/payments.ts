import fs from 'node:fs';
import { Router } from '@koa/router';
import { z } from 'zod';
import { writeAudit } from '../../../../shared/audit/audit';
import { isIsoDate, parisToday } from '../../../../shared/calendar/dates';
import { AppError, notFound } from '../../../../shared/errors';
import { PayfipUnavailable } from '../../../../shared/payfip/client';
import { cashJournalWorkbook } from '../../../../shared/payments/cashJournal';
import { recordDeskPayment } from '../../../../shared/payments/desk';
import { applyFamilyCredit, familyBalance, openInvoices } from '../../../../shared/payments/ledger';
import { resolvePayfipTransaction } from '../../../../shared/payments/payfip';
import { payfipSetup } from '../../../../shared/payments/payfipSetup';
import { listDebitRuns, listPayfipTransactions, listPayments } from '../../../../shared/payments/queries';
import { renderReceipt } from '../../../../shared/payments/receipt';
import { cashJournalQuerySchema, debitRejectSchema, debitRunSchema, deskPaymentSchema, DESK_METHODS } from '../../../../shared/schemas/payments';
import { createDebitRun, recordDebitReject, sepaFilePath } from '../../../../shared/sepa/debitRuns';
import { checkBic, checkIbanValue, checkIcs } from '../../../../shared/sepa/rules';
import { PAYFIP, payfipSettingsSchema, SEPA_CREDITOR } from '../../../../shared/settings/definitions';
import { getSetting, setSetting } from '../../../../shared/settings/settings';
import type { AppContext, AppCustom, AppState } from '../../context';
import { requireStaff } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { staffActor } from './actor';

const listQuery = z.object({
  familyId: z.coerce.number().int().positive().optional(),
  from: z.string().refine(isIsoDate, 'Du : date invalide, format attendu AAAA-MM-JJ.').optional(),
  to: z.string().refine(isIsoDate, 'Au : date invalide, format attendu AAAA-MM-JJ.').optional(),
  method: z.enum(['payfip', 'sepa', ...DESK_METHODS], { error: 'Mode de règlement inconnu.' }).optional(),
});

const sepaCreditorInput = z.strictObject({
  ics: z.string({ error: "Saisissez l'ICS." }).transform((v, ctx) => {
    const r = checkIcs(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.value;
  }),
  name: z.string({ error: 'Saisissez le nom du créancier.' }).trim().min(1, 'Saisissez le nom du créancier.').max(70, 'Nom du créancier : 70 caractères au maximum.'),
  iban: z.string({ error: "Saisissez l'IBAN." }).transform((v, ctx) => {
    const r = checkIbanValue(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.value;
  }),
  bic: z.string({ error: 'Saisissez le BIC.' }).transform((v, ctx) => {
    const r = checkBic(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.value;
  }),
});

const payfipInput = z.strictObject(payfipSettingsSchema.shape);

const setupFor = (ctx: AppContext) => payfipSetup(ctx.deps.store.db, { demo: ctx.deps.config.demo, publicUrl: ctx.deps.config.publicUrl });

/** Payments (issue 9): desk payments, PayFiP transactions, SEPA debit runs. */
export function staffPaymentRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/payments' });
  const staff = requireStaff('admin', 'agent');

  router.get('/', staff, async (ctx) => {
    const q = validate(listQuery, ctx.query);
    ctx.body = await listPayments(ctx.deps.store.db, { familyId: q.familyId, from: q.from, to: q.to, methods: q.method ? [q.method] : undefined });
  });

  router.post('/', staff, async (ctx) => {
    const now = ctx.deps.clock.now();
    const input = validate(deskPaymentSchema(parisToday(now)), ctx.state.body);
    ctx.status = 201;
    ctx.body = await recordDeskPayment(ctx.deps.store.db, staffActor(ctx), input, now);
  });

  router.get('/:id/receipt.pdf', staff, async (ctx) => {
    const { fileName, pdf } = await renderReceipt(ctx.deps.store.db, idParam(ctx.params.id));
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', `${ctx.query.inline === '1' ? 'inline' : 'attachment'}; filename="${fileName}"`);
    ctx.body = pdf;
  });

  router.get('/cash-journal.xlsx', staff, async (ctx) => {
    const q = validate(cashJournalQuerySchema, ctx.query);
    const { fileName, buffer } = await cashJournalWorkbook(ctx.deps.store.db, q.date);
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    ctx.set('Content-Disposition', `attachment; filename="${fileName}"`);
    ctx.body = buffer;
  });

  // The desk form: what the family owes, invoice by invoice, and its credit.
  router.get('/families/:familyId/account', staff, async (ctx) => {
    const familyId = idParam(ctx.params.familyId);
    const db = ctx.deps.store.db;
    const family = await db.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst();
    if (!family) throw notFound('Cette famille est introuvable.');
    const open = await openInvoices(db, familyId);
    ctx.body = {
      balance: await familyBalance(db, familyId),
      openInvoices: open.map((i) => ({
        id: i.row.id,
        number: i.row.number,
        month: i.row.month,
        dueDate: i.row.due_date,
        totalCents: i.row.total_cents,
        paidCents: i.row.paid_cents,
        status: i.row.status,
        remainingCents: i.remainingCents,
        payableCents: i.payableCents,
      })),
    };
  });

  router.post('/families/:familyId/apply-credit', staff, async (ctx) => {
    const familyId = idParam(ctx.params.familyId);
    const now = ctx.deps.clock.now();
    const applied = await ctx.deps.store.db.transaction().execute(async (trx) => {
      const cents = await applyFamilyCredit(trx, familyId);
      if (cents > 0) await writeAudit(trx, staffActor(ctx), { action: 'payment.credit_applied', entityType: 'family', entityId: familyId, familyId, changes: { creditCents: [null, cents] } }, now);
      return cents;
    });
    ctx.body = { appliedCents: applied, balance: await familyBalance(ctx.deps.store.db, familyId) };
  });

  // ---- PayFiP ----
  router.get('/payfip', staff, async (ctx) => {
    ctx.body = await listPayfipTransactions(ctx.deps.store.db);
  });

  router.post('/payfip/:id/refresh', staff, async (ctx) => {
    const id = idParam(ctx.params.id);
    try {
      const t = await resolvePayfipTransaction(ctx.deps.store.db, await setupFor(ctx), id, ctx.deps.clock.now());
      if (!t) throw notFound('Cette transaction est introuvable.');
    } catch (err) {
      if (err instanceof PayfipUnavailable) throw new AppError('maintenance', 'PayFiP ne répond pas pour le moment : réessayez dans quelques minutes.');
      throw err;
    }
    const [dto] = (await listPayfipTransactions(ctx.deps.store.db)).filter((t) => t.id === id);
    ctx.body = dto;
  });

  // ---- SEPA ----
  router.get('/sepa/runs', staff, async (ctx) => {
    ctx.body = await listDebitRuns(ctx.deps.store.db);
  });

  router.post('/sepa/runs', staff, async (ctx) => {
    const input = validate(debitRunSchema, ctx.state.body);
    ctx.status = 201;
    ctx.body = await createDebitRun(ctx.deps.store.db, staffActor(ctx), { dueDate: input.dueDate, dataDir: ctx.deps.config.dataDir, publicUrl: ctx.deps.config.publicUrl }, ctx.deps.clock.now());
    ctx.deps.notifyOutbox();
  });

  router.get('/sepa/runs/:id/payments', staff, async (ctx) => {
    ctx.body = await listPayments(ctx.deps.store.db, { debitRunId: idParam(ctx.params.id), limit: 100_000 });
  });

  router.get('/sepa/runs/:id/file', staff, async (ctx) => {
    const run = await ctx.deps.store.db.selectFrom('sepa_debit_runs').select(['message_id', 'file_storage_key']).where('id', '=', idParam(ctx.params.id)).executeTakeFirst();
    if (!run?.file_storage_key) throw notFound('Ce fichier de prélèvement est introuvable.');
    const file = sepaFilePath(ctx.deps.config.dataDir, run.file_storage_key);
    if (!fs.existsSync(file)) throw notFound('Le fichier de prélèvement a disparu du disque : restaurez une sauvegarde.');
    ctx.type = 'application/xml';
    ctx.set('Content-Disposition', `attachment; filename="${run.message_id}.xml"`);
    ctx.body = fs.createReadStream(file);
  });

  router.post('/sepa/payments/:id/reject', staff, async (ctx) => {
    const input = validate(debitRejectSchema, ctx.state.body);
    await recordDebitReject(ctx.deps.store.db, staffActor(ctx), idParam(ctx.params.id), input.reason, ctx.deps.config.publicUrl, ctx.deps.clock.now());
    ctx.deps.notifyOutbox();
    ctx.status = 204;
  });

  // ---- settings (admin) ----
  router.get('/settings', requireStaff('admin'), async (ctx) => {
    const db = ctx.deps.store.db;
    const [payfip, creditor, setup] = await Promise.all([getSetting(db, PAYFIP), getSetting(db, SEPA_CREDITOR), setupFor(ctx)]);
    ctx.body = { payfip, sepaCreditor: creditor, onlinePayment: setup ? (setup.simulated ? 'simulator' : 'payfip') : 'closed', demo: ctx.deps.config.demo };
  });

  router.put('/settings/payfip', requireStaff('admin'), async (ctx) => {
    const input = validate(payfipInput, ctx.state.body);
    const now = ctx.deps.clock.now();
    await ctx.deps.store.db.transaction().execute(async (trx) => {
      const before = await getSetting(trx, PAYFIP);
      await setSetting(trx, PAYFIP, input, now);
      await writeAudit(trx, staffActor(ctx), { action: 'settings.payfip', entityType: 'settings', changes: { payfip: [before, input] }, ip: ctx.ip }, now);
    });
    ctx.body = input;
  });

  router.put('/settings/sepa', requireStaff('admin'), async (ctx) => {
    const input = validate(sepaCreditorInput, ctx.state.body);
    const now = ctx.deps.clock.now();
    await ctx.deps.store.db.transaction().execute(async (trx) => {
      await setSetting(trx, SEPA_CREDITOR, input, now);
      // The creditor's IBAN is the commune's own account, but the audit keeps only what changed.
      await writeAudit(trx, staffActor(ctx), { action: 'settings.sepa_creditor', entityType: 'settings', changes: { ics: [null, input.ics], name: [null, input.name] }, ip: ctx.ip }, now);
    });
    ctx.body = input;
  });

  return router;
}
