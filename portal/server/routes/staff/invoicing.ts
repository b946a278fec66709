import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Invoicing (issue 8): monthly runs, invoices, credit notes, statements, reminders. */
export function staffInvoicingRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/invoicing' });
  return router;
}
