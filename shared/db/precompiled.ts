import type { Compilable, Kysely } from 'kysely';
import { rawQuery } from './direct';
import type { Database } from './schema';
import type { Db } from './types';

const SLOT = Symbol('precompiled slot');

interface Slot {
  readonly [SLOT]: string;
}

const isSlot = (value: unknown): value is Slot => typeof value === 'object' && value !== null && SLOT in value;

export interface Precompiled<P, O> {
  /** Every row, as the query built by Kysely would return them. */
  all(db: Db, params: P): Promise<O[]>;
  first(db: Db, params: P): Promise<O | undefined>;
}

/**
 * A query built and compiled by Kysely once, then run with new values. On the hot paths (a booking
 * request runs a dozen small reads) building and compiling a query cost more than SQLite running
 * it. `precompiled<Params>()(build)`: `build` receives `slot(name)`, which stands for the value of `params[name]` in every run;
 * the query is compiled on first use, with the first `db` given (the SQL is the same for the
 * store and its transactions). In a group transaction it runs on the held connection (direct.ts).
 *
 * A slot holds one value: a list whose length varies (`IN (…)`) is given as one JSON array and read
 * with `json_each` — `sql\`x IN (SELECT value FROM json_each(${slot('ids')}))\``.
 */
export const precompiled =
  <P extends Record<string, unknown>>() =>
  <O>(build: (db: Kysely<Database>, slot: <K extends keyof P & string>(name: K) => P[K]) => Compilable<O>): Precompiled<P, O> => {
  let compiled: { sql: string; parameters: readonly unknown[] } | null = null;
  const compile = (db: Db) => {
    const slot = <K extends keyof P & string>(name: K): P[K] => ({ [SLOT]: name }) as unknown as P[K];
    const query = build(db, slot).compile();
    compiled = { sql: query.sql, parameters: query.parameters };
    return compiled;
  };
  const run = async (db: Db, params: P): Promise<O[]> => {
    const { sql, parameters } = compiled ?? compile(db);
    const values = parameters.map((p) => (isSlot(p) ? params[p[SLOT]] : p));
    if (values.some((v) => v === undefined)) throw new Error(`Paramètre manquant pour la requête : ${sql}`);
    return rawQuery<O>(db, sql, values);
  };
  return {
    all: run,
    first: async (db, params) => (await run(db, params))[0],
  };
};
