import { describe, expect, it } from 'vitest';
import {
  CalendarImportError,
  effectiveLastDayOff,
  parseSchoolCalendar,
  parseSchoolCalendarCsv,
  parseSchoolCalendarJson,
  shippedSchoolHolidays,
  type SchoolHoliday,
} from '../../shared/calendar';

const HEADER = 'Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire';

/** Zone B as in shared/design/CALENDAR.md: first day off, and restart − 1 day. */
const ZONE_B: SchoolHoliday[] = [
  { zone: 'B', schoolYear: '2026-2027', name: 'Vacances de la Toussaint', firstDayOff: '2026-10-17', lastDayOff: '2026-11-01' },
  { zone: 'B', schoolYear: '2026-2027', name: 'Vacances de Noël', firstDayOff: '2026-12-19', lastDayOff: '2027-01-03' },
  { zone: 'B', schoolYear: '2026-2027', name: "Vacances d'Hiver", firstDayOff: '2027-02-20', lastDayOff: '2027-03-07' },
  { zone: 'B', schoolYear: '2026-2027', name: 'Vacances de Printemps', firstDayOff: '2027-04-17', lastDayOff: '2027-05-02' },
  { zone: 'B', schoolYear: '2026-2027', name: "Pont de l'Ascension", firstDayOff: '2027-05-06', lastDayOff: '2027-05-09' },
  { zone: 'B', schoolYear: '2026-2027', name: "Vacances d'Été", firstDayOff: '2027-07-03', lastDayOff: null },
  { zone: 'B', schoolYear: '2027-2028', name: 'Vacances de la Toussaint', firstDayOff: '2027-10-23', lastDayOff: '2027-11-07' },
  { zone: 'B', schoolYear: '2027-2028', name: 'Vacances de Noël', firstDayOff: '2027-12-18', lastDayOff: '2028-01-02' },
  { zone: 'B', schoolYear: '2027-2028', name: "Vacances d'Hiver", firstDayOff: '2028-02-05', lastDayOff: '2028-02-20' },
  { zone: 'B', schoolYear: '2027-2028', name: 'Vacances de Printemps', firstDayOff: '2028-04-08', lastDayOff: '2028-04-23' },
  { zone: 'B', schoolYear: '2027-2028', name: "Pont de l'Ascension", firstDayOff: '2028-05-25', lastDayOff: '2028-05-28' },
  { zone: 'B', schoolYear: '2027-2028', name: "Vacances d'Été", firstDayOff: '2028-07-04', lastDayOff: null },
];

function importError(run: () => unknown): CalendarImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof CalendarImportError) return error;
    throw error;
  }
  throw new Error('Aucune erreur levée alors qu’une CalendarImportError était attendue.');
}

describe('shipped school holidays', () => {
  it('match CALENDAR.md exactly for zone B, 2026-2027 and 2027-2028', () => {
    expect(shippedSchoolHolidays()).toEqual(ZONE_B);
  });

  it('hold zone B 2026-2027 with the published first and last days off', () => {
    const year = shippedSchoolHolidays().filter((h) => h.zone === 'B' && h.schoolYear === '2026-2027');
    expect(year.map((h) => [h.firstDayOff, h.lastDayOff])).toEqual([
      ['2026-10-17', '2026-11-01'],
      ['2026-12-19', '2027-01-03'],
      ['2027-02-20', '2027-03-07'],
      ['2027-04-17', '2027-05-02'],
      ['2027-05-06', '2027-05-09'],
      ['2027-07-03', null],
    ]);
  });

  it('hold no data for zones A and C (not shipped, to be imported)', () => {
    expect(shippedSchoolHolidays().some((h) => h.zone !== 'B')).toBe(false);
  });

  it('return a fresh copy each call', () => {
    const first = shippedSchoolHolidays();
    const h = first[0];
    if (!h) throw new Error('no data');
    h.firstDayOff = '1999-01-01';
    first.length = 0;
    expect(shippedSchoolHolidays()).toEqual(ZONE_B);
  });

  it('run an open summer holiday to 31 August when deciding what is a day off', () => {
    const summer = ZONE_B[5];
    const toussaint = ZONE_B[0];
    if (!summer || !toussaint) throw new Error('no data');
    expect(effectiveLastDayOff(summer)).toBe('2027-08-31');
    expect(effectiveLastDayOff(toussaint)).toBe('2026-11-01');
  });
});

