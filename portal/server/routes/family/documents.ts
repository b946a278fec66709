import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';

/** Parents' documents: upload, list, download, delete (issue 3). */
export function familyDocumentRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>();
  return router;
}
