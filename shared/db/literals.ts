import { sql } from 'kysely';

/*
 * Values written into the SQL text rather than bound. SQLite can use a partial index whose WHERE
 * names a bound value only by preparing the statement again each time it runs (measured: 3× the
 * cost of the query itself); a literal is matched once, when the statement is prepared.
 */

/** `guardians.role` of the one responsable per family (partial index guardians_one_responsable). */
export const RESPONSABLE = sql.lit('responsable' as const);
