import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** News and information pages written by staff, with attachments (issue 4). */
export function staffContentRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>();
  return router;
}
