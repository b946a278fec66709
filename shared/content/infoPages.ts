import type { Kysely } from 'kysely';
import { diff, writeAudit, type Actor } from '../audit/audit';
import type { Database } from '../db/schema';
import type { Db, Trx } from '../db/types';
import { notFound } from '../errors';
import type { InfoPageInput } from '../schemas/content';
import { attachmentsOf, ownerNotFoundMessage, removeAttachmentFiles } from './attachments';
import { createdChanges, deletedChanges } from './audit';
import {
  publicInfoPageDto,
  serviceRef,
  staffInfoPageDto,
  type InfoPageRow,
  type PublicInfoPageDto,
  type PublicInfoPageSummaryDto,
  type StaffInfoPageDto,
} from './presenters';
import { slugify, uniqueSlug } from './rules';
import { checkTargetService } from './services';

// "Informations pratiques": pages of the portal's left menu (règlement intérieur, guide,
// menus…), general or per service, each at /infos/<slug>; the slug comes from the title.

const PAGE_NOT_FOUND = ownerNotFoundMessage('info_page');

function pageRows(db: Db) {
  return db
    .selectFrom('info_pages as p')
    .leftJoin('services as s', 's.id', 'p.service_id')
    .select([
      'p.id',
      'p.slug',
      'p.title',
      'p.body',
      'p.published',
      'p.sort_order',
      'p.created_at',
      'p.updated_at',
      's.id as service_id',
      's.name as service_name',
    ]);
}

/** Menu order: the staff's order, then creation. */
export async function listInfoPagesForStaff(db: Db): Promise<StaffInfoPageDto[]> {
  const rows: InfoPageRow[] = await pageRows(db).orderBy('p.sort_order').orderBy('p.id').execute();
  const attachments = await attachmentsOf(db, 'info_page', rows.map((r) => r.id));
  return rows.map((row) => staffInfoPageDto(row, attachments.get(row.id) ?? []));
}

export async function getInfoPageForStaff(db: Db, id: number): Promise<StaffInfoPageDto> {
  const row = await pageRows(db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(PAGE_NOT_FOUND);
  const attachments = await attachmentsOf(db, 'info_page', [row.id]);
  return staffInfoPageDto(row, attachments.get(row.id) ?? []);
}

/** The published pages of the left menu (no bodies). */
export async function listPublishedInfoPages(db: Db): Promise<PublicInfoPageSummaryDto[]> {
  const rows = await pageRows(db).where('p.published', '=', 1).orderBy('p.sort_order').orderBy('p.id').execute();
  return rows.map((p) => ({ id: p.id, slug: p.slug, title: p.title, service: serviceRef(p.service_id, p.service_name) }));
}

/** A published page by its address, with its attachments; null for a draft or an unknown slug. */
export async function findPublishedInfoPage(db: Db, slug: string): Promise<PublicInfoPageDto | null> {
  const row = await pageRows(db).where('p.slug', '=', slug).where('p.published', '=', 1).executeTakeFirst();
  if (!row) return null;
  const attachments = await attachmentsOf(db, 'info_page', [row.id]);
  return publicInfoPageDto(row, attachments.get(row.id) ?? []);
}

interface WriteContext {
  actor: Actor;
  now: Date;
  ip?: string | null;
}

/** A slug from `title` that no other page uses. */
async function freeSlug(trx: Trx, title: string, exceptId: number | null): Promise<string> {
  const base = slugify(title);
  // A commune has a few dozen pages: reading every slug is simpler than a LIKE that misses truncated ones.
  let query = trx.selectFrom('info_pages').select('slug');
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  const taken = new Set((await query.execute()).map((r) => r.slug));
  return uniqueSlug(base, taken);
}

const auditView = (p: { title: string; slug: string; body: string; service_id: number | null; published: 0 | 1; sort_order: number }) => ({
  title: p.title,
  slug: p.slug,
  body: p.body,
  serviceId: p.service_id,
  published: p.published === 1,
  sortOrder: p.sort_order,
});

export async function createInfoPage(db: Kysely<Database>, input: InfoPageInput, ctx: WriteContext): Promise<StaffInfoPageDto> {
  const nowIso = ctx.now.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    await checkTargetService(trx, input.serviceId);
    let sortOrder = input.sortOrder;
    if (sortOrder === undefined) {
      // A new page goes to the end of the menu.
      const { last } = await trx
        .selectFrom('info_pages')
        .select((eb) => eb.fn.max<number | null>('sort_order').as('last'))
        .executeTakeFirstOrThrow();
      sortOrder = (last ?? 0) + 1;
    }
    const row = await trx
      .insertInto('info_pages')
      .values({
        service_id: input.serviceId,
        slug: await freeSlug(trx, input.title, null),
        title: input.title,
        body: input.body,
        published: input.published ? 1 : 0,
        sort_order: sortOrder,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      ctx.actor,
      { action: 'info_page.created', entityType: 'info_page', entityId: row.id, changes: createdChanges(auditView(row)), ip: ctx.ip ?? null },
      ctx.now,
    );
    return row.id;
  });
  return getInfoPageForStaff(db, id);
}

/** Saves a page; a new title gives a new address (the old one then answers 404). */
export async function updateInfoPage(db: Kysely<Database>, id: number, input: InfoPageInput, ctx: WriteContext): Promise<StaffInfoPageDto> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('info_pages').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound(PAGE_NOT_FOUND);
    await checkTargetService(trx, input.serviceId);
    const after = {
      title: input.title,
      slug: input.title === before.title ? before.slug : await freeSlug(trx, input.title, id),
      body: input.body,
      service_id: input.serviceId,
      published: (input.published ? 1 : 0) as 0 | 1,
      sort_order: input.sortOrder ?? before.sort_order,
    };
    const changes = diff(auditView(before), auditView(after));
    if (Object.keys(changes).length === 0) return;
    await trx
      .updateTable('info_pages')
      .set({ ...after, updated_at: ctx.now.toISOString() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx.actor, { action: 'info_page.updated', entityType: 'info_page', entityId: id, changes, ip: ctx.ip ?? null }, ctx.now);
  });
  return getInfoPageForStaff(db, id);
}

export async function deleteInfoPage(db: Kysely<Database>, id: number, dataDir: string, ctx: WriteContext): Promise<void> {
  const keys = await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('info_pages').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound(PAGE_NOT_FOUND);
    const files = await trx.selectFrom('content_attachments').select(['storage_key', 'file_name']).where('info_page_id', '=', id).execute();
    await trx.deleteFrom('content_attachments').where('info_page_id', '=', id).execute();
    await trx.deleteFrom('info_pages').where('id', '=', id).execute();
    const changes = deletedChanges(auditView(before));
    if (files.length > 0) changes.attachments = [files.map((f) => f.file_name), null];
    await writeAudit(trx, ctx.actor, { action: 'info_page.deleted', entityType: 'info_page', entityId: id, changes, ip: ctx.ip ?? null }, ctx.now);
    return files.map((f) => f.storage_key);
  });
  await removeAttachmentFiles(dataDir, keys);
}
