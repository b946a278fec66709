import fs from 'node:fs';
import type { Kysely, Selectable } from 'kysely';
import { systemActor, writeAudit, type Actor } from '../audit/audit';
import { parisDateOf } from '../calendar/dates';
import type { Database } from '../db/schema';
import type { DocumentsTable, DocumentType } from '../db/tables/families.table';
import type { Db } from '../db/types';
import { AppError, notFound } from '../errors';
import { writableFamily } from '../families/access';
import { schoolYearOf } from '../families/completeness';
import { documentDto, type DocumentDto } from '../families/presenters';
import { emailFamily } from '../validation/emails';
import { familyDisplayName } from '../validation/names';
import { documentAcceptedText, documentRefusedText } from './emails';
import { detectFileType, sanitizeFileName } from './file-type';
import { DOCUMENT_STATUS_LABELS, endOfSchoolYear, parentMayDelete, type DocumentStatus } from './rules';
import { removeQuietly, storedFilePath } from './storage';
import type { ReceivedFile } from './upload';
import { RESPONSABLE } from '../db/literals';

const todayOf = (now: Date): string => parisDateOf(now.toISOString());

export const NOT_A_DOCUMENT =
  "Ce fichier n'est ni un PDF ni une image JPEG ou PNG : son contenu a été vérifié, pas seulement son nom. " +
  "Enregistrez ou numérisez le document dans l'un de ces formats, puis envoyez-le de nouveau.";

const DOCUMENT_NOT_FOUND = 'Ce document est introuvable.';

