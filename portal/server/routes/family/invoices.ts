import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** The portal's « Factures » (issue 8): invoices, PDFs, history, balance. */
export function familyInvoiceRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/family/invoices' });
  return router;
}
