import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Staff review of documents (issue 3). */
export function staffDocumentRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>();
  return router;
}
