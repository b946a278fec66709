/**
 * Regenerates `calendrierScolaire.ts` from `calendrier-scolaire.csv` (the human-readable copy):
 *
 *   node --import tsx shared/calendar/data/generate.ts          # write
 *   node --import tsx shared/calendar/data/generate.ts --check  # fail if out of date
 *
 * The CSV is embedded as a string so the module stays bundle-safe (no fs at run time).
 * The file is parsed first, so a broken CSV is never shipped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSchoolCalendarCsv } from '../schoolHolidays';

function renderModule(csv: string): string {
  return [
    '// Generated from calendrier-scolaire.csv by `node --import tsx shared/calendar/data/generate.ts`: do not edit by hand.',
    '// Source: data.education.gouv.fr, fr-en-calendrier-scolaire (zone B, académie de Rennes, 2026-2027 and 2027-2028).',
    `export const CALENDRIER_SCOLAIRE_CSV: string = ${JSON.stringify(csv)};`,
    '',
  ].join('\n');
}

const dir = import.meta.dirname;
const csv = readFileSync(join(dir, 'calendrier-scolaire.csv'), 'utf8');
parseSchoolCalendarCsv(csv);
const target = join(dir, 'calendrierScolaire.ts');
const text = renderModule(csv);
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('calendrierScolaire.ts is out of date: run node --import tsx shared/calendar/data/generate.ts');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
