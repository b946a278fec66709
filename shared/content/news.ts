import type { Kysely } from 'kysely';
import { diff, writeAudit, type Actor } from '../audit/audit';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';
import { AppError, notFound } from '../errors';
import { PUBLISH_UNTIL_BEFORE_FROM, type NewsInput } from '../schemas/content';
import { createdChanges, deletedChanges } from './audit';
import { attachmentsOf, ownerNotFoundMessage, removeAttachmentFiles } from './attachments';
import { publicNewsDto, staffNewsDto, type NewsRow, type PublicNewsDto, type StaffNewsDto } from './presenters';
import { checkTargetService } from './services';

// News ("actualités") written by staff, shown at the bottom of the portal's home page while
// now is inside [publishFrom, publishUntil).

const NEWS_NOT_FOUND = ownerNotFoundMessage('news');

function newsRows(db: Db) {
  return db
    .selectFrom('news as n')
    .leftJoin('services as s', 's.id', 'n.service_id')
    .select(['n.id', 'n.title', 'n.body', 'n.publish_from', 'n.publish_until', 'n.created_at', 'n.updated_at', 's.id as service_id', 's.name as service_name']);
}

async function withAttachments(db: Db, rows: NewsRow[], nowIso: string): Promise<StaffNewsDto[]> {
  const attachments = await attachmentsOf(db, 'news', rows.map((r) => r.id));
  return rows.map((row) => staffNewsDto(row, attachments.get(row.id) ?? [], nowIso));
}

/** Every news item, latest publication first (scheduled ones on top). */
export async function listNewsForStaff(db: Db, nowIso: string): Promise<StaffNewsDto[]> {
  const rows = await newsRows(db).orderBy('n.publish_from', 'desc').orderBy('n.id', 'desc').execute();
  return withAttachments(db, rows, nowIso);
}

export async function getNewsForStaff(db: Db, id: number, nowIso: string): Promise<StaffNewsDto> {
  const row = await newsRows(db).where('n.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(NEWS_NOT_FOUND);
  const [dto] = await withAttachments(db, [row], nowIso);
  if (!dto) throw notFound(NEWS_NOT_FOUND);
  return dto;
}

/** The news a visitor sees now, newest first, with their attachments. */
export async function listPublishedNews(db: Db, nowIso: string, limit = 10): Promise<PublicNewsDto[]> {
  const rows = await newsRows(db)
    .where('n.publish_from', '<=', nowIso)
    .where((eb) => eb.or([eb('n.publish_until', 'is', null), eb('n.publish_until', '>', nowIso)]))
    .orderBy('n.publish_from', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
  const attachments = await attachmentsOf(db, 'news', rows.map((r) => r.id));
  return rows.map((row) => publicNewsDto(row, attachments.get(row.id) ?? []));
}

interface WriteContext {
  actor: Actor;
  now: Date;
  ip?: string | null;
}

/** The publication window to store: no start = now; the end must come after the start. */
function publicationWindow(input: NewsInput, nowIso: string): { publish_from: string; publish_until: string | null } {
  const from = input.publishFrom ?? nowIso;
  if (input.publishUntil !== null && input.publishUntil <= from) {
    throw new AppError('validation', PUBLISH_UNTIL_BEFORE_FROM, [{ path: 'publishUntil', message: PUBLISH_UNTIL_BEFORE_FROM }]);
  }
  return { publish_from: from, publish_until: input.publishUntil };
}

/** The audited fields of a news item, in the API's names. */
const auditView = (n: { title: string; body: string; service_id: number | null; publish_from: string; publish_until: string | null }) => ({
  title: n.title,
  body: n.body,
  serviceId: n.service_id,
  publishFrom: n.publish_from,
  publishUntil: n.publish_until,
});

export async function createNews(db: Kysely<Database>, input: NewsInput, ctx: WriteContext): Promise<StaffNewsDto> {
  const nowIso = ctx.now.toISOString();
  const dates = publicationWindow(input, nowIso);
  const id = await db.transaction().execute(async (trx) => {
    await checkTargetService(trx, input.serviceId);
    const row = await trx
      .insertInto('news')
      .values({
        service_id: input.serviceId,
        title: input.title,
        body: input.body,
        ...dates,
        created_by: ctx.actor.type === 'staff' ? ctx.actor.id : null,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      ctx.actor,
      { action: 'news.created', entityType: 'news', entityId: row.id, changes: createdChanges(auditView(row)), ip: ctx.ip ?? null },
      ctx.now,
    );
    return row.id;
  });
  return getNewsForStaff(db, id, nowIso);
}

export async function updateNews(db: Kysely<Database>, id: number, input: NewsInput, ctx: WriteContext): Promise<StaffNewsDto> {
  const nowIso = ctx.now.toISOString();
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('news').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound(NEWS_NOT_FOUND);
    await checkTargetService(trx, input.serviceId);
    const after = {
      title: input.title,
      body: input.body,
      service_id: input.serviceId,
      ...publicationWindow(input, nowIso),
    };
    const changes = diff(auditView(before), auditView(after));
    // A save that changes nothing writes nothing (and keeps the modification date).
    if (Object.keys(changes).length === 0) return;
    await trx
      .updateTable('news')
      .set({ ...after, updated_at: nowIso })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx.actor, { action: 'news.updated', entityType: 'news', entityId: id, changes, ip: ctx.ip ?? null }, ctx.now);
  });
  return getNewsForStaff(db, id, nowIso);
}

/** Deletes a news item with its attachments (rows in the transaction, files after it). */
export async function deleteNews(db: Kysely<Database>, id: number, dataDir: string, ctx: WriteContext): Promise<void> {
  const keys = await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('news').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound(NEWS_NOT_FOUND);
    const files = await trx.selectFrom('content_attachments').select(['storage_key', 'file_name']).where('news_id', '=', id).execute();
    await trx.deleteFrom('content_attachments').where('news_id', '=', id).execute();
    await trx.deleteFrom('news').where('id', '=', id).execute();
    const changes = deletedChanges(auditView(before));
    if (files.length > 0) changes.attachments = [files.map((f) => f.file_name), null];
    await writeAudit(trx, ctx.actor, { action: 'news.deleted', entityType: 'news', entityId: id, changes, ip: ctx.ip ?? null }, ctx.now);
    return files.map((f) => f.storage_key);
  });
  await removeAttachmentFiles(dataDir, keys);
}
