import { CompiledQuery, type SqliteDatabase } from 'kysely';
import { heldStatementsOf } from './groupCommit';
import type { Db } from './types';

const idleStatements = new WeakMap<object, () => SqliteDatabase | null>();

/**
 * Lets `rawQuery` on the store's own `db` (not a transaction) run at once on the connection when
 * no one holds it (`statements()` answers null while a query or transaction has it): a statement
 * run synchronously between two holders is exactly what Kysely's queue would run there.
 */
export function registerIdleStatements(db: object, statements: () => SqliteDatabase | null): void {
  idleStatements.set(db, statements);
}

/**
 * Runs a fixed statement (`sql` a constant of the code, prepared once in the store's statement
 * cache) and answers its rows. Inside a group transaction of the store (groupCommit.ts) it runs
 * directly on the connection the group holds, synchronously, without Kysely's queue and promises —
 * a booking request runs a dozen of them; on the store's `db` while the connection is free (every
 * request reads its session so), likewise; anywhere else, through Kysely as any query.
 */
export async function rawQuery<R>(db: Db, sql: string, parameters: readonly unknown[]): Promise<R[]> {
  const statements = heldStatementsOf(db) ?? idleStatements.get(db)?.() ?? null;
  if (statements) {
    const statement = statements.prepare(sql);
    if (statement.reader) return statement.all(parameters) as R[];
    statement.run(parameters);
    return [];
  }
  return (await db.executeQuery<R>(CompiledQuery.raw(sql, [...parameters]))).rows;
}
