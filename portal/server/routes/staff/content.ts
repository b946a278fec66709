import { Router } from '@koa/router';
import {
  CONTENT_AREA,
  contentExists,
  deleteAttachment,
  ownerNotFoundMessage,
  staffAttachmentFile,
  storeAttachment,
  type ContentKind,
  type ContentOwner,
} from '../../../../shared/content/attachments';
import { createInfoPage, deleteInfoPage, getInfoPageForStaff, listInfoPagesForStaff, updateInfoPage } from '../../../../shared/content/infoPages';
import { createNews, deleteNews, getNewsForStaff, listNewsForStaff, updateNews } from '../../../../shared/content/news';
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/content/rules';
import { contentServiceChoices } from '../../../../shared/content/services';
import { receiveUpload } from '../../../../shared/documents/upload';
import { AppError, notFound } from '../../../../shared/errors';
import { infoPageInputSchema, newsInputSchema } from '../../../../shared/schemas/content';
import type { AppContext, AppCustom, AppState } from '../../context';
import { clientIp, requireStaff } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { sendDocumentFile } from '../family/documents';
import { staffActor } from './actor';

const writeContext = (ctx: AppContext) => ({ actor: staffActor(ctx), now: ctx.deps.clock.now(), ip: clientIp(ctx) });

/** Receives one file (multipart field `file`, no other field) and attaches it to the item. */
async function uploadAttachment(ctx: AppContext, owner: ContentOwner) {
  if (!ctx.is('multipart/form-data')) {
    throw new AppError(
      ctx.request.length ? 'unsupported_media_type' : 'validation',
      'Envoyez la pièce jointe avec le formulaire de dépôt : un fichier PDF, JPEG ou PNG de 10 Mo au plus.',
    );
  }
  const { db } = ctx.deps.store;
  // Before reading 10 MB: an unknown item is answered at once.
  if (!(await contentExists(db, owner))) throw notFound(ownerNotFoundMessage(owner.kind));
  const { dataDir } = ctx.deps.config;
  const upload = await receiveUpload(ctx.req, { dataDir, maxBytes: MAX_ATTACHMENT_BYTES, allowedFields: [], area: CONTENT_AREA });
  // storeAttachment owns the temporary file from here: renamed on success, removed otherwise.
  return storeAttachment(db, { owner, file: upload.file, dataDir, ...writeContext(ctx) });
}

function attachmentRoutes(router: Router<AppState, AppCustom>, base: string, kind: ContentKind): void {
  const staff = requireStaff('admin', 'agent');
  router.post(`${base}/:id/attachments`, staff, async (ctx) => {
    const attachment = await uploadAttachment(ctx, { kind, id: idParam(ctx.params.id) });
    ctx.status = 201;
    ctx.body = attachment;
  });
  router.delete(`${base}/:id/attachments/:attachmentId`, staff, async (ctx) => {
    await deleteAttachment(ctx.deps.store.db, {
      owner: { kind, id: idParam(ctx.params.id) },
      attachmentId: idParam(ctx.params.attachmentId),
      dataDir: ctx.deps.config.dataDir,
      ...writeContext(ctx),
    });
    ctx.status = 204;
  });
}

/** News and information pages written by staff, with attachments (issue 4). Admin and agent. */
export function staffContentRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff' });
  const staff = requireStaff('admin', 'agent');

  router.get('/content/services', staff, async (ctx) => {
    ctx.body = { items: await contentServiceChoices(ctx.deps.store.db) };
  });

  // ---- news ---------------------------------------------------------------------------------
  router.get('/news', staff, async (ctx) => {
    ctx.body = { items: await listNewsForStaff(ctx.deps.store.db, ctx.deps.clock.now().toISOString()) };
  });
  router.post('/news', staff, async (ctx) => {
    const input = validate(newsInputSchema, ctx.state.body);
    ctx.status = 201;
    ctx.body = await createNews(ctx.deps.store.db, input, writeContext(ctx));
  });
  router.get('/news/:id', staff, async (ctx) => {
    ctx.body = await getNewsForStaff(ctx.deps.store.db, idParam(ctx.params.id), ctx.deps.clock.now().toISOString());
  });
  router.put('/news/:id', staff, async (ctx) => {
    const id = idParam(ctx.params.id);
    const input = validate(newsInputSchema, ctx.state.body);
    ctx.body = await updateNews(ctx.deps.store.db, id, input, writeContext(ctx));
  });
  router.delete('/news/:id', staff, async (ctx) => {
    await deleteNews(ctx.deps.store.db, idParam(ctx.params.id), ctx.deps.config.dataDir, writeContext(ctx));
    ctx.status = 204;
  });
  attachmentRoutes(router, '/news', 'news');

  // ---- info pages ---------------------------------------------------------------------------
  router.get('/info-pages', staff, async (ctx) => {
    ctx.body = { items: await listInfoPagesForStaff(ctx.deps.store.db) };
  });
  router.post('/info-pages', staff, async (ctx) => {
    const input = validate(infoPageInputSchema, ctx.state.body);
    ctx.status = 201;
    ctx.body = await createInfoPage(ctx.deps.store.db, input, writeContext(ctx));
  });
  router.get('/info-pages/:id', staff, async (ctx) => {
    ctx.body = await getInfoPageForStaff(ctx.deps.store.db, idParam(ctx.params.id));
  });
  router.put('/info-pages/:id', staff, async (ctx) => {
    const id = idParam(ctx.params.id);
    const input = validate(infoPageInputSchema, ctx.state.body);
    ctx.body = await updateInfoPage(ctx.deps.store.db, id, input, writeContext(ctx));
  });
  router.delete('/info-pages/:id', staff, async (ctx) => {
    await deleteInfoPage(ctx.deps.store.db, idParam(ctx.params.id), ctx.deps.config.dataDir, writeContext(ctx));
    ctx.status = 204;
  });
  attachmentRoutes(router, '/info-pages', 'info_page');

  // Staff read any attachment, drafts included (the name in the address is only for the download).
  router.get('/attachments/:id/:fileName', staff, async (ctx) => {
    sendDocumentFile(ctx, await staffAttachmentFile(ctx.deps.store.db, ctx.deps.config.dataDir, idParam(ctx.params.id)));
  });

  return router;
}
