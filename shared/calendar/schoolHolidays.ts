/**
 * School holidays of metropolitan France (zones A, B, C), read from the Ministry of
 * Education's open-data export `fr-en-calendrier-scolaire` (CSV or JSON).
 *
 * Pitfalls of the official file (see shared/design/CALENDAR.md), all handled here:
 * - `start_date` / `end_date` are instants (Paris midnight, written with an offset or in UTC,
 *   e.g. `2026-10-16T22:00:00+00:00`): they are converted to Europe/Paris dates;
 * - `start_date` is the first day without school, `end_date` the day school restarts, so the
 *   last day off is `end_date − 1 day`;
 * - the summer holiday appears once for pupils and once for teachers: "Enseignants" rows are
 *   dropped, "Élèves" and "-" rows are kept;
 * - "Rentrée …" and "Prérentrée des enseignants" rows, Corsica and overseas rows are dropped;
 * - the file has one row per académie: rows are deduplicated to one holiday per zone.
 */
import { addDays, compareDates, isIsoDate, parisDateOf, parseIsoDate, type IsoDate } from './dates';

export type SchoolZone = 'A' | 'B' | 'C';
export const SCHOOL_ZONES: readonly SchoolZone[] = ['A', 'B', 'C'];

/** A school year written `YYYY-YYYY`, e.g. `2026-2027`. */
export type SchoolYear = string;

export interface SchoolHoliday {
  zone: SchoolZone;
  /** `YYYY-YYYY`, e.g. `2026-2027`. */
  schoolYear: SchoolYear;
  /** Name as published, e.g. "Vacances de la Toussaint". */
  name: string;
  /** First day without school (usually a Saturday). */
  firstDayOff: IsoDate;
  /** Last day without school (the day before school restarts); null for a summer holiday whose restart is not published. */
  lastDayOff: IsoDate | null;
}

/** Thrown when an imported file is not a usable `fr-en-calendrier-scolaire` export; the message is in French, for staff. */
export class CalendarImportError extends Error {
  /** Where the problem is, e.g. "ligne 4" (CSV) or "élément 3" (JSON), when it concerns one row. */
  readonly location: string | undefined;

  constructor(message: string, location?: string) {
    super(location ? `${capitalize(location)} : ${message}` : message);
    this.name = 'CalendarImportError';
    this.location = location;
  }
}

/**
 * Last day off of a holiday, making an open summer holiday (restart not published) end on
 * 31 August of its year: the summer holiday always covers July and August. Use it to decide
 * whether a date is in the holidays; keep `lastDayOff` null for display ("date de rentrée non publiée").
 */
export function effectiveLastDayOff(holiday: SchoolHoliday): IsoDate {
  if (holiday.lastDayOff !== null) return holiday.lastDayOff;
  return `${holiday.firstDayOff.slice(0, 4)}-08-31`;
}

// ---------------------------------------------------------------------------------------------
// Normalisation helpers
// ---------------------------------------------------------------------------------------------

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lower case, no accents, single spaces, typographic apostrophes made straight. */
function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const EXPECTED_HEADER = 'Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire';
const NOT_THIS_FORMAT =
  "Ce fichier n'est pas un export du calendrier scolaire de l'Éducation nationale (jeu de données « fr-en-calendrier-scolaire », au format CSV ou JSON)";

type Field = 'description' | 'population' | 'start' | 'end' | 'location' | 'zones' | 'schoolYear';

const FIELD_ALIASES: Record<Field, readonly string[]> = {
  description: ['description'],
  population: ['population'],
  start: ['date de debut', 'start_date', 'date_debut', 'debut'],
  end: ['date de fin', 'end_date', 'date_fin', 'fin'],
  location: ['academies', 'academie', 'location'],
  zones: ['zones', 'zone'],
  schoolYear: ['annee_scolaire', 'annee scolaire'],
};

const FIELD_LABELS: Record<Field, string> = {
  description: 'Description',
  population: 'Population',
  start: 'Date de début',
  end: 'Date de fin',
  location: 'Académies',
  zones: 'Zones',
  schoolYear: 'annee_scolaire',
};