export async function listFamilyDocuments(db: Db, familyId: number): Promise<DocumentDto[]> {
  const rows = await db
    .selectFrom('documents')
    .selectAll()
    .where('family_id', '=', familyId)
    .orderBy('uploaded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(documentDto);
}

export interface StoreDocumentInput {
  familyId: number;
  type: DocumentType;
  childId: number | null;
  file: ReceivedFile;
  dataDir: string;
  actor: Actor;
  now: Date;
  ip?: string | null;
}

/**
 * Records an uploaded file as a document of the family. The file's real type comes from its
 * first bytes. The row is inserted and the temporary file renamed to its key inside one
 * transaction, so a document row always has its file and a failed upload leaves no file behind.
 */
export async function storeDocument(db: Kysely<Database>, input: StoreDocumentInput): Promise<DocumentDto> {
  const { file, now } = input;
  const finalPath = storedFilePath(input.dataDir, file.storageKey);
  try {
    const mime = detectFileType(file.head);
    if (!mime) throw new AppError('unsupported_media_type', NOT_A_DOCUMENT);
    return await db.transaction().execute(async (trx) => {
      await writableFamily(trx, { actor: input.actor, familyId: input.familyId, now, ip: input.ip ?? null });
      if (input.childId !== null) {
        const link = await trx
          .selectFrom('family_children')
          .select('child_id')
          .where('family_id', '=', input.familyId)
          .where('child_id', '=', input.childId)
          .executeTakeFirst();
        if (!link) throw notFound('Cet enfant est introuvable.');
      }
      const row = await trx
        .insertInto('documents')
        .values({
          family_id: input.familyId,
          child_id: input.childId,
          type: input.type,
          file_name: sanitizeFileName(file.clientName, mime),
          mime_type: mime,
          size_bytes: file.sizeBytes,
          storage_key: file.storageKey,
          sha256: file.sha256,
          refusal_reason: null,
          school_year: schoolYearOf(todayOf(now)),
          valid_until: null,
          uploaded_by_account_id: input.actor.type === 'parent' ? input.actor.id : null,
          uploaded_by_staff_id: input.actor.type === 'staff' ? input.actor.id : null,
          uploaded_at: now.toISOString(),
          reviewed_by: null,
          reviewed_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(
        trx,
        input.actor,
        {
          action: 'document.uploaded',
          entityType: 'document',
          entityId: row.id,
          familyId: input.familyId,
          changes: { type: [null, row.type], fileName: [null, row.file_name], childId: [null, row.child_id], sizeBytes: [null, row.size_bytes] },
          ip: input.ip ?? null,
        },
        now,
      );
      // Last step of the transaction: if the rename fails, the row is rolled back.
      await fs.promises.rename(file.tempPath, finalPath);
      return documentDto(row);
    });
  } catch (error) {
    await removeQuietly(file.tempPath);
    await removeQuietly(finalPath);
    throw error;
  }
}

export interface DocumentFile {
  path: string;
  fileName: string;
  mimeType: DocumentDto['mimeType'];
  sizeBytes: number;
}

/** The file of a document; parents pass their family (another family's document is a 404). */
export async function documentFile(db: Db, dataDir: string, documentId: number, scope: { familyId: number } | 'staff'): Promise<DocumentFile> {
  let query = db.selectFrom('documents').select(['storage_key', 'file_name', 'mime_type', 'size_bytes']).where('id', '=', documentId);
  if (scope !== 'staff') query = query.where('family_id', '=', scope.familyId);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound(DOCUMENT_NOT_FOUND);
  const path = storedFilePath(dataDir, row.storage_key);
  try {
    await fs.promises.access(path, fs.constants.R_OK);
  } catch {
    throw notFound("Le fichier de ce document est introuvable sur le serveur. Prévenez le pôle enfance-jeunesse.");
  }
  return { path, fileName: row.file_name, mimeType: row.mime_type, sizeBytes: row.size_bytes };
}

/** A parent withdraws a document staff have not reviewed yet. */
export async function deleteFamilyDocument(
  db: Kysely<Database>,
  input: { familyId: number; documentId: number; dataDir: string; actor: Actor; now: Date; ip?: string | null },
): Promise<void> {
  const key = await db.transaction().execute(async (trx) => {
    await writableFamily(trx, { actor: input.actor, familyId: input.familyId, now: input.now, ip: input.ip ?? null });
    const doc = await trx
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', input.documentId)
      .where('family_id', '=', input.familyId)
      .executeTakeFirst();
    if (!doc) throw notFound(DOCUMENT_NOT_FOUND);
    if (!parentMayDelete(doc.status)) {
      throw new AppError(
        'conflict',
        `Ce document a déjà été examiné (${DOCUMENT_STATUS_LABELS[doc.status]}) : il ne peut plus être supprimé. Transmettez plutôt un nouveau document.`,
      );
    }
    await trx.deleteFrom('documents').where('id', '=', doc.id).execute();
    await writeAudit(
      trx,
      input.actor,
      {
        action: 'document.deleted',
        entityType: 'document',
        entityId: doc.id,
        familyId: input.familyId,
        changes: { type: [doc.type, null], fileName: [doc.file_name, null], status: [doc.status, null] },
        ip: input.ip ?? null,
      },
      input.now,
    );
    return doc.storage_key;
  });
  // After the commit: at worst an orphan file remains, never a row without its file.
  await removeQuietly(storedFilePath(input.dataDir, key));
}

export interface ReviewItem extends DocumentDto {
  familyId: number;
  familyName: string;
}

/** Documents in one state, oldest first: the staff's review list. */
export async function listDocumentsForReview(db: Db, status: DocumentStatus, limit = 500): Promise<ReviewItem[]> {
  const rows = await db
    .selectFrom('documents as d')
    .leftJoin('guardians as g', (j) => j.onRef('g.family_id', '=', 'd.family_id').on('g.role', '=', RESPONSABLE))
    .selectAll('d')
    .select('g.last_name as responsable_last_name')
    .where('d.status', '=', status)
    .orderBy('d.uploaded_at')
    .orderBy('d.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...documentDto(r), familyId: r.family_id, familyName: familyDisplayName(r.responsable_last_name, r.family_id) }));
}

interface ReviewInput {
  documentId: number;
  actor: Actor;
  now: Date;
  publicUrl: string;
  ip?: string | null;
}

async function documentToReview(trx: Db, documentId: number): Promise<Selectable<DocumentsTable>> {
  const doc = await trx.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  if (!doc) throw notFound(DOCUMENT_NOT_FOUND);
  if (doc.status !== 'transmitted') {
    throw new AppError('conflict', `Ce document a déjà été examiné : il est ${DOCUMENT_STATUS_LABELS[doc.status]}.`);
  }
  return doc;
}

const mention = (doc: Selectable<DocumentsTable>) => ({ type: doc.type, fileName: doc.file_name, uploadedAt: doc.uploaded_at });

/**
 * Staff accept a transmitted document, valid until `validUntil` (by default 31 August ending
 * the current school year); the family is told by e-mail.
 */
export async function acceptDocument(db: Kysely<Database>, input: ReviewInput & { validUntil?: string | null }): Promise<DocumentDto> {
  const today = todayOf(input.now);
  const validUntil = input.validUntil ?? endOfSchoolYear(today);
  if (validUntil < today) {
    throw new AppError('validation', "La date de fin de validité ne peut pas être déjà passée.", [
      { path: 'validUntil', message: "La date de fin de validité ne peut pas être déjà passée." },
    ]);
  }
  return db.transaction().execute(async (trx) => {
    const doc = await documentToReview(trx, input.documentId);
    const at = input.now.toISOString();
    const updated = await trx
      .updateTable('documents')
      .set({ status: 'accepted', valid_until: validUntil, refusal_reason: null, reviewed_by: input.actor.id, reviewed_at: at })
      .where('id', '=', doc.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      input.actor,
      {
        action: 'document.accepted',
        entityType: 'document',
        entityId: doc.id,
        familyId: doc.family_id,
        changes: { status: [doc.status, 'accepted'], validUntil: [doc.valid_until, validUntil] },
        ip: input.ip ?? null,
      },
      input.now,
    );
    await emailFamily(trx, doc.family_id, (commune, hello) => documentAcceptedText(commune, hello, mention(doc), validUntil, input.publicUrl), input.now);
    return documentDto(updated);
  });
}

/** Staff refuse a transmitted document with a reason the family reads in the portal and by e-mail. */
export async function refuseDocument(db: Kysely<Database>, input: ReviewInput & { reason: string }): Promise<DocumentDto> {
  return db.transaction().execute(async (trx) => {
    const doc = await documentToReview(trx, input.documentId);
    const at = input.now.toISOString();
    const updated = await trx
      .updateTable('documents')
      .set({ status: 'refused', refusal_reason: input.reason, valid_until: null, reviewed_by: input.actor.id, reviewed_at: at })
      .where('id', '=', doc.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      input.actor,
      {
        action: 'document.refused',
        entityType: 'document',
        entityId: doc.id,
        familyId: doc.family_id,
        changes: { status: [doc.status, 'refused'], refusalReason: [doc.refusal_reason, input.reason] },
        ip: input.ip ?? null,
      },
      input.now,
    );
    await emailFamily(trx, doc.family_id, (commune, hello) => documentRefusedText(commune, hello, mention(doc), input.reason, input.publicUrl), input.now);
    return documentDto(updated);
  });
}

/**
 * The daily expiry: accepted documents whose last valid day is before `today` become
 * 'expired' (each change audited on its family). Returns how many expired.
 */
export async function expireDocuments(db: Kysely<Database>, today: string, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('documents')
      .select(['id', 'family_id'])
      .where('status', '=', 'accepted')
      .where('valid_until', '<', today)
      .execute();
    if (due.length === 0) return 0;
    await trx.updateTable('documents').set({ status: 'expired' }).where('status', '=', 'accepted').where('valid_until', '<', today).execute();
    for (const d of due) {
      await writeAudit(
        trx,
        systemActor,
        { action: 'document.expired', entityType: 'document', entityId: d.id, familyId: d.family_id, changes: { status: ['accepted', 'expired'] } },
        now,
      );
    }
    return due.length;
  });
}
