import { Router } from '@koa/router';
import { COMMUNE } from '../../../../shared/settings/definitions';
import { getSetting } from '../../../../shared/settings/settings';
import { notFound } from '../../../../shared/errors';
import type { AppCustom, AppState } from '../../context';
import { listPublishedInfoPages, listPublishedNews, listPublicServices, findInfoPage } from './queries';

export function publicRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/public' });

  router.get('/portal', async (ctx) => {
    const { db } = ctx.deps.store;
    const now = ctx.deps.clock.now().toISOString();
    const [commune, maintenance, services, news, infoPages] = await Promise.all([
      getSetting(db, COMMUNE),
      ctx.deps.maintenance.get(),
      listPublicServices(db),
      listPublishedNews(db, now),
      listPublishedInfoPages(db),
    ]);
    const { schoolZone: _zone, ...communePublic } = commune;
    ctx.body = { commune: communePublic, maintenance, services, news, infoPages };
  });

  router.get('/info-pages/:slug', async (ctx) => {
    const page = await findInfoPage(ctx.deps.store.db, ctx.params.slug ?? '');
    if (!page) throw notFound("Cette page d'information n'existe pas.");
    ctx.body = page;
  });

  return router;
}