const JSON_KEYS: Record<Field, string> = {
  description: 'description',
  population: 'population',
  start: 'start_date',
  end: 'end_date',
  location: 'location',
  zones: 'zones',
  schoolYear: 'annee_scolaire',
};

const REQUIRED_FIELDS: readonly Field[] = ['description', 'start', 'end', 'zones', 'schoolYear'];

function fieldOf(key: string): Field | null {
  const k = normalize(key.replace(/^\uFEFF/, ''));
  for (const [field, aliases] of Object.entries(FIELD_ALIASES) as [Field, readonly string[]][]) {
    if (aliases.includes(k)) return field;
  }
  return null;
}

function missingFieldsError(found: ReadonlySet<Field>): CalendarImportError {
  const missing = REQUIRED_FIELDS.filter((f) => !found.has(f)).map((f) => FIELD_LABELS[f]);
  return new CalendarImportError(
    `${NOT_THIS_FORMAT} : colonne${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''} : ${missing.join(', ')}. ` +
      `En-tête attendu : ${EXPECTED_HEADER}.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Rows, whatever the source format
// ---------------------------------------------------------------------------------------------

interface RawRow {
  values: Partial<Record<Field, string>>;
  /** "ligne 4", "élément 3" */
  where: string;
}

function zoneOf(text: string): SchoolZone | null {
  const m = /^(?:zone )?([abc])$/.exec(normalize(text));
  if (!m || m[1] === undefined) return null;
  return m[1].toUpperCase() as SchoolZone;
}

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NAIVE_DATETIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** A start/end cell as a Paris calendar date; null when empty. */
function parisDateCell(value: string | undefined, field: Field, where: string): IsoDate | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  if (PLAIN_DATE.test(text)) {
    if (!isIsoDate(text)) throw new CalendarImportError(`${FIELD_LABELS[field]} illisible « ${text} ».`, where);
    return text;
  }
  const naive = NAIVE_DATETIME.exec(text);
  if (naive && naive[1] !== undefined) {
    // No offset: already Paris wall-clock time.
    if (!isIsoDate(naive[1])) throw new CalendarImportError(`${FIELD_LABELS[field]} illisible « ${text} ».`, where);
    return naive[1];
  }
  try {
    return parisDateOf(text);
  } catch {
    throw new CalendarImportError(
      `${FIELD_LABELS[field]} illisible « ${text} » (attendu : un horodatage ISO tel que 2026-10-16T22:00:00+00:00).`,
      where,
    );
  }
}

function checkSchoolYear(value: string | undefined, where: string): SchoolYear {
  const text = (value ?? '').trim();
  const m = /^(\d{4})\s*[-/]\s*(\d{4})$/.exec(text);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) {
    throw new CalendarImportError(`année scolaire illisible « ${text} » (attendu : 2026-2027).`, where);
  }
  return `${m[1]}-${m[2]}`;
}

/** "Début des Vacances d'Été" (summer holiday with no published restart) → "Vacances d'Été". */
function holidayName(description: string): string {
  const name = description.trim().replace(/\s+/g, ' ');
  const stripped = name.replace(/^d[ée]but (?:des|de la|du) /i, '');
  return capitalize(stripped);
}

function isSummer(name: string): boolean {
  return /\bete\b/.test(normalize(name));
}

function compareHolidays(a: SchoolHoliday, b: SchoolHoliday): number {
  if (a.zone !== b.zone) return a.zone < b.zone ? -1 : 1;
  const byDate = compareDates(a.firstDayOff, b.firstDayOff);
  if (byDate !== 0) return byDate;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function toHolidays(rows: readonly RawRow[]): SchoolHoliday[] {
  const holidays = new Map<string, SchoolHoliday>();
  /** Pupils' back-to-school day per zone, used to close a summer holiday published without restart. */
  const rentrees: { zone: SchoolZone; date: IsoDate }[] = [];

  for (const { values, where } of rows) {
    const description = (values.description ?? '').trim();
    const desc = normalize(description);
    const population = normalize(values.population ?? '');
    const location = normalize(values.location ?? '');
    const zone = zoneOf(values.zones ?? '');

    if (zone === null) continue; // Corse, Guadeloupe, Martinique, Guyane, La Réunion, Mayotte, Polynésie…
    if (location.includes('corse')) continue;
    if (desc === '') throw new CalendarImportError('description vide.', where);

    if (desc.includes('rentree')) {
      // "Rentrée scolaire des élèves", "Prérentrée des enseignants": not holidays.
      const forTeachers = desc.includes('prerentree') || desc.includes('enseignant') || population.includes('enseignant');
      const date = forTeachers ? null : parisDateCell(values.start, 'start', where);
      if (date !== null) rentrees.push({ zone, date });
      continue;
    }
    if (population.includes('enseignant') && !population.includes('eleve')) continue;

    const schoolYear = checkSchoolYear(values.schoolYear, where);
    const firstDayOff = parisDateCell(values.start, 'start', where);
    if (firstDayOff === null) throw new CalendarImportError('date de début vide.', where);
    const restart = parisDateCell(values.end, 'end', where);
    if (restart !== null && compareDates(restart, firstDayOff) < 0) {
      throw new CalendarImportError(`la date de fin (${restart}) précède la date de début (${firstDayOff}).`, where);
    }
    // Restart equal to start: a "Début des vacances d'été" marker, restart not published.
    const lastDayOff = restart === null || restart === firstDayOff ? null : addDays(restart, -1);
    const name = holidayName(description);

    const key = [zone, schoolYear, normalize(name), firstDayOff, lastDayOff ?? ''].join('|');
    if (!holidays.has(key)) holidays.set(key, { zone, schoolYear, name, firstDayOff, lastDayOff });
  }

  const result = [...holidays.values()];
  // A summer holiday without restart ends the day before the next rentrée of its zone, when the file has it.
  for (const h of result) {
    if (h.lastDayOff !== null || !isSummer(h.name)) continue;
    const year = parseIsoDate(h.firstDayOff).year;
    const next = rentrees
      .filter((r) => r.zone === h.zone && r.date > h.firstDayOff && parseIsoDate(r.date).year === year)
      .sort((a, b) => compareDates(a.date, b.date))[0];
    if (next) h.lastDayOff = addDays(next.date, -1);
  }

  // The same summer may now appear twice (once closed by the rentrée row, once closed in the file): merge.
  const unique = new Map<string, SchoolHoliday>();
  for (const h of result) {
    const key = [h.zone, h.schoolYear, normalize(h.name), h.firstDayOff, h.lastDayOff ?? ''].join('|');
    if (!unique.has(key)) unique.set(key, h);
  }

  const list = [...unique.values()].sort(compareHolidays);
  if (list.length === 0) {
    throw new CalendarImportError(
      "Le fichier ne contient aucune période de vacances des zones A, B ou C (les lignes de rentrée, des enseignants, de Corse et d'outre-mer sont ignorées).",
    );
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/** Splits CSV text into records (RFC 4180 quoting: "a;b", "a ""b"""), skipping blank lines. */
function splitCsv(text: string, separator: string): { cells: string[]; line: number }[] {
  const records: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = (): void => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]?.trim() === '')) records.push({ cells, line: recordLine });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      inQuotes = true;
      cell = '';
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      // handled by the '\n' on the next turn
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      cell += ch;
    }
    i += 1;
  }
  if (inQuotes) throw new CalendarImportError(`${NOT_THIS_FORMAT} : guillemet non refermé (ligne ${recordLine}).`);
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

/** Parses the CSV export (separator `;`, or `,`); header by name, in any order. */
export function parseSchoolCalendarCsv(text: string): SchoolHoliday[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new CalendarImportError('Le fichier est vide.');
  if (body.includes('\u0000')) throw new CalendarImportError(`${NOT_THIS_FORMAT} : c'est un fichier binaire.`);

  const firstLine = body.split(/\r?\n|\r/, 1)[0] ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = splitCsv(body, separator);
  const header = records[0];
  if (!header) throw new CalendarImportError('Le fichier est vide.');

  const columns = header.cells.map(fieldOf);
  const found = new Set(columns.filter((c): c is Field => c !== null));
  if (REQUIRED_FIELDS.some((f) => !found.has(f))) throw missingFieldsError(found);

  const rows: RawRow[] = records.slice(1).map(({ cells, line }) => {
    const where = `ligne ${line}`;
    if (cells.length > columns.length) {
      throw new CalendarImportError(
        `${cells.length} colonnes au lieu de ${columns.length} (séparateur attendu : « ${separator} »).`,
        where,
      );
    }
    const values: Partial<Record<Field, string>> = {};
    columns.forEach((field, index) => {
      if (field !== null && values[field] === undefined) values[field] = cells[index] ?? '';
    });
    return { values, where };
  });
  if (rows.length === 0) throw new CalendarImportError("Le fichier ne contient que l'en-tête, aucune ligne de données.");
  return toHolidays(rows);
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses the JSON export: an array of `{ description, population, start_date, end_date,
 * location, zones, annee_scolaire }` (also accepted: records wrapped as `{ fields: {…} }`,
 * and `{ results: […] }` as the API answers).
 */
export function parseSchoolCalendarJson(data: unknown): SchoolHoliday[] {
  let items: unknown = data;
  if (isRecord(items) && Array.isArray(items['results'])) items = items['results'];
  if (!Array.isArray(items)) {
    throw new CalendarImportError(`${NOT_THIS_FORMAT} : le JSON doit être une liste d'enregistrements.`);
  }
  if (items.length === 0) throw new CalendarImportError('Le fichier ne contient aucun enregistrement.');

  const rows: RawRow[] = items.map((item: unknown, index) => {
    const where = `élément ${index + 1}`;
    const record = isRecord(item) && isRecord(item['fields']) ? item['fields'] : item;
    if (!isRecord(record)) throw new CalendarImportError(`${NOT_THIS_FORMAT} : enregistrement qui n'est pas un objet.`, where);
    const values: Partial<Record<Field, string>> = {};
    for (const [key, value] of Object.entries(record)) {
      const field = fieldOf(key);
      if (field === null || values[field] !== undefined) continue;
      if (value === null || value === undefined) values[field] = '';
      else if (typeof value === 'string') values[field] = value;
      else if (typeof value === 'number') values[field] = String(value);
      else throw new CalendarImportError(`valeur inattendue pour « ${key} ».`, where);
    }
    const found = new Set(Object.keys(values) as Field[]);
    // end_date may be absent for an open summer holiday.
    const missing = REQUIRED_FIELDS.filter((f) => f !== 'end' && !found.has(f));
    if (missing.length > 0) {
      throw new CalendarImportError(
        `${NOT_THIS_FORMAT} : champ${missing.length > 1 ? 's' : ''} manquant${missing.length > 1 ? 's' : ''} ` +
          `${missing.map((f) => JSON_KEYS[f]).join(', ')} ` +
          `(attendus : description, population, start_date, end_date, location, zones, annee_scolaire).`,
        where,
      );
    }
    return { values, where };
  });
  return toHolidays(rows);
}

// ---------------------------------------------------------------------------------------------
// Either
// ---------------------------------------------------------------------------------------------

/** Parses an export of `fr-en-calendrier-scolaire`, CSV or JSON (detected from the content). */
export function parseSchoolCalendar(text: string): SchoolHoliday[] {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') throw new CalendarImportError('Le fichier est vide.');
  if (body.startsWith('[') || body.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (error) {
      const detail = error instanceof Error ? ` (${error.message})` : '';
      throw new CalendarImportError(`Le fichier JSON est illisible${detail}.`);
    }
    return parseSchoolCalendarJson(data);
  }
  return parseSchoolCalendarCsv(text);
}
