import { z } from 'zod';
import { isIsoDate } from '../calendar/dates';

/*
 * A tariff grid as staff type it, shared by the API and the back-office editor so that both name
 * the same bracket for the same mistake. Rules that need the clock (a grid already in force cannot
 * be edited, a new grid cannot start in the past) live in the service, which knows today.
 */

export const QF_LIMIT = 99_999;
/** 10 000 €: far above any price of the service, low enough to catch a typo in cents. */
export const PRICE_LIMIT_CENTS = 1_000_000;
export const BRACKETS_LIMIT = 20;

const QF_MESSAGE = 'Le QF doit être un nombre entier entre 0 et 99 999.';
const qf = z.number({ error: QF_MESSAGE }).int(QF_MESSAGE).min(0, QF_MESSAGE).max(QF_LIMIT, QF_MESSAGE);

export const priceCentsSchema = z
  .number({ error: 'Saisissez le tarif en centimes (nombre entier).' })
  .int("Un tarif s'exprime en centimes entiers.")
  .min(0, 'Un tarif ne peut pas être négatif.')
  .max(PRICE_LIMIT_CENTS, 'Un tarif ne peut pas dépasser 10 000 €.');

const gridName = z
  .string({ error: 'Saisissez le nom de la grille.' })
  .trim()
  .min(1, 'Saisissez le nom de la grille.')
  .max(80, 'Nom de la grille : 80 caractères au maximum.');

const VALID_FROM_MESSAGE = "Date d'effet invalide : format attendu AAAA-MM-JJ.";
const validFrom = z.string({ error: VALID_FROM_MESSAGE }).refine(isIsoDate, VALID_FROM_MESSAGE);

export const tariffBracketInputSchema = z.strictObject({
  label: z
    .string({ error: 'Saisissez le nom de la tranche.' })
    .trim()
    .min(1, 'Saisissez le nom de la tranche.')
    .max(60, 'Nom de la tranche : 60 caractères au maximum.'),
  /** Ignored (stored as 0) for the Extérieur bracket. */
  qfMin: qf,
  /** null = no upper bound. Ignored (stored as null) for the Extérieur bracket. */
  qfMax: qf.nullable(),
  outsideCommune: z.boolean({ error: 'Extérieur : oui ou non attendu.' }),
  /** unit id (as a JSON key) → price in cents; a unit without a price in every bracket has none in the grid. */
  prices: z.record(z.string().regex(/^[1-9]\d{0,9}$/, 'Unité inconnue.'), priceCentsSchema, {
    error: 'Les tarifs de la tranche sont illisibles.',
  }),
}, { error: (iss) => (iss.code === 'invalid_type' ? 'Tranche illisible.' : undefined) });
export type TariffBracketInput = z.output<typeof tariffBracketInputSchema>;

/** "601–1000", "1501 et plus": how messages name a bracket. */
export function bracketRange(b: { qfMin: number; qfMax: number | null }): string {
  return b.qfMax === null ? `${b.qfMin} et plus` : `${b.qfMin}–${b.qfMax}`;
}

interface IssueSink {
  addIssue: (issue: { code: 'custom'; message: string; path: PropertyKey[] }) => void;
}

const isQf = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= QF_LIMIT;

/**
 * The grid's brackets: at most one Extérieur; commune brackets from QF 0 upwards, without overlap
 * or gap, the last one (and only it) open-ended; every priced unit priced in every bracket.
 */
export function checkBrackets(brackets: readonly TariffBracketInput[], ctx: IssueSink): void {
  const issue = (message: string, ...path: PropertyKey[]) => ctx.addIssue({ code: 'custom', message, path: ['brackets', ...path] });

  const labels = new Map<string, number>();
  brackets.forEach((b, i) => {
    const key = b.label.trim().toLocaleLowerCase('fr-FR');
    if (labels.has(key)) issue(`Deux tranches portent le même nom « ${b.label.trim()} ».`, i, 'label');
    else labels.set(key, i);
  });

  const outside = brackets.map((b, i) => ({ b, i })).filter(({ b }) => b.outsideCommune);
  for (const { i } of outside.slice(1)) issue('Une seule tranche « Extérieur » est possible par grille.', i, 'outsideCommune');

  const commune = brackets.map((b, i) => ({ b, i })).filter(({ b }) => !b.outsideCommune);
  if (commune.length === 0) {
    issue('Ajoutez au moins une tranche de quotient familial.');
  } else {
    checkCommuneRanges(commune, issue);
  }

  // A unit priced somewhere must be priced everywhere: otherwise a family could not be billed.
  const priced = new Set<string>();
  for (const b of brackets) for (const unit of Object.keys(b.prices)) priced.add(unit);
  brackets.forEach((b, i) => {
    for (const unit of priced) {
      if (!(unit in b.prices)) {
        issue(`Tarif manquant dans la tranche « ${b.label.trim()} » : une prestation tarifée doit l'être dans chaque tranche.`, i, 'prices', unit);
      }
    }
  });
}

