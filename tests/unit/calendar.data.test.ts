import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALENDRIER_SCOLAIRE_CSV } from '../../shared/calendar/data/calendrierScolaire';

const csvFile = new URL('../../shared/calendar/data/calendrier-scolaire.csv', import.meta.url);

describe('shipped calendar data', () => {
  it('the embedded string is identical to calendrier-scolaire.csv (regenerate with node --import tsx shared/calendar/data/generate.ts)', () => {
    expect(CALENDRIER_SCOLAIRE_CSV).toBe(readFileSync(csvFile, 'utf8'));
  });

  it('is written as the official export: header, UTC instants, zone B rows for académie Rennes', () => {
    const [header, ...rows] = CALENDRIER_SCOLAIRE_CSV.trimEnd().split('\n');
    expect(header).toBe('Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const cells = row.split(';');
      expect(cells, row).toHaveLength(7);
      expect(cells[2], row).toMatch(/^\d{4}-\d{2}-\d{2}T2[23]:00:00\+00:00$/);
      expect(cells[3], row).toMatch(/^(\d{4}-\d{2}-\d{2}T2[23]:00:00\+00:00)?$/);
      expect(cells.slice(4), row).toEqual(['Rennes', 'Zone B', expect.stringMatching(/^202[67]-202[78]$/)]);
    }
    expect(rows.some((r) => r.startsWith('Rentrée'))).toBe(true);
    expect(rows.some((r) => r.includes(';Enseignants;'))).toBe(true);
  });
});
