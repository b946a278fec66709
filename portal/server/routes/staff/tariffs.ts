import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Tariff grids, QF brackets and prices (issue 4). */
export function staffTariffRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>();
  return router;
}
