/**
 * The kitchen's count: meals expected per day and per diet, from the bookings of every unit that
 * serves a meal, plus children ticked présent non inscrit, minus children ticked absent.
 */
import type { IsoDate } from '../calendar/dates';
import { datesBetween } from '../calendar/dates';
import type { Db } from '../db/types';
import type { PdfContent, PdfDocument } from '../pdf/pdfmake';
import type { Commune } from '../settings/definitions';
import { MEAL_CATEGORIES, MEAL_CATEGORY_LABELS, frenchDate, mealCategory, servesMeal, type MealCategory } from './rules';
import { longFrenchDate } from './sheets';

export interface SpecialMeal {
  childName: string;
  classLevel: string | null;
  serviceName: string;
  detail: string;
}

export interface MealDay {
  date: IsoDate;
  total: number;
  byCategory: Record<MealCategory, number>;
  byService: { serviceId: number; name: string; total: number }[];
  /** PAI and allergies, by name: the kitchen prepares these one by one. */
  special: SpecialMeal[];
}

export interface MealCount {
  from: IsoDate;
  to: IsoDate;
  days: MealDay[];
  totals: Record<MealCategory, number> & { total: number };
}

const zero = (): Record<MealCategory, number> => ({ standard: 0, sans_porc: 0, vegetarien: 0, sans_gluten: 0, autre: 0, pai_allergies: 0 });

export async function mealCount(db: Db, dates: readonly IsoDate[]): Promise<MealCount> {
  const from = dates[0] ?? '';
  const to = dates[dates.length - 1] ?? '';
  const units = await db
    .selectFrom('units as u')
    .innerJoin('services as s', 's.id', 'u.service_id')
    .select(['u.id', 'u.name', 's.id as service_id', 's.name as service_name', 's.kind'])
    .execute();
  const mealUnits = units.filter((u) => servesMeal(u.kind, u.name));
  const unitById = new Map(mealUnits.map((u) => [u.id, u]));
  const ids = mealUnits.map((u) => u.id);
  const days: MealDay[] = dates.map((date) => ({ date, total: 0, byCategory: zero(), byService: [], special: [] }));
  const totals = { ...zero(), total: 0 };
  if (ids.length === 0 || dates.length === 0) return { from, to, days, totals };

  const bookings = await db
    .selectFrom('bookings')
    .select(['child_id', 'unit_id', 'date'])
    .where('unit_id', 'in', ids)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('status', 'in', ['accepted', 'cancellation_pending'])
    .execute();
  const marks = await db
    .selectFrom('attendance')
    .select(['child_id', 'unit_id', 'date', 'state'])
    .where('unit_id', 'in', ids)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  const key = (m: { child_id: number; unit_id: number; date: string }) => `${m.date}|${m.child_id}|${m.unit_id}`;
  const markBy = new Map(marks.map((m) => [key(m), m.state]));
  const served = new Map<string, { child_id: number; unit_id: number; date: string }>();
  for (const b of bookings) {
    const state = markBy.get(key(b));
    if (state === 'absent_justified' || state === 'absent_unjustified') continue;
    served.set(key(b), b);
  }
  for (const m of marks) if (m.state === 'present_unbooked' || m.state === 'present') served.set(key(m), m);

  const childIds = [...new Set([...served.values()].map((s) => s.child_id))];
  const children = new Map<number, { name: string; classLevel: string | null; diet: MealCategory; detail: string }>();
  for (let i = 0; i < childIds.length; i += 500) {
    const rows = await db
      .selectFrom('children as c')
      .leftJoin('medical_records as m', 'm.child_id', 'c.id')
      .select(['c.id', 'c.first_name', 'c.last_name', 'c.class_level', 'm.diet', 'm.has_pai', 'm.allergies', 'm.pai_details', 'm.diet_details'])
      .where('c.id', 'in', childIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const category = mealCategory(r.diet === null ? null : { diet: r.diet, hasPai: r.has_pai === 1, allergies: r.allergies });
      const detail = [r.has_pai === 1 ? `PAI${r.pai_details ? ` : ${r.pai_details}` : ''}` : null, r.allergies ? `Allergie : ${r.allergies}` : null, r.diet_details]
        .filter(Boolean)
        .join(' ; ');
      children.set(r.id, { name: `${r.last_name.toUpperCase()} ${r.first_name}`, classLevel: r.class_level, diet: category, detail });
    }
  }

  const dayIndex = new Map(days.map((d, i) => [d.date, i]));
  for (const s of served.values()) {
    const day = days[dayIndex.get(s.date) ?? -1];
    const unit = unitById.get(s.unit_id);
    const child = children.get(s.child_id);
    if (!day || !unit || !child) continue;
    day.total += 1;
    day.byCategory[child.diet] += 1;
    totals.total += 1;
    totals[child.diet] += 1;
    const svc = day.byService.find((x) => x.serviceId === unit.service_id);
    if (svc) svc.total += 1;
    else day.byService.push({ serviceId: unit.service_id, name: unit.service_name, total: 1 });
    if (child.diet === 'pai_allergies') day.special.push({ childName: child.name, classLevel: child.classLevel, serviceName: unit.service_name, detail: child.detail });
  }
  for (const d of days) {
    d.special.sort((a, b) => a.childName.localeCompare(b.childName, 'fr'));
    d.byService.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }
  return { from, to, days, totals };
}

