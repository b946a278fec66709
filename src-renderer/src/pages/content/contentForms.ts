/** Form values of the content editors ↔ API bodies, validated by the API's own zod schemas. */
import { infoPageInputSchema, newsInputSchema, type InfoPageBody, type NewsBody } from '../../../../shared/schemas/content';
import type { InfoPage, News, NewsState } from '../../contentApi';
import { zodErrors, type FormErrors } from '../../forms';
import { formatDateTime } from '../../format';

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * ISO instant → the value of an `<input type="datetime-local">` ("2026-11-26T09:00"), in the
 * office PC's time zone — a commune's PCs are on French time, as the portal's readers are.
 */
export function isoToLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The input's value → ISO instant; '' → null; anything else is left for the schema to refuse. */
export function localInputToIso(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(trimmed);
  if (!m) return trimmed;
  const [year, month, day, hours, minutes] = m.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(year, month - 1, day, hours, minutes);
  // 31/02 would roll over to March: refused rather than published on another day.
  if (date.getDate() !== day || date.getMonth() !== month - 1) return trimmed;
  return date.toISOString();
}

// ---- news -----------------------------------------------------------------------------------

export interface NewsValues {
  title: string;
  body: string;
  /** '' = every service. */
  serviceId: string;
  /** datetime-local; '' = as soon as it is saved. */
  publishFrom: string;
  /** datetime-local; '' = no end. */
  publishUntil: string;
}

export const EMPTY_NEWS: NewsValues = { title: '', body: '', serviceId: '', publishFrom: '', publishUntil: '' };

export function newsToValues(news: News): NewsValues {
  return {
    title: news.title,
    body: news.body,
    serviceId: news.service ? String(news.service.id) : '',
    publishFrom: isoToLocalInput(news.publishFrom),
    publishUntil: isoToLocalInput(news.publishUntil),
  };
}

export function newsBody(values: NewsValues): NewsBody {
  return {
    title: values.title,
    body: values.body,
    serviceId: values.serviceId ? Number(values.serviceId) : null,
    publishFrom: localInputToIso(values.publishFrom),
    publishUntil: localInputToIso(values.publishUntil),
  };
}

export const validateNews = (values: NewsValues): FormErrors => zodErrors(newsInputSchema, newsBody(values));

export const NEWS_STATE_LABELS: Record<NewsState, string> = {
  scheduled: 'Programmée',
  published: 'Publiée',
  expired: 'Expirée',
};

export const NEWS_STATE_COLORS: Record<NewsState, string> = {
  scheduled: 'blue',
  published: 'green',
  expired: 'gray',
};

/** "Du 26/11/2026 09:00 au 31/12/2026 23:59", or "Depuis le …" without an end. */
export function publicationPeriod(news: Pick<News, 'publishFrom' | 'publishUntil'>): string {
  const from = formatDateTime(news.publishFrom);
  return news.publishUntil ? `Du ${from} au ${formatDateTime(news.publishUntil)}` : `À partir du ${from}, sans fin`;
}

/** The sentence after a save: where the item stands for the families. */
export function newsSavedNotice(news: News): string {
  if (news.state === 'published') return 'Actualité enregistrée : elle est visible sur le portail.';
  if (news.state === 'scheduled') return `Actualité enregistrée : elle sera visible sur le portail à partir du ${formatDateTime(news.publishFrom)}.`;
  return 'Actualité enregistrée : sa période de publication est terminée, elle n’est plus visible sur le portail.';
}

// ---- info pages -------------------------------------------------------------------------------

export interface InfoPageValues {
  title: string;
  body: string;
  serviceId: string;
  published: boolean;
  /** '' = unchanged (at the end of the menu for a new page). */
  sortOrder: string;
}

export const EMPTY_INFO_PAGE: InfoPageValues = { title: '', body: '', serviceId: '', published: true, sortOrder: '' };

export function infoPageToValues(page: InfoPage): InfoPageValues {
  return {
    title: page.title,
    body: page.body,
    serviceId: page.service ? String(page.service.id) : '',
    published: page.published,
    sortOrder: String(page.sortOrder),
  };
}

export function infoPageBody(values: InfoPageValues): InfoPageBody {
  const order = values.sortOrder.trim();
  const body: InfoPageBody = {
    title: values.title,
    body: values.body,
    serviceId: values.serviceId ? Number(values.serviceId) : null,
    published: values.published,
  };
  if (order !== '') body.sortOrder = /^-?\d+$/.test(order) ? Number(order) : Number.NaN;
  return body;
}

export const validateInfoPage = (values: InfoPageValues): FormErrors => zodErrors(infoPageInputSchema, infoPageBody(values));

export function infoPageSavedNotice(page: InfoPage): string {
  return page.published
    ? `Page enregistrée : elle est publiée sur le portail, à l’adresse /infos/${page.slug}.`
    : 'Page enregistrée : elle n’est pas publiée, les familles ne la voient pas.';
}
