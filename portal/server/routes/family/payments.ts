import { Router } from '@koa/router';
import coBody from 'co-body';
import { PayfipSimulator } from '../../../../shared/payfip/simulator';
import { PayfipUnavailable } from '../../../../shared/payfip/client';
import { familyBalance, payableCents } from '../../../../shared/payments/ledger';
import { resolveByIdOp, resolvePayfipTransaction, startPayfipPayment } from '../../../../shared/payments/payfip';
import { payfipSetup, SIMULATOR_PATHS } from '../../../../shared/payments/payfipSetup';
import { familyPayfipDto, listPayfipTransactions, listPayments } from '../../../../shared/payments/queries';
import { renderReceipt } from '../../../../shared/payments/receipt';
import { payfipStartSchema } from '../../../../shared/schemas/payments';
import { notFound } from '../../../../shared/errors';
import type { AppContext, AppCustom, AppState, ServerDeps } from '../../context';
import { requireParent } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { parentSession } from './actor';

const setupFor = (ctx: AppContext) => payfipSetup(ctx.deps.store.db, { demo: ctx.deps.config.demo, publicUrl: ctx.deps.config.publicUrl });

/** One simulator per server process (demo only), on the server's clock. */
const simulators = new WeakMap<ServerDeps, PayfipSimulator>();
function demoSimulator(deps: ServerDeps): PayfipSimulator {
  let sim = simulators.get(deps);
  if (!sim) {
    sim = new PayfipSimulator({ now: () => deps.clock.now(), paths: { ...SIMULATOR_PATHS } });
    simulators.set(deps, sim);
  }
  return sim;
}

/**
 * Online payment of an invoice through PayFiP (issue 9), and PayFiP's notification.
 *
 * Paths outside /api/ on purpose: the notification (`POST /payfip/notification`) is sent by
 * PayFiP's server with a form body and no session, and the portal's CSRF and JSON-body middlewares
 * only guard /api/ — so no exemption is needed, and nothing else is exempted. It trusts nothing it
 * receives: the idOp only selects one of our own transactions, whose state is re-read from PayFiP.
 */
export function familyPaymentRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>();
  const api = '/api/family/payments';

  router.get(`${api}/balance`, requireParent, async (ctx) => {
    const { familyId } = parentSession(ctx);
    const [balance, setup] = await Promise.all([familyBalance(ctx.deps.store.db, familyId), setupFor(ctx)]);
    ctx.body = { ...balance, onlinePayment: setup !== null };
  });

  router.get(api, requireParent, async (ctx) => {
    const { familyId } = parentSession(ctx);
    const payments = await listPayments(ctx.deps.store.db, { familyId, limit: 200 });
    ctx.body = payments.map((p) => ({
      id: p.id,
      method: p.method,
      amountCents: p.amountCents,
      status: p.status,
      receivedAt: p.receivedAt,
      allocations: p.allocations,
      unallocatedCents: p.unallocatedCents,
    }));
  });

  router.get(`${api}/:id/receipt.pdf`, requireParent, async (ctx) => {
    const { familyId } = parentSession(ctx);
    const { fileName, pdf } = await renderReceipt(ctx.deps.store.db, idParam(ctx.params.id), { familyId });
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', `attachment; filename="${fileName}"`);
    ctx.body = pdf;
  });

  // « Régler »: the amount is what the invoice still owes, read on the server.
  router.post(`${api}/payfip`, requireParent, async (ctx) => {
    const session = parentSession(ctx);
    const input = validate(payfipStartSchema, ctx.state.body);
    ctx.body = await startPayfipPayment(ctx.deps.store.db, await setupFor(ctx), {
      familyId: session.familyId,
      invoiceId: input.invoiceId,
      email: session.email,
      publicUrl: ctx.deps.config.publicUrl,
      now: ctx.deps.clock.now(),
    });
  });

  // The return page asks here: an open transaction is re-read from PayFiP first.
  router.get(`${api}/payfip/:id`, requireParent, async (ctx) => {
    const { familyId } = parentSession(ctx);
    const id = idParam(ctx.params.id);
    const db = ctx.deps.store.db;
    const own = await db.selectFrom('payfip_transactions').select(['id', 'status']).where('id', '=', id).where('family_id', '=', familyId).executeTakeFirst();
    if (!own) throw notFound('Ce paiement est introuvable.');
    if (own.status === 'created') {
      try {
        await resolvePayfipTransaction(db, await setupFor(ctx), id, ctx.deps.clock.now());
      } catch (err) {
        if (!(err instanceof PayfipUnavailable)) throw err;
        ctx.deps.logger.warn({ transaction: id }, 'PayFiP unreachable on return; the state will be re-read later');
      }
    }
    const [t] = (await listPayfipTransactions(db, { familyId, limit: 10_000 })).filter((x) => x.id === id);
    if (!t) throw notFound('Ce paiement est introuvable.');
    const invoice = await db.selectFrom('invoices').selectAll().where('id', '=', t.invoiceId).executeTakeFirstOrThrow();
    ctx.body = { ...familyPayfipDto(t), invoiceStatus: invoice.status, invoiceDueCents: await payableCents(db, invoice) };
  });

  // PayFiP's server-to-server notification: `idOp=…` (form). Answers 200 whatever the idOp, 503
  // when PayFiP cannot be re-read (the hourly job catches up).
  router.post('/payfip/notification', async (ctx) => {
    let idOp = '';
    try {
      const form = (await coBody.form(ctx.req, { limit: '2kb' })) as Record<string, unknown>;
      const raw = form.idOp ?? form.idop ?? form.IDOP;
      idOp = typeof raw === 'string' ? raw.trim() : '';
    } catch {
      idOp = '';
    }
    if (!/^[A-Za-z0-9-]{1,64}$/.test(idOp)) {
      ctx.status = 400;
      ctx.body = 'idOp manquant';
      return;
    }
    try {
      await resolveByIdOp(ctx.deps.store.db, await setupFor(ctx), idOp, ctx.deps.clock.now());
    } catch (err) {
      if (!(err instanceof PayfipUnavailable)) throw err;
      ctx.deps.logger.warn('PayFiP unreachable on notification; the state will be re-read later');
      ctx.status = 503;
      ctx.body = 'indisponible';
      return;
    }
    ctx.type = 'text/plain';
    ctx.body = 'OK';
  });

  // Should PayFiP send the payer back with a POST, turn it into the page's GET.
  router.post('/espace/factures/paiement/:id', async (ctx) => {
    ctx.status = 303;
    ctx.redirect(`/espace/factures/paiement/${idParam(ctx.params.id)}`);
  });

  // The built-in simulator, on a demo server only (MARELLE_DEMO=1).
  const simulate = async (ctx: AppContext, body: string) => {
    if (!ctx.deps.config.demo) throw notFound();
    const r = await demoSimulator(ctx.deps).handle({ method: ctx.method, url: ctx.url, body });
    ctx.status = r.status;
    for (const [k, v] of Object.entries(r.headers)) ctx.set(k, v);
    ctx.body = r.body;
  };
  router.post(SIMULATOR_PATHS.ws, async (ctx) => {
    if (!ctx.deps.config.demo) throw notFound();
    await simulate(ctx, await coBody.text(ctx.req, { limit: '64kb' }));
  });
  router.get(SIMULATOR_PATHS.page, (ctx) => simulate(ctx, ''));
  router.get(SIMULATOR_PATHS.choice, (ctx) => simulate(ctx, ''));

  return router;
}
