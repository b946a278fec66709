/**
 * The school holidays kept in the store (`school_holidays`), imported by staff from the Ministry's
 * `fr-en-calendrier-scolaire` export, and the commune's zone. Read by the services module to
 * generate opening days: `schoolHolidaysFor(db, zone)` is the list every rule must use.
 *
 * Not re-exported by `./index` on purpose: that module stays pure (no database) so the browser
 * apps can import it.
 */
import type { Kysely } from 'kysely';
import { diff, writeAudit, type Actor } from '../audit/audit';
import type { Database } from '../db/schema';
import type { Db } from '../db/types';
import { AppError } from '../errors';
import { COMMUNE } from '../settings/definitions';
import { getSetting, setSetting } from '../settings/settings';
import { SCHOOL_ZONES, type SchoolHoliday, type SchoolYear, type SchoolZone } from './schoolHolidays';
import { shippedSchoolHolidays } from './shipped';

/** `source` of the data shipped in the repository (never stored: see `schoolHolidaysFor`). */
export const SHIPPED_SOURCE = 'données livrées avec Marelle';

export interface StoredSchoolHoliday extends SchoolHoliday {
  /** Where the dates come from: "officiel" (demo seed), the imported file's description, or SHIPPED_SOURCE. */
  source: string;
}

/** What an import did to one zone and school year found in the file. */
export interface ImportSummaryItem {
  zone: SchoolZone;
  schoolYear: SchoolYear;
  /** Holidays of the file not stored before. */
  added: number;
  /** Holidays stored before whose dates (or spelling) the file changes. */
  updated: number;
  /** Holidays stored before with the same dates. */
  unchanged: number;
  /** Holidays stored before for this zone and year that the file no longer has. */
  removed: number;
}

export interface ImportSummary {
  /** Sorted by zone, then school year. */
  items: ImportSummaryItem[];
  /** Number of holidays the file brings (after dropping rentrées, teachers, Corsica, overseas). */
  holidays: number;
  /** True when the store changed. */
  changed: boolean;
}

/** Names are matched without case or accents: a newer file writing "Vacances d'été" updates "Vacances d'Été". */
function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const groupKey = (zone: SchoolZone, schoolYear: SchoolYear): string => `${zone}|${schoolYear}`;

