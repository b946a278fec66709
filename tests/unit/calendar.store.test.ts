import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../shared/audit/audit';
import { generateOpeningDays, parseSchoolCalendarCsv, shippedSchoolHolidays, type SchoolHoliday } from '../../shared/calendar';
import {
  getSchoolZone,
  importSchoolHolidays,
  listSchoolHolidays,
  schoolHolidaysFor,
  setSchoolZone,
  SHIPPED_SOURCE,
} from '../../shared/calendar/store';
import { openStore, type Store } from '../../shared/db/store';
import { AppError } from '../../shared/errors';

const NOW = new Date('2026-11-26T09:00:00+01:00');
let store: Store;
beforeEach(() => {
  store = openStore({ file: ':memory:' });
});
afterEach(() => store.close());

const wednesdaysOfOctober2026 = (holidays: readonly SchoolHoliday[]) =>
  generateOpeningDays({ start: '2026-10-01', end: '2026-11-30', pattern: 'wednesdays', schoolHolidays: holidays, zone: 'B', closures: [] });

describe('schoolHolidaysFor', () => {
  it('falls back on the shipped zone B data when nothing is stored', async () => {
    const holidays = await schoolHolidaysFor(store.db, 'B');
    expect(holidays.map(({ source: _source, ...h }) => h)).toEqual(shippedSchoolHolidays());
    expect(new Set(holidays.map((h) => h.source))).toEqual(new Set([SHIPPED_SOURCE]));
    expect(await schoolHolidaysFor(store.db, 'A')).toEqual([]);
  });

  it('gives the Wednesday opening days of October–November 2026 without the Toussaint holidays nor 11 November', async () => {
    expect(wednesdaysOfOctober2026(await schoolHolidaysFor(store.db, 'B'))).toEqual([
      '2026-10-07',
      '2026-10-14',
      '2026-11-04',
      '2026-11-18',
      '2026-11-25',
    ]);
  });

  it('prefers a stored school year as a whole, and keeps the shipped years the store does not have', async () => {
    // A (fictitious) later Toussaint stored for 2026-2027: the opening days follow it.
    await store.db
      .insertInto('school_holidays')
      .values({ zone: 'B', school_year: '2026-2027', name: 'Vacances de la Toussaint', first_day_off: '2026-10-24', last_day_off: '2026-11-08', source: 'test' })
      .execute();
    const holidays = await schoolHolidaysFor(store.db, 'B');
    expect(holidays.filter((h) => h.schoolYear === '2026-2027')).toEqual([
      { zone: 'B', schoolYear: '2026-2027', name: 'Vacances de la Toussaint', firstDayOff: '2026-10-24', lastDayOff: '2026-11-08', source: 'test' },
    ]);
    expect(holidays.filter((h) => h.schoolYear === '2027-2028')).toHaveLength(6);
    expect(wednesdaysOfOctober2026(holidays)).toEqual(['2026-10-07', '2026-10-14', '2026-10-21', '2026-11-18', '2026-11-25']);
  });
});

describe('importSchoolHolidays', () => {
  it('stores the shipped file and reports it per zone and year; the same file again changes nothing', async () => {
    const first = await importSchoolHolidays(store.db, shippedSchoolHolidays(), 'officiel', systemActor, NOW);
    expect(first).toEqual({
      holidays: 12,
      changed: true,
      items: [
        { zone: 'B', schoolYear: '2026-2027', added: 6, updated: 0, unchanged: 0, removed: 0 },
        { zone: 'B', schoolYear: '2027-2028', added: 6, updated: 0, unchanged: 0, removed: 0 },
      ],
    });
    expect(await listSchoolHolidays(store.db, { zone: 'B', schoolYear: '2026-2027' })).toHaveLength(6);
    const again = await importSchoolHolidays(store.db, shippedSchoolHolidays(), 'autre', systemActor, NOW);
    expect(again.changed).toBe(false);
    expect(new Set((await listSchoolHolidays(store.db)).map((h) => h.source))).toEqual(new Set(['officiel']));
  });

  it('matches names without case or accents, so a respelled holiday is updated, not duplicated', async () => {
    await importSchoolHolidays(store.db, shippedSchoolHolidays(), 'officiel', systemActor, NOW);
    const respelled = shippedSchoolHolidays()
      .filter((h) => h.schoolYear === '2026-2027')
      .map((h) => (h.name === "Vacances d'Été" ? { ...h, name: "Vacances d'été", lastDayOff: '2027-08-31' } : h));
    const summary = await importSchoolHolidays(store.db, respelled, 'nouveau', systemActor, NOW);
    expect(summary.items).toEqual([{ zone: 'B', schoolYear: '2026-2027', added: 0, updated: 1, unchanged: 5, removed: 0 }]);
    const summer = (await listSchoolHolidays(store.db, { zone: 'B', schoolYear: '2026-2027' })).filter((h) => /été/i.test(h.name));
    expect(summer).toEqual([
      { zone: 'B', schoolYear: '2026-2027', name: "Vacances d'été", firstDayOff: '2027-07-03', lastDayOff: '2027-08-31', source: 'nouveau' },
    ]);
  });

  it('refuses a file giving one holiday two sets of dates in a zone, and stores nothing', async () => {
    const csv = [
      'Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire',
      'Vacances de Printemps;-;2027-04-16T22:00:00+00:00;2027-05-02T22:00:00+00:00;Rennes;Zone B;2026-2027',
      'Vacances de Printemps;-;2027-04-09T22:00:00+00:00;2027-04-25T22:00:00+00:00;Nantes;Zone B;2026-2027',
    ].join('\n');
    const holidays = parseSchoolCalendarCsv(csv);
    expect(holidays).toHaveLength(2);
    const error = await importSchoolHolidays(store.db, holidays, 'x', systemActor, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe(
      "Le fichier donne deux périodes « Vacances de Printemps » pour la zone B en 2026-2027 (à partir du 10/04/2027 et du 17/04/2027) : vérifiez le fichier ; rien n’a été importé.",
    );
    expect(await listSchoolHolidays(store.db)).toEqual([]);
    expect(await store.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
  });
});

describe('the school zone', () => {
  it('defaults to B, changes with an audit entry, and writes nothing when unchanged', async () => {
    expect(await getSchoolZone(store.db)).toBe('B');
    expect(await setSchoolZone(store.db, 'B', systemActor, NOW)).toBe('B');
    expect(await store.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
    expect(await setSchoolZone(store.db, 'C', systemActor, NOW)).toBe('C');
    expect(await getSchoolZone(store.db)).toBe('C');
    const audit = await store.db.selectFrom('audit_log').selectAll().execute();
    expect(audit.map((a) => [a.action, a.changes])).toEqual([['settings.school_zone_changed', JSON.stringify({ schoolZone: ['B', 'C'] })]]);
  });
});