function checkCommuneRanges(
  commune: { b: TariffBracketInput; i: number }[],
  issue: (message: string, ...path: PropertyKey[]) => void,
): void {
  let readable = true;
  for (const { b, i } of commune) {
    if (!isQf(b.qfMin) || (b.qfMax !== null && !isQf(b.qfMax))) {
      readable = false;
    } else if (b.qfMax !== null && b.qfMax < b.qfMin) {
      issue(`Tranche « ${b.label.trim()} » : le QF max (${b.qfMax}) est inférieur au QF min (${b.qfMin}).`, i, 'qfMax');
      readable = false;
    }
  }
  if (!readable) return;

  const open = commune.filter(({ b }) => b.qfMax === null);
  if (open.length === 0) {
    issue('La tranche la plus haute doit être sans plafond (QF max vide), pour que chaque QF ait un tarif.');
    return;
  }
  if (open.length > 1) {
    const names = open.map(({ b }) => `« ${b.label.trim()} »`).join(' et ');
    for (const { i } of open) issue(`Une seule tranche peut être sans plafond : ${names}.`, i, 'qfMax');
    return;
  }

  const sorted = [...commune].sort((x, y) => x.b.qfMin - y.b.qfMin || (x.b.qfMax ?? Infinity) - (y.b.qfMax ?? Infinity));
  const first = sorted[0];
  if (first && first.b.qfMin !== 0) {
    issue(`La première tranche doit commencer à un QF de 0 : les QF de 0 à ${first.b.qfMin - 1} n'auraient pas de tarif.`, first.i, 'qfMin');
  }
  for (let k = 1; k < sorted.length; k += 1) {
    const prev = sorted[k - 1];
    const next = sorted[k];
    if (!prev || !next) continue;
    const prevMax = prev.b.qfMax ?? Infinity;
    if (next.b.qfMin <= prevMax) {
      const message = `Les tranches de QF se chevauchent : ${bracketRange(prev.b)} et ${bracketRange(next.b)}.`;
      issue(message, next.i, 'qfMin');
      issue(message, prev.i, 'qfMax');
    } else if (next.b.qfMin > prevMax + 1) {
      const message = `Les tranches de QF laissent un trou entre ${bracketRange(prev.b)} et ${bracketRange(next.b)} : les QF de ${prevMax + 1} à ${next.b.qfMin - 1} n'auraient pas de tarif.`;
      issue(message, next.i, 'qfMin');
      issue(message, prev.i, 'qfMax');
    }
  }
}

const bracketsShape = z
  .array(tariffBracketInputSchema, { error: 'Les tranches de la grille sont illisibles.' })
  .min(1, 'Ajoutez au moins une tranche de quotient familial.')
  .max(BRACKETS_LIMIT, `${BRACKETS_LIMIT} tranches au maximum.`);

const gridShape = { name: gridName, validFrom, brackets: bracketsShape };

/** PUT /api/staff/tariffs/grids/:id — the whole grid (name, date, brackets with their prices). */
export const tariffGridInputSchema = z
  .strictObject(gridShape)
  .superRefine((grid, ctx) => checkBrackets(grid.brackets, ctx));
export type TariffGridInput = z.output<typeof tariffGridInputSchema>;

/** POST /api/staff/tariffs/grids — a new grid for a service. */
export const tariffGridCreateSchema = z
  .strictObject({ serviceId: z.number({ error: 'Choisissez un service.' }).int('Choisissez un service.').positive('Choisissez un service.'), ...gridShape })
  .superRefine((grid, ctx) => checkBrackets(grid.brackets, ctx));
export type TariffGridCreateInput = z.output<typeof tariffGridCreateSchema>;

/** POST /api/staff/tariffs/grids/:id/copy — next year's grid, prepared from this one. */
export const tariffGridCopySchema = z.strictObject({ validFrom, name: gridName.optional() });
export type TariffGridCopyInput = z.output<typeof tariffGridCopySchema>;

export const tariffQuoteQuerySchema = z.strictObject({
  serviceId: z.coerce.number({ error: 'Service inconnu.' }).int('Service inconnu.').positive('Service inconnu.'),
  unitId: z.coerce.number({ error: 'Unité inconnue.' }).int('Unité inconnue.').positive('Unité inconnue.'),
  familyId: z.coerce.number({ error: 'Famille inconnue.' }).int('Famille inconnue.').positive('Famille inconnue.'),
  date: z.string({ error: 'Date invalide : format attendu AAAA-MM-JJ.' }).refine(isIsoDate, 'Date invalide : format attendu AAAA-MM-JJ.'),
});
