import type { Db } from '../../../../shared/db/types';

// Presenters: each public field is listed explicitly; nothing else of a row reaches a visitor.

export async function listPublicServices(db: Db) {
  const rows = await db
    .selectFrom('services')
    .select(['id', 'code', 'name', 'description', 'contact_email', 'contact_phone', 'contact_url'])
    .where('active', '=', 1)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    description: s.description,
    contact: { email: s.contact_email, phone: s.contact_phone, url: s.contact_url },
  }));
}

export async function listPublishedNews(db: Db, nowIso: string, limit = 10) {
  const rows = await db
    .selectFrom('news as n')
    .leftJoin('services as s', 's.id', 'n.service_id')
    .select(['n.id', 'n.title', 'n.body', 'n.publish_from', 's.id as service_id', 's.name as service_name'])
    .where('n.publish_from', '<=', nowIso)
    .where((eb) => eb.or([eb('n.publish_until', 'is', null), eb('n.publish_until', '>', nowIso)]))
    .orderBy('n.publish_from', 'desc')
    .limit(limit)
    .execute();
  return rows.map((n) => ({
    id: n.id,
    title: n.title,
    body: n.body,
    publishedAt: n.publish_from,
    service: n.service_id !== null && n.service_name !== null ? { id: n.service_id, name: n.service_name } : null,
  }));
}

export async function listPublishedInfoPages(db: Db) {
  const rows = await db
    .selectFrom('info_pages as p')
    .leftJoin('services as s', 's.id', 'p.service_id')
    .select(['p.id', 'p.slug', 'p.title', 's.id as service_id', 's.name as service_name'])
    .where('p.published', '=', 1)
    .orderBy('p.sort_order')
    .orderBy('p.id')
    .execute();
  return rows.map((p) => ({
    id: p.id,
    slug: p.slug,
    title: p.title,
    service: p.service_id !== null && p.service_name !== null ? { id: p.service_id, name: p.service_name } : null,
  }));
}

export async function findInfoPage(db: Db, slug: string) {
  const p = await db
    .selectFrom('info_pages as p')
    .leftJoin('services as s', 's.id', 'p.service_id')
    .select(['p.id', 'p.slug', 'p.title', 'p.body', 's.id as service_id', 's.name as service_name'])
    .where('p.slug', '=', slug)
    .where('p.published', '=', 1)
    .executeTakeFirst();
  if (!p) return null;
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    body: p.body,
    service: p.service_id !== null && p.service_name !== null ? { id: p.service_id, name: p.service_name } : null,
  };
}
