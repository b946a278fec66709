import fs from 'node:fs';
import { Router } from '@koa/router';
import { z } from 'zod';
import { asciiFileName } from '../../../../shared/documents/file-type';
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES } from '../../../../shared/documents/rules';
import { deleteFamilyDocument, documentFile, listFamilyDocuments, storeDocument, type DocumentFile } from '../../../../shared/documents/service';
import { removeQuietly } from '../../../../shared/documents/storage';
import { receiveUpload } from '../../../../shared/documents/upload';
import type { Actor } from '../../../../shared/audit/audit';
import type { DocumentDto } from '../../../../shared/families/presenters';
import { AppError } from '../../../../shared/errors';
import type { AppContext, AppCustom, AppState } from '../../context';
import { clientIp, requireParent } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { parentActor, parentSession } from './actor';

const uploadFields = z.strictObject({
  type: z.enum(DOCUMENT_TYPES, { error: 'Choisissez le type du document (attestation, RIB, mandat SEPA, justificatif de QF, PAI…).' }),
  childId: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number({ error: "L'enfant indiqué est invalide." })
      .int("L'enfant indiqué est invalide.")
      .positive("L'enfant indiqué est invalide.")
      .optional(),
  ),
});

/**
 * Receives a multipart upload (`type`, optional `childId`, one `file`) for `familyId` and
 * records it. Shared by the parents' and the staff's upload routes.
 */
export async function uploadDocument(ctx: AppContext, familyId: number, actor: Actor): Promise<DocumentDto> {
  if (!ctx.is('multipart/form-data')) {
    throw new AppError(
      ctx.request.length ? 'unsupported_media_type' : 'validation',
      'Envoyez le document avec le formulaire de dépôt : un fichier PDF, JPEG ou PNG de 10 Mo au plus.',
    );
  }
  const { dataDir } = ctx.deps.config;
  const upload = await receiveUpload(ctx.req, { dataDir, maxBytes: MAX_DOCUMENT_BYTES, allowedFields: ['type', 'childId'] });
  let fields: z.output<typeof uploadFields>;
  try {
    fields = validate(uploadFields, upload.fields);
  } catch (error) {
    await removeQuietly(upload.file.tempPath);
    throw error;
  }
  return storeDocument(ctx.deps.store.db, {
    familyId,
    type: fields.type,
    childId: fields.childId ?? null,
    file: upload.file,
    dataDir,
    actor,
    now: ctx.deps.clock.now(),
    ip: clientIp(ctx),
  });
}

/** RFC 5987 encoding for `filename*` (encodeURIComponent leaves a few reserved characters). */
const rfc5987 = (value: string): string =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Sends a stored document as a download. `inline` (staff previews only) lets the back-office show
 * it in a frame of its own origin, beside the family file; nowhere else may frame it.
 */
export function sendDocumentFile(ctx: AppContext, file: DocumentFile, options: { inline?: boolean } = {}): void {
  const disposition = options.inline ? 'inline' : 'attachment';
  if (options.inline) {
    ctx.set('X-Frame-Options', 'SAMEORIGIN');
    ctx.set('Content-Security-Policy', "frame-ancestors 'self'; script-src 'none'; object-src 'none'");
  }
  ctx.set('Content-Disposition', `${disposition}; filename="${asciiFileName(file.fileName)}"; filename*=UTF-8''${rfc5987(file.fileName)}`);
  ctx.type = file.mimeType;
  ctx.body = fs.createReadStream(file.path);
  ctx.length = file.sizeBytes;
}

/** Parents' documents: upload, list, download, delete (issue 3). Scoped to the session's family. */
export function familyDocumentRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/family/documents' });
  router.use(requireParent);

  router.get('/', async (ctx) => {
    ctx.body = { items: await listFamilyDocuments(ctx.deps.store.db, parentSession(ctx).familyId) };
  });

  router.post('/', async (ctx) => {
    const doc = await uploadDocument(ctx, parentSession(ctx).familyId, parentActor(ctx));
    ctx.status = 201;
    ctx.body = doc;
  });

  router.get('/:id/file', async (ctx) => {
    const file = await documentFile(ctx.deps.store.db, ctx.deps.config.dataDir, idParam(ctx.params.id), { familyId: parentSession(ctx).familyId });
    sendDocumentFile(ctx, file);
  });

  router.delete('/:id', async (ctx) => {
    await deleteFamilyDocument(ctx.deps.store.db, {
      familyId: parentSession(ctx).familyId,
      documentId: idParam(ctx.params.id),
      dataDir: ctx.deps.config.dataDir,
      actor: parentActor(ctx),
      now: ctx.deps.clock.now(),
      ip: clientIp(ctx),
    });
    ctx.status = 204;
  });

  return router;
}
