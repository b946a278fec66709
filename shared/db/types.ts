import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/** Repository functions take either the database or the caller's transaction. */
export type Db = Kysely<Database> | Transaction<Database>;
export type Trx = Transaction<Database>;
