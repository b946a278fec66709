import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { writeAudit, type Actor } from '../audit/audit';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';
import { detectFileType, sanitizeFileName } from '../documents/file-type';
import { removeQuietly, storedFilePath, type FileArea } from '../documents/storage';
import type { ReceivedFile } from '../documents/upload';
import { AppError, notFound } from '../errors';
import { attachmentDto, type AttachmentDto, type AttachmentRow } from './presenters';
import { MAX_ATTACHMENTS_PER_ITEM } from './rules';

// Files attached to news and info pages (menus, règlement, guide): stored like the families'
// documents — random keys, type read from the content — but in their own folder,
// <dataDir>/files/content, since they are public once their item is published.

export const CONTENT_AREA: FileArea = 'content';

export type ContentKind = 'news' | 'info_page';

export interface ContentOwner {
  kind: ContentKind;
  id: number;
}

export const NOT_AN_ATTACHMENT =
  "Ce fichier n'est ni un PDF ni une image JPEG ou PNG : son contenu a été vérifié, pas seulement son nom. " +
  'Enregistrez-le dans l’un de ces formats, puis envoyez-le de nouveau.';

const ATTACHMENT_NOT_FOUND = 'Cette pièce jointe est introuvable.';

export const ownerNotFoundMessage = (kind: ContentKind): string =>
  kind === 'news' ? 'Cette actualité est introuvable.' : "Cette page d'information est introuvable.";

const ownerColumn = (kind: ContentKind) => (kind === 'news' ? 'news_id' : 'info_page_id') as 'news_id' | 'info_page_id';

/** The attachments of several items at once, in upload order, by item id. */
export async function attachmentsOf(db: Db, kind: ContentKind, ids: readonly number[]): Promise<Map<number, AttachmentRow[]>> {
  const byOwner = new Map<number, AttachmentRow[]>();
  if (ids.length === 0) return byOwner;
  const column = ownerColumn(kind);
  const rows = await db
    .selectFrom('content_attachments')
    .select(['id', 'file_name', 'mime_type', 'size_bytes', 'news_id', 'info_page_id'])
    .where(column, 'in', [...ids])
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const owner = kind === 'news' ? row.news_id : row.info_page_id;
    if (owner === null) continue;
    const list = byOwner.get(owner) ?? [];
    list.push(row);
    byOwner.set(owner, list);
  }
  return byOwner;
}

/** Whether the item exists (a quick check before receiving a 10 MB upload for nothing). */
export async function contentExists(db: Db, owner: ContentOwner): Promise<boolean> {
  const table = owner.kind === 'news' ? 'news' : 'info_pages';
  const row = await db.selectFrom(table).select('id').where('id', '=', owner.id).executeTakeFirst();
  return row !== undefined;
}

export interface StoreAttachmentInput {
  owner: ContentOwner;
  file: ReceivedFile;
  dataDir: string;
  actor: Actor;
  now: Date;
  ip?: string | null;
}

/**
 * Attaches an uploaded file to a news item or an info page. As for documents, the row and the
 * rename of the temporary file happen in one transaction: a row always has its file, and a
 * refused upload leaves nothing on disk.
 */
export async function storeAttachment(db: Kysely<Database>, input: StoreAttachmentInput): Promise<AttachmentDto> {
  const { file, owner, now } = input;
  const finalPath = storedFilePath(input.dataDir, file.storageKey, CONTENT_AREA);
  try {
    const mime = detectFileType(file.head);
    if (!mime) throw new AppError('unsupported_media_type', NOT_AN_ATTACHMENT);
    return await db.transaction().execute(async (trx) => {
      if (!(await contentExists(trx, owner))) throw notFound(ownerNotFoundMessage(owner.kind));
      const column = ownerColumn(owner.kind);
      const { count } = await trx
        .selectFrom('content_attachments')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where(column, '=', owner.id)
        .executeTakeFirstOrThrow();
      if (Number(count) >= MAX_ATTACHMENTS_PER_ITEM) {
        throw new AppError('conflict', `${MAX_ATTACHMENTS_PER_ITEM} pièces jointes au maximum : supprimez-en une avant d'en ajouter une autre.`);
      }
      const row = await trx
        .insertInto('content_attachments')
        .values({
          news_id: owner.kind === 'news' ? owner.id : null,
          info_page_id: owner.kind === 'info_page' ? owner.id : null,
          file_name: sanitizeFileName(file.clientName, mime),
          mime_type: mime,
          size_bytes: file.sizeBytes,
          storage_key: file.storageKey,
          created_at: now.toISOString(),
        })
        .returning(['id', 'file_name', 'mime_type', 'size_bytes'])
        .executeTakeFirstOrThrow();
      await touchOwner(trx, owner, now);
      await writeAudit(
        trx,
        input.actor,
        {
          action: `${owner.kind}.attachment_added`,
          entityType: owner.kind,
          entityId: owner.id,
          changes: { attachment: [null, { id: row.id, fileName: row.file_name, mimeType: row.mime_type, sizeBytes: row.size_bytes }] },
          ip: input.ip ?? null,
        },
        now,
      );
      // Last step: if the rename fails, the row is rolled back.
      await fs.promises.rename(file.tempPath, finalPath);
      return attachmentDto(row, 'staff');
    });
  } catch (error) {
    await removeQuietly(file.tempPath);
    await removeQuietly(finalPath);
    throw error;
  }
}

