import type { Db } from '../../../../shared/db/types';

// Presenters: each public field is listed explicitly; nothing else of a row reaches a visitor.
// News and info pages are read by shared/content (news.ts, infoPages.ts).

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