describe('parseSchoolCalendarCsv', () => {
  it('reads offsets (+01:00 / +02:00) and UTC writing alike', () => {
    const withOffsets = parseSchoolCalendarCsv(
      [
        HEADER,
        'Vacances de la Toussaint;-;2026-10-17T00:00:00+02:00;2026-11-02T00:00:00+01:00;Rennes;Zone B;2026-2027',
        'Vacances de Noël;-;2026-12-19T00:00:00+01:00;2027-01-04T00:00:00+01:00;Rennes;Zone B;2026-2027',
        'Vacances de Printemps;-;2027-04-17T00:00:00+02:00;2027-05-03T00:00:00+02:00;Rennes;Zone B;2026-2027',
      ].join('\n'),
    );
    const inUtc = parseSchoolCalendarCsv(
      [
        HEADER,
        'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Rennes;Zone B;2026-2027',
        'Vacances de Noël;-;2026-12-18T23:00:00Z;2027-01-03T23:00:00Z;Rennes;Zone B;2026-2027',
        'Vacances de Printemps;-;2027-04-16T22:00:00+00:00;2027-05-02T22:00:00+00:00;Rennes;Zone B;2026-2027',
      ].join('\r\n'),
    );
    const expected = [ZONE_B[0], ZONE_B[1], ZONE_B[3]];
    expect(withOffsets).toEqual(expected);
    expect(inUtc).toEqual(expected);
  });

  it('drops teacher, rentrée, prérentrée, Corsica and overseas rows, and deduplicates académies', () => {
    const csv = [
      '\uFEFF' + HEADER,
      'Rentrée scolaire des élèves;Élèves;2026-08-31T22:00:00+00:00;;Rennes;Zone B;2026-2027',
      'Prérentrée des enseignants;Enseignants;2026-08-30T22:00:00+00:00;;Rennes;Zone B;2026-2027',
      'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Rennes;Zone B;2026-2027',
      'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Nantes;Zone B;2026-2027',
      'Vacances de la Toussaint;Élèves;2026-10-17T00:00:00+02:00;2026-11-02T00:00:00+01:00;Lille;Zone B;2026-2027',
      'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Corse;Corse;2026-2027',
      'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Corse;Zone B;2026-2027',
      'Vacances de la Toussaint;-;2026-10-24T04:00:00+00:00;2026-11-09T04:00:00+00:00;Guadeloupe;Guadeloupe;2026-2027',
      'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Lyon;Zone A;2026-2027',
      "Vacances d'Été;Élèves;2027-07-02T22:00:00+00:00;;Rennes;Zone B;2026-2027",
      "Vacances d'Été;Enseignants;2027-07-02T22:00:00+00:00;2027-08-29T22:00:00+00:00;Rennes;Zone B;2026-2027",
      "Vacances d'Été;Enseignants;2027-07-02T22:00:00+00:00;2027-08-29T22:00:00+00:00;Nantes;Zone B;2026-2027",
    ].join('\n');
    expect(parseSchoolCalendarCsv(csv)).toEqual([
      { zone: 'A', schoolYear: '2026-2027', name: 'Vacances de la Toussaint', firstDayOff: '2026-10-17', lastDayOff: '2026-11-01' },
      ZONE_B[0],
      ZONE_B[5],
    ]);
  });

  it('closes a summer holiday with the next rentrée of its zone when the file has it', () => {
    // Fictitious rentrée date: only the mechanism is tested here.
    const csv = [
      HEADER,
      "Vacances d'Été;Élèves;2027-07-02T22:00:00+00:00;;Rennes;Zone B;2026-2027",
      'Rentrée scolaire des élèves;Élèves;2027-09-01T22:00:00+00:00;;Rennes;Zone B;2027-2028',
      "Vacances d'Été;Élèves;2027-07-02T22:00:00+00:00;;Lyon;Zone A;2026-2027",
    ].join('\n');
    expect(parseSchoolCalendarCsv(csv)).toEqual([
      { zone: 'A', schoolYear: '2026-2027', name: "Vacances d'Été", firstDayOff: '2027-07-03', lastDayOff: null },
      { zone: 'B', schoolYear: '2026-2027', name: "Vacances d'Été", firstDayOff: '2027-07-03', lastDayOff: '2027-09-01' },
    ]);
  });

  it('reads "Début des Vacances d\'Été" rows (restart equal to start) as an open summer holiday', () => {
    const csv = [HEADER, "Début des Vacances d'Été;Élèves;2027-07-02T22:00:00+00:00;2027-07-02T22:00:00+00:00;Rennes;Zone B;2026-2027"].join('\n');
    expect(parseSchoolCalendarCsv(csv)).toEqual([ZONE_B[5]]);
  });

  it('accepts the English column names, in another order, and quoted cells', () => {
    const csv = [
      'description;start_date;end_date;location;zones;annee_scolaire;population',
      '"Vacances de la Toussaint";2026-10-17T00:00:00+02:00;2026-11-02T00:00:00+01:00;"Aix-Marseille; Rennes";Zone B;2026-2027;-',
    ].join('\n');
    expect(parseSchoolCalendarCsv(csv)).toEqual([ZONE_B[0]]);
  });

  it('rejects what is not this format with a French message', () => {
    const cases: [string, RegExp][] = [
      ['', /vide/],
      ['   \n\n', /vide/],
      ['nom;prénom;date\nDupont;Jean;2026-01-01', /n'est pas un export du calendrier scolaire.*colonnes manquantes : Description, Date de début, Date de fin, Zones, annee_scolaire/],
      ['PK\u0003\u0004\u0000\u0000garbage', /fichier binaire/],
      ['Lorem ipsum dolor sit amet', /n'est pas un export du calendrier scolaire/],
      [HEADER, /que l'en-tête/],
      [`${HEADER}\nVacances de Noël;-;le 19 décembre;2027-01-03T23:00:00+00:00;Rennes;Zone B;2026-2027`, /^Ligne 2 : Date de début illisible « le 19 décembre »/],
      [`${HEADER}\nVacances de Noël;-;2026-12-18T23:00:00+00:00;2027-01-03T23:00:00+00:00;Rennes;Zone B;2026`, /^Ligne 2 : année scolaire illisible/],
      [`${HEADER}\nVacances de Noël;-;2027-01-03T23:00:00+00:00;2026-12-18T23:00:00+00:00;Rennes;Zone B;2026-2027`, /précède la date de début/],
      [`${HEADER}\nVacances de Noël;-;2026-12-18T23:00:00+00:00;2027-01-03T23:00:00+00:00;Rennes;Zone B;2026-2027;en trop`, /^Ligne 2 : 8 colonnes au lieu de 7/],
      [`${HEADER}\nVacances de Noël;-;2026-12-18T23:00:00+00:00;2027-01-03T23:00:00+00:00;Ajaccio;Corse;2026-2027`, /aucune période de vacances des zones A, B ou C/],
    ];
    for (const [text, message] of cases) {
      const error = importError(() => parseSchoolCalendar(text));
      expect(error.name).toBe('CalendarImportError');
      expect(error.message, JSON.stringify(text)).toMatch(message);
    }
  });
});

describe('parseSchoolCalendarJson', () => {
  const records = [
    {
      description: 'Vacances de la Toussaint',
      population: '-',
      start_date: '2026-10-16T22:00:00+00:00',
      end_date: '2026-11-01T23:00:00+00:00',
      location: 'Rennes',
      zones: 'Zone B',
      annee_scolaire: '2026-2027',
    },
    {
      description: 'Vacances de la Toussaint',
      population: '-',
      start_date: '2026-10-17T00:00:00+02:00',
      end_date: '2026-11-02T00:00:00+01:00',
      location: 'Amiens',
      zones: 'Zone B',
      annee_scolaire: '2026-2027',
    },
    {
      description: "Vacances d'Été",
      population: 'Enseignants',
      start_date: '2027-07-02T22:00:00+00:00',
      end_date: '2027-08-30T22:00:00+00:00',
      location: 'Rennes',
      zones: 'Zone B',
      annee_scolaire: '2026-2027',
    },
    {
      description: "Vacances d'Été",
      population: 'Élèves',
      start_date: '2027-07-02T22:00:00+00:00',
      end_date: null,
      location: 'Rennes',
      zones: 'Zone B',
      annee_scolaire: '2026-2027',
    },
    {
      description: 'Rentrée scolaire des élèves',
      population: 'Élèves',
      start_date: '2026-08-31T22:00:00+00:00',
      end_date: null,
      location: 'Rennes',
      zones: 'Zone B',
      annee_scolaire: '2026-2027',
    },
  ];

  it('reads the JSON export, directly or from text', () => {
    const expected = [ZONE_B[0], ZONE_B[5]];
    expect(parseSchoolCalendarJson(records)).toEqual(expected);
    expect(parseSchoolCalendar(JSON.stringify(records))).toEqual(expected);
    expect(parseSchoolCalendarJson(records.map((fields) => ({ datasetid: 'fr-en-calendrier-scolaire', fields })))).toEqual(expected);
    expect(parseSchoolCalendarJson({ results: records })).toEqual(expected);
  });

  it('rejects other JSON with a French message', () => {
    expect(importError(() => parseSchoolCalendar('{"a": 1}')).message).toMatch(/n'est pas un export du calendrier scolaire.*liste/);
    expect(importError(() => parseSchoolCalendar('[{"nom": "Dupont"}]')).message).toMatch(
      /^Élément 1 : .*champs manquants description, start_date, zones, annee_scolaire/,
    );
    expect(importError(() => parseSchoolCalendar('[1, 2]')).message).toMatch(/pas un objet/);
    expect(importError(() => parseSchoolCalendar('[]')).message).toMatch(/aucun enregistrement/);
    expect(importError(() => parseSchoolCalendar('[{"description": ')).message).toMatch(/JSON est illisible/);
  });
});
