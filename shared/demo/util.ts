import type { InsertResult } from 'kysely';

/** The id of a row inserted alone. */
export function insertedId(result: InsertResult): number {
  if (result.insertId === undefined) throw new Error("L'identifiant de la ligne insérée est inconnu.");
  return Number(result.insertId);
}

/** Runs `insert` on successive slices of `rows` (SQLite allows 32,766 bound values per statement). */
export async function inChunks<T>(rows: readonly T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Whole years between a birth date and a date (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** An ISO instant plus some days and minutes. */
export function isoPlus(iso: string, days: number, minutes = 0): string {
  return new Date(new Date(iso).getTime() + days * 86_400_000 + minutes * 60_000).toISOString();
}
