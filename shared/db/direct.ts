import { CompiledQuery } from 'kysely';
import { heldStatementsOf } from './groupCommit';
import type { Db } from './types';

/**
 * Runs a fixed statement (`sql` a constant of the code, prepared once in the store's statement
 * cache) and answers its rows. Inside a group transaction of the store (groupCommit.ts) it runs
 * directly on the connection the group holds, synchronously, without Kysely's queue and promises —
 * a booking request runs a dozen of them; anywhere else, through Kysely as any query.
 */
export async function rawQuery<R>(db: Db, sql: string, parameters: readonly unknown[]): Promise<R[]> {
  const statements = heldStatementsOf(db);
  if (statements) {
    const statement = statements.prepare(sql);
    if (statement.reader) return statement.all(parameters) as R[];
    statement.run(parameters);
    return [];
  }
  return (await db.executeQuery<R>(CompiledQuery.raw(sql, [...parameters]))).rows;
}
