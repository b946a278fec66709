import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { heldConnectionOf } from './groupCommit';
import type { Db } from './types';

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function statementFor(sqlite: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = statements.get(sqlite);
  if (!cache) {
    cache = new Map();
    statements.set(sqlite, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * Runs a fixed statement (`sql` a constant of the code: each is prepared once and kept) and
 * answers its rows. Inside a group transaction of the store (groupCommit.ts) it runs directly on
 * the connection the group holds, synchronously, without Kysely's queue and promises — a booking
 * request runs a dozen of them; anywhere else, through Kysely as any query.
 */
export async function rawQuery<R>(db: Db, sql: string, parameters: readonly unknown[]): Promise<R[]> {
  const sqlite = heldConnectionOf(db);
  if (sqlite) {
    const statement = statementFor(sqlite, sql);
    if (statement.reader) return statement.all(parameters) as R[];
    statement.run(parameters);
    return [];
  }
  return (await db.executeQuery<R>(CompiledQuery.raw(sql, [...parameters]))).rows;
}
