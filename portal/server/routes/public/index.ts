import { Router } from '@koa/router';
import { publicAttachmentFile } from '../../../../shared/content/attachments';
import { findPublishedInfoPage, listPublishedInfoPages } from '../../../../shared/content/infoPages';
import { listPublishedNews } from '../../../../shared/content/news';
import { COMMUNE } from '../../../../shared/settings/definitions';
import { getSetting } from '../../../../shared/settings/settings';
import { notFound } from '../../../../shared/errors';
import type { AppCustom, AppState } from '../../context';
import { idParam } from '../../validate';
import { sendDocumentFile } from '../family/documents';
import { listPublicServices } from './queries';

/**
 * An attachment's bytes never change under its id (a new file is a new id), so browsers and
 * proxies may keep it; a week rather than a year, so that a file withdrawn by staff does not
 * linger in shared caches for long.
 */
const ATTACHMENT_CACHE = 'public, max-age=604800, immutable';

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
    const page = await findPublishedInfoPage(ctx.deps.store.db, ctx.params.slug ?? '');
    if (!page) throw notFound("Cette page d'information n'existe pas.");
    ctx.body = page;
  });

  // Only attachments of content visible now (a published page, a news item inside its window).
  router.get('/attachments/:id/:fileName', async (ctx) => {
    const file = await publicAttachmentFile(
      ctx.deps.store.db,
      ctx.deps.config.dataDir,
      idParam(ctx.params.id),
      ctx.params.fileName ?? '',
      ctx.deps.clock.now().toISOString(),
    );
    sendDocumentFile(ctx, file);
    ctx.set('Cache-Control', ATTACHMENT_CACHE);
  });

  return router;
}
