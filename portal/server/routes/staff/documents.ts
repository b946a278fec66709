import { Router } from '@koa/router';
import { z } from 'zod';
import { isIsoDate } from '../../../../shared/calendar/dates';
import { acceptDocument, documentFile, listDocumentsForReview, refuseDocument } from '../../../../shared/documents/service';
import { reasonInputSchema } from '../../../../shared/validation/schemas';
import type { AppCustom, AppState } from '../../context';
import { clientIp, requireStaff } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { sendDocumentFile, uploadDocument } from '../family/documents';
import { staffActor } from './actor';

const listQuery = z.object({
  status: z
    .enum(['transmitted', 'accepted', 'refused', 'expired'], { error: 'Statut de document inconnu (transmitted, accepted, refused ou expired).' })
    .default('transmitted'),
});

const acceptInput = z.strictObject({
  validUntil: z
    .string({ error: 'La date de fin de validité doit être une date (AAAA-MM-JJ).' })
    .refine(isIsoDate, 'La date de fin de validité doit être une date réelle au format AAAA-MM-JJ.')
    .nullable()
    .optional(),
});

/** Staff review of documents, and uploads made at the desk for a family (issue 3). */
export function staffDocumentRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff' });
  const staff = requireStaff('admin', 'agent');

  router.get('/documents', staff, async (ctx) => {
    const { status } = validate(listQuery, ctx.query);
    ctx.body = { items: await listDocumentsForReview(ctx.deps.store.db, status) };
  });

  router.get('/documents/:id/file', staff, async (ctx) => {
    const file = await documentFile(ctx.deps.store.db, ctx.deps.config.dataDir, idParam(ctx.params.id), 'staff');
    sendDocumentFile(ctx, file, { inline: ctx.query.inline === '1' });
  });

  router.post('/documents/:id/accept', staff, async (ctx) => {
    const documentId = idParam(ctx.params.id);
    const input = validate(acceptInput, ctx.state.body ?? {});
    ctx.body = await acceptDocument(ctx.deps.store.db, {
      documentId,
      validUntil: input.validUntil ?? null,
      actor: staffActor(ctx),
      now: ctx.deps.clock.now(),
      publicUrl: ctx.deps.config.publicUrl,
      ip: clientIp(ctx),
    });
    ctx.deps.notifyOutbox();
  });

  router.post('/documents/:id/refuse', staff, async (ctx) => {
    const documentId = idParam(ctx.params.id);
    const input = validate(reasonInputSchema, ctx.state.body ?? {});
    ctx.body = await refuseDocument(ctx.deps.store.db, {
      documentId,
      reason: input.reason,
      actor: staffActor(ctx),
      now: ctx.deps.clock.now(),
      publicUrl: ctx.deps.config.publicUrl,
      ip: clientIp(ctx),
    });
    ctx.deps.notifyOutbox();
  });

  router.post('/families/:id/documents', staff, async (ctx) => {
    const doc = await uploadDocument(ctx, idParam(ctx.params.id), staffActor(ctx));
    ctx.status = 201;
    ctx.body = doc;
  });

  return router;
}