export const mealDates = (from: IsoDate, to: IsoDate): IsoDate[] => datesBetween(from, to);

export function mealsDocument(commune: Commune, count: MealCount, printedAt: string): PdfDocument {
  const head = ['Jour', ...MEAL_CATEGORIES.map((c) => MEAL_CATEGORY_LABELS[c]), 'Total'].map((t) => ({ text: t, bold: true }));
  const body: PdfContent[][] = [head];
  for (const d of count.days) {
    body.push([longFrenchDate(d.date), ...MEAL_CATEGORIES.map((c) => String(d.byCategory[c])), { text: String(d.total), bold: true }]);
  }
  if (count.days.length > 1) {
    body.push([{ text: 'Semaine', bold: true }, ...MEAL_CATEGORIES.map((c) => ({ text: String(count.totals[c]), bold: true })), { text: String(count.totals.total), bold: true }]);
  }
  const special: PdfContent[] = count.days
    .filter((d) => d.special.length > 0)
    .flatMap((d) => [
      { text: `Repas particuliers (PAI, allergies) — ${longFrenchDate(d.date)}`, bold: true, margin: [0, 10, 0, 4] },
      {
        table: {
          headerRows: 1,
          widths: [150, 50, 110, '*'],
          body: [
            ['Enfant', 'Classe', 'Service', 'Précisions'].map((t) => ({ text: t, bold: true })),
            ...d.special.map((s) => [s.childName, s.classLevel ?? '', s.serviceName, s.detail]),
          ],
        },
      },
    ]);
  const title = count.from === count.to ? `Repas du ${longFrenchDate(count.from)}` : `Repas du ${frenchDate(count.from)} au ${frenchDate(count.to)}`;
  return {
    content: [
      { text: commune.name, fontSize: 9 },
      { text: 'Effectifs pour la cuisine', fontSize: 14, bold: true },
      { text: title, fontSize: 11, bold: true, margin: [0, 2, 0, 8] },
      { table: { headerRows: 1, widths: [110, '*', '*', '*', '*', '*', '*', 40], body } },
      { text: 'Chaque enfant compte dans une seule colonne : un PAI ou une allergie passe avant le régime de la fiche sanitaire. Les absences pointées sont déduites.', fontSize: 7, italics: true, margin: [0, 4, 0, 0] },
      ...special,
    ],
    footer: (page: number, pages: number) => ({ text: `Imprimé le ${printedAt} — page ${page} / ${pages}`, fontSize: 7, alignment: 'center', margin: [0, 10, 0, 0] }),
    defaultStyle: { fontSize: 9 },
    info: { title },
  };
}
