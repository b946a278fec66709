import type { Generated } from 'kysely';

/** SQLite has no boolean: 0 or 1, guarded by CHECK constraints. */
export type Bool = 0 | 1;
/** `YYYY-MM-DD` */
export type IsoDate = string;
/** ISO 8601 instant in UTC, e.g. `2026-11-26T06:12:00.000Z` */
export type IsoInstant = string;
export type Id = Generated<number>;
