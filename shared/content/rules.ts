// Pure rules of the portal content: when a news item shows, what an info page's address is,
// which files may be attached. The clock is always passed in.

/** 10 Mo, as for the families' documents: a scanned menu or a PDF booklet. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Enough for a month of weekly menus and their translations; a bound against mistakes. */
export const MAX_ATTACHMENTS_PER_ITEM = 20;

export type NewsState = 'scheduled' | 'published' | 'expired';

export const NEWS_STATE_LABELS: Record<NewsState, string> = {
  scheduled: 'Programmée',
  published: 'Publiée',
  expired: 'Expirée',
};

/**
 * A news item shows from `publishFrom` (included) until `publishUntil` (excluded; none = for
 * ever). Instants are ISO 8601 UTC strings, so they compare as text.
 */
export function newsState(publishFrom: string, publishUntil: string | null, nowIso: string): NewsState {
  if (nowIso < publishFrom) return 'scheduled';
  if (publishUntil !== null && nowIso >= publishUntil) return 'expired';
  return 'published';
}

const SLUG_MAX = 80;

/** "Menus de décembre !" → "menus-de-decembre": the address of an info page, from its title. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
  return slug === '' ? 'page' : slug;
}

/** The first of `base`, `base-2`, `base-3`… that `taken` does not hold. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The public address of an attachment: its id, then its name (for the browser's download). */
export function publicAttachmentUrl(id: number, fileName: string): string {
  return `/api/public/attachments/${id}/${encodeURIComponent(fileName)}`;
}

/** The staff's address of an attachment (unpublished content included). */
export function staffAttachmentUrl(id: number, fileName: string): string {
  return `/api/staff/attachments/${id}/${encodeURIComponent(fileName)}`;
}
