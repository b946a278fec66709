import { Router } from '@koa/router';
import { invoicePdf } from '../../../../shared/invoicing/files';
import { familyStatement, loadInvoice } from '../../../../shared/invoicing/read';
import type { AppCustom, AppState } from '../../context';
import { requireParent } from '../../middleware/session';
import { idParam } from '../../validate';
import { parentSession } from './actor';

/** The portal's « Factures » (issue 8): invoices, PDFs, history, balance — the session's family only. */
export function familyInvoiceRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/family/invoices' });

  router.get('/', requireParent, async (ctx) => {
    const { familyId } = parentSession(ctx);
    ctx.body = await familyStatement(ctx.deps.store.db, familyId);
  });

  router.get('/:id', requireParent, async (ctx) => {
    ctx.body = await loadInvoice(ctx.deps.store.db, idParam(ctx.params.id), parentSession(ctx).familyId);
  });

  router.get('/:id/pdf', requireParent, async (ctx) => {
    const { familyId } = parentSession(ctx);
    const { fileName, bytes } = await invoicePdf(ctx.deps.store.db, idParam(ctx.params.id), { dataDir: ctx.deps.config.dataDir, publicUrl: ctx.deps.config.publicUrl, familyId });
    ctx.set('Content-Disposition', `attachment; filename="${fileName}"`);
    ctx.type = 'application/pdf';
    ctx.body = bytes;
  });

  return router;
}