function compareHolidays(a: SchoolHoliday, b: SchoolHoliday): number {
  if (a.zone !== b.zone) return a.zone < b.zone ? -1 : 1;
  if (a.firstDayOff !== b.firstDayOff) return a.firstDayOff < b.firstDayOff ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function formatFrench(date: string | null): string {
  if (date === null) return 'date non publiée';
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/**
 * The holidays of a file grouped by zone and school year, refusing a file that gives one holiday
 * two sets of dates in one zone (the unique key of the table is zone, year and name).
 */
function groupIncoming(holidays: readonly SchoolHoliday[]): Map<string, Map<string, SchoolHoliday>> {
  const groups = new Map<string, Map<string, SchoolHoliday>>();
  for (const h of holidays) {
    const key = groupKey(h.zone, h.schoolYear);
    let group = groups.get(key);
    if (!group) {
      group = new Map();
      groups.set(key, group);
    }
    const other = group.get(nameKey(h.name));
    if (other) {
      throw new AppError(
        'validation',
        `Le fichier donne deux périodes « ${h.name} » pour la zone ${h.zone} en ${h.schoolYear} ` +
          `(à partir du ${formatFrench(other.firstDayOff)} et du ${formatFrench(h.firstDayOff)}) : ` +
          'vérifiez le fichier ; rien n’a été importé.',
      );
    }
    group.set(nameKey(h.name), h);
  }
  return groups;
}

/**
 * Stores the holidays of an imported file, in one transaction: each zone and school year present
 * in the file replaces what was stored for it (added, updated, removed); zones and years absent
 * from the file are kept. Re-importing the same file changes nothing. One audit entry per import.
 */
export async function importSchoolHolidays(
  db: Kysely<Database>,
  holidays: readonly SchoolHoliday[],
  source: string,
  actor: Actor,
  now: Date,
  ip: string | null = null,
): Promise<ImportSummary> {
  const incoming = groupIncoming(holidays);
  if (incoming.size === 0) {
    throw new AppError('validation', 'Le fichier ne contient aucune période de vacances : rien n’a été importé.');
  }

  return db.transaction().execute(async (trx) => {
    const items: ImportSummaryItem[] = [];
    const changes: Record<string, [unknown, unknown]> = {};

    for (const [key, group] of incoming) {
      const [zone, schoolYear] = key.split('|') as [SchoolZone, SchoolYear];
      const item: ImportSummaryItem = { zone, schoolYear, added: 0, updated: 0, unchanged: 0, removed: 0 };
      const stored = await trx
        .selectFrom('school_holidays')
        .select(['id', 'name', 'first_day_off', 'last_day_off'])
        .where('zone', '=', zone)
        .where('school_year', '=', schoolYear)
        .execute();
      const storedByName = new Map<string, (typeof stored)[number]>();
      for (const row of stored) {
        if (!storedByName.has(nameKey(row.name))) storedByName.set(nameKey(row.name), row);
      }

      for (const row of stored) {
        // Kept: the row the file's holiday of that name updates (a second spelling of it goes).
        if (group.has(nameKey(row.name)) && storedByName.get(nameKey(row.name)) === row) continue;
        await trx.deleteFrom('school_holidays').where('id', '=', row.id).execute();
        item.removed += 1;
        changes[`${zone} ${schoolYear} ${row.name}`] = [{ firstDayOff: row.first_day_off, lastDayOff: row.last_day_off }, null];
      }

      for (const [name, h] of group) {
        const before = storedByName.get(name);
        const after = { name: h.name, firstDayOff: h.firstDayOff, lastDayOff: h.lastDayOff };
        if (!before) {
          await trx
            .insertInto('school_holidays')
            .values({ zone, school_year: schoolYear, name: h.name, first_day_off: h.firstDayOff, last_day_off: h.lastDayOff, source })
            .execute();
          item.added += 1;
          changes[`${zone} ${schoolYear} ${h.name}`] = [null, { firstDayOff: h.firstDayOff, lastDayOff: h.lastDayOff }];
          continue;
        }
        const beforeValues = { name: before.name, firstDayOff: before.first_day_off, lastDayOff: before.last_day_off };
        const changed = diff(beforeValues, after);
        if (Object.keys(changed).length === 0) {
          item.unchanged += 1;
          continue;
        }
        await trx
          .updateTable('school_holidays')
          .set({ name: h.name, first_day_off: h.firstDayOff, last_day_off: h.lastDayOff, source })
          .where('id', '=', before.id)
          .execute();
        item.updated += 1;
        changes[`${zone} ${schoolYear} ${h.name}`] = [
          { firstDayOff: before.first_day_off, lastDayOff: before.last_day_off },
          { firstDayOff: h.firstDayOff, lastDayOff: h.lastDayOff },
        ];
      }
      items.push(item);
    }

    items.sort((a, b) => (a.zone !== b.zone ? (a.zone < b.zone ? -1 : 1) : a.schoolYear < b.schoolYear ? -1 : 1));
    const changed = items.some((i) => i.added + i.updated + i.removed > 0);
    await writeAudit(
      trx,
      actor,
      {
        action: 'calendar.school_holidays_imported',
        entityType: 'school_holidays',
        // The file's summary is always recorded, so that an import that changed nothing is traceable too.
        changes: { import: [null, { source, items }], ...changes },
        ip,
      },
      now,
    );
    return { items, holidays: holidays.length, changed };
  });
}

/** The stored holidays, optionally of one zone and/or one school year, sorted by zone then date. */
export async function listSchoolHolidays(
  db: Db,
  filter: { zone?: SchoolZone; schoolYear?: SchoolYear } = {},
): Promise<StoredSchoolHoliday[]> {
  let query = db.selectFrom('school_holidays').select(['zone', 'school_year', 'name', 'first_day_off', 'last_day_off', 'source']);
  if (filter.zone !== undefined) query = query.where('zone', '=', filter.zone);
  if (filter.schoolYear !== undefined) query = query.where('school_year', '=', filter.schoolYear);
  const rows = await query.execute();
  return rows
    .map((row) => ({
      zone: row.zone,
      schoolYear: row.school_year,
      name: row.name,
      firstDayOff: row.first_day_off,
      lastDayOff: row.last_day_off,
      source: row.source,
    }))
    .sort(compareHolidays);
}

/**
 * The school holidays of a zone as every rule must read them: the stored ones, and for each
 * school year the store knows nothing of, the data shipped with Marelle. Stored data wins per
 * school year (an import replaces a whole year), so a newer file is never mixed with older dates.
 */
export async function schoolHolidaysFor(db: Db, zone: SchoolZone): Promise<StoredSchoolHoliday[]> {
  const stored = await listSchoolHolidays(db, { zone });
  const storedYears = new Set(stored.map((h) => h.schoolYear));
  const shipped = shippedSchoolHolidays()
    .filter((h) => h.zone === zone && !storedYears.has(h.schoolYear))
    .map((h) => ({ ...h, source: SHIPPED_SOURCE }));
  return [...stored, ...shipped].sort(compareHolidays);
}

/** The commune's school zone (COMMUNE setting). */
export async function getSchoolZone(db: Db): Promise<SchoolZone> {
  return (await getSetting(db, COMMUNE)).schoolZone;
}

/** Changes the commune's school zone, audited; nothing is written when the zone stays the same. */
export async function setSchoolZone(
  db: Kysely<Database>,
  zone: SchoolZone,
  actor: Actor,
  now: Date,
  ip: string | null = null,
): Promise<SchoolZone> {
  if (!SCHOOL_ZONES.includes(zone)) {
    throw new AppError('validation', 'Choisissez la zone A, B ou C.');
  }
  return db.transaction().execute(async (trx) => {
    const commune = await getSetting(trx, COMMUNE);
    if (commune.schoolZone === zone) return zone;
    await setSetting(trx, COMMUNE, { ...commune, schoolZone: zone }, now);
    await writeAudit(
      trx,
      actor,
      { action: 'settings.school_zone_changed', entityType: 'settings', changes: { schoolZone: [commune.schoolZone, zone] }, ip },
      now,
    );
    return zone;
  });
}
