import { z } from 'zod';
import { isIsoDate } from '../calendar/dates';

/*
 * Input rules of the portal content (news and information pages), shared by the staff API and
 * the back-office editors so both refuse the same mistake with the same sentence. Bodies are
 * "mise en forme simple" text (shared/content/simple-text.ts), never HTML.
 */

export const CONTENT_TITLE_MAX = 150;
export const CONTENT_BODY_MAX = 20_000;
export const SORT_ORDER_MAX = 9999;

const title = z
  .string({ error: 'Saisissez le titre.' })
  .trim()
  .min(1, 'Saisissez le titre.')
  .max(CONTENT_TITLE_MAX, `Le titre ne doit pas dépasser ${CONTENT_TITLE_MAX} caractères.`);

const body = z
  .string({ error: 'Saisissez le texte.' })
  // One kind of line break, whatever the office PC sends; trailing spaces of the whole text dropped.
  .overwrite((v) => v.replace(/\r\n?/g, '\n'))
  .trim()
  .min(1, 'Saisissez le texte.')
  .max(CONTENT_BODY_MAX, `Le texte ne doit pas dépasser ${CONTENT_BODY_MAX.toLocaleString('fr-FR')} caractères.`);

const serviceId = z
  .number({ error: 'Le service choisi est invalide.' })
  .int('Le service choisi est invalide.')
  .positive('Le service choisi est invalide.')
  .nullable()
  .optional()
  .transform((v) => v ?? null);

// An instant with its offset: "2026-11-26T09:00:00+01:00" or "…Z". Without an offset the hour
// would be ambiguous (the office PC's time zone or the server's?).
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A real instant, normalised to ISO 8601 UTC ("2026-11-26T08:00:00.000Z"). */
export function parseInstant(value: string): string | null {
  const m = INSTANT.exec(value.trim());
  if (!m || !isIsoDate(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? '0') > 59) return null;
  const year = Number(m[1]?.slice(0, 4));
  if (year < 2000 || year > 2100) return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const instant = (label: string) =>
  z.string({ error: `${label} : indiquez une date et une heure.` }).transform((v, ctx) => {
    const iso = parseInstant(v);
    if (iso === null) {
      ctx.addIssue({ code: 'custom', message: `${label} : date ou heure invalide.` });
      return z.NEVER;
    }
    return iso;
  });

export const PUBLISH_UNTIL_BEFORE_FROM = 'La fin de publication doit être postérieure au début de publication.';

/**
 * `POST /api/staff/news`, and `PUT /api/staff/news/:id` (the whole item). `publishFrom` null or
 * absent = from the moment of saving (the server's clock decides, not the office PC's); the
 * service then checks `publishUntil` against that moment too.
 */
export const newsInputSchema = z
  .strictObject({
    title,
    body,
    serviceId,
    publishFrom: instant('Début de publication')
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    publishUntil: instant('Fin de publication')
      .nullable()
      .optional()
      .transform((v) => v ?? null),
  })
  .refine((v) => v.publishUntil === null || v.publishFrom === null || v.publishUntil > v.publishFrom, {
    message: PUBLISH_UNTIL_BEFORE_FROM,
    path: ['publishUntil'],
  });

export type NewsInput = z.output<typeof newsInputSchema>;
/** What a client sends (before the schema's normalisation). */
export type NewsBody = z.input<typeof newsInputSchema>;

/** `POST /api/staff/info-pages`, and `PUT /api/staff/info-pages/:id` (`sortOrder` absent = unchanged, or last on creation). */
export const infoPageInputSchema = z.strictObject({
  title,
  body,
  serviceId,
  published: z.boolean({ error: 'Indiquez si la page est publiée (oui ou non).' }),
  sortOrder: z
    .number({ error: "L'ordre d'affichage doit être un nombre entier." })
    .int("L'ordre d'affichage doit être un nombre entier.")
    .min(0, "L'ordre d'affichage ne peut pas être négatif.")
    .max(SORT_ORDER_MAX, `L'ordre d'affichage ne peut pas dépasser ${SORT_ORDER_MAX}.`)
    .optional(),
});

export type InfoPageInput = z.output<typeof infoPageInputSchema>;
export type InfoPageBody = z.input<typeof infoPageInputSchema>;