async function touchOwner(db: Db, owner: ContentOwner, now: Date): Promise<void> {
  const at = now.toISOString();
  if (owner.kind === 'news') await db.updateTable('news').set({ updated_at: at }).where('id', '=', owner.id).execute();
  else await db.updateTable('info_pages').set({ updated_at: at }).where('id', '=', owner.id).execute();
}

/** Removes one attachment of an item (another item's attachment id is a 404). */
export async function deleteAttachment(
  db: Kysely<Database>,
  input: { owner: ContentOwner; attachmentId: number; dataDir: string; actor: Actor; now: Date; ip?: string | null },
): Promise<void> {
  const { owner, now } = input;
  const key = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('content_attachments')
      .select(['id', 'file_name', 'mime_type', 'size_bytes', 'storage_key'])
      .where('id', '=', input.attachmentId)
      .where(ownerColumn(owner.kind), '=', owner.id)
      .executeTakeFirst();
    if (!row) throw notFound(ATTACHMENT_NOT_FOUND);
    await trx.deleteFrom('content_attachments').where('id', '=', row.id).execute();
    await touchOwner(trx, owner, now);
    await writeAudit(
      trx,
      input.actor,
      {
        action: `${owner.kind}.attachment_removed`,
        entityType: owner.kind,
        entityId: owner.id,
        changes: { attachment: [{ id: row.id, fileName: row.file_name, mimeType: row.mime_type, sizeBytes: row.size_bytes }, null] },
        ip: input.ip ?? null,
      },
      now,
    );
    return row.storage_key;
  });
  // After the commit: at worst an orphan file remains, never a row without its file.
  await removeQuietly(storedFilePath(input.dataDir, key, CONTENT_AREA));
}

/** Removes the files of rows already deleted (an item deleted with its attachments). */
export async function removeAttachmentFiles(dataDir: string, storageKeys: readonly string[]): Promise<void> {
  for (const key of storageKeys) await removeQuietly(storedFilePath(dataDir, key, CONTENT_AREA));
}

export interface AttachmentFile {
  path: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
}

async function fileOf(dataDir: string, row: { storage_key: string; file_name: string; mime_type: string; size_bytes: number }): Promise<AttachmentFile> {
  const path = storedFilePath(dataDir, row.storage_key, CONTENT_AREA);
  try {
    await fs.promises.access(path, fs.constants.R_OK);
  } catch {
    throw notFound('Le fichier de cette pièce jointe est introuvable sur le serveur.');
  }
  return { path, fileName: row.file_name, mimeType: row.mime_type, sizeBytes: row.size_bytes };
}

/** Any attachment, for staff (drafts and expired news included). */
export async function staffAttachmentFile(db: Db, dataDir: string, attachmentId: number): Promise<AttachmentFile> {
  const row = await db
    .selectFrom('content_attachments')
    .select(['storage_key', 'file_name', 'mime_type', 'size_bytes'])
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!row) throw notFound(ATTACHMENT_NOT_FOUND);
  return fileOf(dataDir, row);
}

/**
 * An attachment for a visitor: only while its item is public — a news item inside its
 * publication window, an info page marked published — and only under its own name. Anything
 * else is a 404, so that drafts cannot be found by counting ids.
 */
export async function publicAttachmentFile(db: Db, dataDir: string, attachmentId: number, fileName: string, nowIso: string): Promise<AttachmentFile> {
  const row = await db
    .selectFrom('content_attachments as a')
    .leftJoin('news as n', 'n.id', 'a.news_id')
    .leftJoin('info_pages as p', 'p.id', 'a.info_page_id')
    .select(['a.storage_key', 'a.file_name', 'a.mime_type', 'a.size_bytes'])
    .where('a.id', '=', attachmentId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('n.id', 'is not', null),
          eb('n.publish_from', '<=', nowIso),
          eb.or([eb('n.publish_until', 'is', null), eb('n.publish_until', '>', nowIso)]),
        ]),
        eb.and([eb('p.id', 'is not', null), eb('p.published', '=', 1)]),
      ]),
    )
    .executeTakeFirst();
  if (!row || row.file_name !== fileName) throw notFound(ATTACHMENT_NOT_FOUND);
  return fileOf(dataDir, row);
}
