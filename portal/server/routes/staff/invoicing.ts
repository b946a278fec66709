import { Router } from '@koa/router';
import { parisDateOf } from '../../../../shared/calendar/dates';
import { notFound } from '../../../../shared/errors';
import { exportMonthXlsx, issueCreditNote } from '../../../../shared/invoicing/accounts';
import { monthLabel } from '../../../../shared/invoicing/compute';
import { invoicePdf } from '../../../../shared/invoicing/files';
import { familyStatement, listInvoices, loadInvoice } from '../../../../shared/invoicing/read';
import { deliverInvoices, executeRun, listRuns, previewMonth, runDto, startRun } from '../../../../shared/invoicing/run';
import { creditNoteSchema, invoiceListQuerySchema, invoicingRunSchema, previewQuerySchema } from '../../../../shared/schemas/invoicing';
import type { AppContext, AppCustom, AppState } from '../../context';
import { requireStaff } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { staffActor } from './actor';

const today = (ctx: AppContext): string => parisDateOf(ctx.deps.clock.now().toISOString());

/** The last month that may be invoiced today (the previous one). */
function lastClosedMonth(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** Invoicing (issue 8): monthly runs, invoices, credit notes, statements, export. Admins and agents. */
export function staffInvoicingRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/invoicing' });
  const staff = requireStaff('admin', 'agent');

  router.get('/options', staff, async (ctx) => {
    const services = await ctx.deps.store.db.selectFrom('services').select(['id', 'name', 'active']).orderBy('sort_order').orderBy('id').execute();
    const month = lastClosedMonth(today(ctx));
    ctx.body = { today: today(ctx), defaultMonth: month, defaultMonthLabel: monthLabel(month), services: services.map((s) => ({ id: s.id, name: s.name, active: s.active === 1 })) };
  });

  router.get('/preview', staff, async (ctx) => {
    const query = validate(previewQuerySchema, ctx.query);
    ctx.body = await previewMonth(ctx.deps.store.db, query.month, query.services, today(ctx));
  });

  router.get('/runs', staff, async (ctx) => {
    ctx.body = { runs: await listRuns(ctx.deps.store.db) };
  });

  router.get('/runs/:id', staff, async (ctx) => {
    ctx.body = await runDto(ctx.deps.store.db, idParam(ctx.params.id));
  });

  // Starts the run and answers at once; the back-office follows its progress on GET /runs/:id.
  router.post('/runs', staff, async (ctx) => {
    const input = validate(invoicingRunSchema, ctx.state.body ?? {});
    const { deps } = ctx;
    const now = deps.clock.now();
    const { runId } = await startRun(deps.store.db, input, staffActor(ctx), now);
    void executeRun(deps.store.db, runId, { now, dataDir: deps.config.dataDir, publicUrl: deps.config.publicUrl, afterBatch: () => deps.notifyOutbox() })
      .then(() => deps.notifyOutbox())
      .catch((err: unknown) => deps.logger.error({ err, runId }, 'invoicing run failed'));
    ctx.status = 202;
    ctx.body = await runDto(deps.store.db, runId);
  });

  router.get('/invoices', staff, async (ctx) => {
    const query = validate(invoiceListQuerySchema, ctx.query);
    ctx.body = await listInvoices(ctx.deps.store.db, query);
  });

  router.get('/invoices/:id', staff, async (ctx) => {
    ctx.body = await loadInvoice(ctx.deps.store.db, idParam(ctx.params.id));
  });

  router.get('/invoices/:id/pdf', staff, async (ctx) => {
    const { fileName, bytes } = await invoicePdf(ctx.deps.store.db, idParam(ctx.params.id), { dataDir: ctx.deps.config.dataDir, publicUrl: ctx.deps.config.publicUrl });
    ctx.set('Content-Disposition', `inline; filename="${fileName}"`);
    ctx.set('X-Frame-Options', 'SAMEORIGIN');
    ctx.type = 'application/pdf';
    ctx.body = bytes;
  });

  router.post('/invoices/:id/credit-notes', staff, async (ctx) => {
    const invoiceId = idParam(ctx.params.id);
    const input = validate(creditNoteSchema, ctx.state.body ?? {});
    const { deps } = ctx;
    const now = deps.clock.now();
    const noteId = await issueCreditNote(deps.store.db, invoiceId, { amountCents: input.amount, reason: input.reason }, staffActor(ctx), now);
    await deliverInvoices(deps.store.db, [noteId], { now, dataDir: deps.config.dataDir, publicUrl: deps.config.publicUrl });
    deps.notifyOutbox();
    ctx.status = 201;
    ctx.body = await loadInvoice(deps.store.db, noteId);
  });

  router.get('/families/:id/statement', staff, async (ctx) => {
    const familyId = idParam(ctx.params.id);
    const exists = await ctx.deps.store.db.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst();
    if (!exists) throw notFound('Cette famille est introuvable.');
    ctx.body = await familyStatement(ctx.deps.store.db, familyId);
  });

  router.get('/export', staff, async (ctx) => {
    const query = validate(invoiceListQuerySchema.pick({ month: true }).required(), ctx.query);
    const file = await exportMonthXlsx(ctx.deps.store.db, query.month, ctx.deps.clock.now());
    ctx.set('Content-Disposition', `attachment; filename="${file.fileName}"`);
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    ctx.body = file.buffer;
  });

  return router;
}
