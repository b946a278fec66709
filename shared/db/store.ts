import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement } from 'kysely';
import type { Database } from './schema';
import { migrateToLatest } from './migrate';
import { Checkpointer, type CheckpointerOptions } from './checkpointer';
import { GroupCommitter, registerGroupCommitter, type GroupCommitOptions } from './groupCommit';
import { registerIdleStatements } from './direct';
import type { Trx } from './types';

/**
 * The store: one SQLite file (or `:memory:` in tests) behind Kysely. Everything SQLite-specific
 * (pragmas, migrations as SQLite DDL, the backup API) stays in this folder so that a PostgreSQL
 * dialect can be added for large towns without touching the domain code.
 */
export interface Store {
  db: Kysely<Database>;
  /** The raw connection, for this folder's SQLite-only work (migrations, backups). */
  sqlite: BetterSqlite3.Database;
  file: string;
  /**
   * A transaction that may share its COMMIT with other group transactions queued at the same
   * time, each in its own savepoint (decision 0013, `groupCommit.ts`): for short, hot write paths
   * (a booking request). Its promise settles after the COMMIT, with its own result or error.
   * Everything else keeps `db.transaction()`.
   */
  groupTransaction<T>(work: (trx: Trx) => Promise<T>): Promise<T>;
  /** The WAL checkpointer on its worker thread (file stores), or null. */
  checkpointer: Checkpointer | null;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  /**
   * Path of a better-sqlite3 native addon built for the running runtime. The Electron shell
   * passes the Electron build here; Node (serve, tests) uses the one in node_modules.
   */
  nativeBinding?: string;
  migrate?: boolean;
  /** Group commit for `groupTransaction` (on by default); false: each is its own transaction. */
  groupCommit?: false | GroupCommitOptions;
  /**
   * WAL checkpoints on a worker thread (file stores, on by default; decision 0014); false: in the
   * COMMITs of the store's connection, as SQLite does by default.
   */
  checkpointer?: false | Omit<CheckpointerOptions, 'nativeBinding'>;
  /**
   * SQLite's `wal_autocheckpoint` for this connection, when another one checkpoints (a second
   * connection on the same file: the booking worker's, decision 0017).
   */
  walAutocheckpoint?: number;
}

export function openStore(options: OpenStoreOptions): Store {
  const sqlite = new BetterSqlite3(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  if (options.file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // WAL + NORMAL is durable against application crashes; only a power cut can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  // A commune's store is tens of MB: keep its hot pages in memory (2 MB by default).
  sqlite.pragma('cache_size = -65536');
  // Statement journals (a write with triggers, a savepoint of the group commit) and temporary
  // b-trees in memory: on disk, each such write opened and wrote a temporary file (measured: half
  // of the cost of a booking request's inserts).
  sqlite.pragma('temp_store = MEMORY');
  if (options.walAutocheckpoint !== undefined) sqlite.pragma(`wal_autocheckpoint = ${Math.max(0, Math.trunc(options.walAutocheckpoint))}`);
  if (options.migrate !== false) migrateToLatest(sqlite);
  const checkpointer = options.file === ':memory:' || options.checkpointer === false ? null : startCheckpointer(sqlite, options);
  const statements = cachingStatements(sqlite);
  const dialect = new FifoSqliteDialect({ database: statements });
  const db = new Kysely<Database>({ dialect });
  registerIdleStatements(db, () => (dialect.driver?.idle() && !sqlite.inTransaction ? statements : null));
  const committer = options.groupCommit === false ? null : new GroupCommitter(db, sqlite, statements, options.groupCommit);
  if (committer) registerGroupCommitter(db, committer);
  return {
    db,
    sqlite,
    file: options.file,
    groupTransaction: (work) => (committer ? committer.run(work) : db.transaction().execute(work)),
    checkpointer,
    async close() {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/** The worker, or null when it cannot start (the store then checkpoints as SQLite does by default). */
function startCheckpointer(sqlite: BetterSqlite3.Database, options: OpenStoreOptions): Checkpointer | null {
  try {
    return new Checkpointer(sqlite, options.file, { ...(options.checkpointer || {}), ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch {
    return null;
  }
}

/**
 * Kysely's SQLite driver prepares every statement again on each query; compiling SQL is about half
 * of the cost of a small query. Prepared statements are kept by SQL text (the driver runs one query
 * at a time on its single connection, so sharing a statement is safe), bounded to stay small.
 */
export function cachingStatements(sqlite: BetterSqlite3.Database, max = 1000): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit) {
        // Refresh its place: the map's order is the eviction order.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > max) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return statement;
    },
  };
}

/**
 * Kysely's SQLite driver guards its single connection with a mutex that wakes every waiter at
 * once: under a rush, a request can be overtaken again and again and wait for seconds while the
 * median stays low. This queue hands the connection over in arrival order.
 */
class FifoSqliteDriver extends SqliteDriver {
  private readonly waiting: (() => void)[] = [];
  private busy = false;

  /**
   * IMMEDIATE: the transaction takes the write lock when it begins. A file store may have a second
   * writer (the booking worker's connection, decision 0017); a deferred transaction that reads and
   * then writes would fail with SQLITE_BUSY_SNAPSHOT if the other connection committed in between
   * (SQLite cannot wait there: the reads would be stale), while BEGIN IMMEDIATE waits for the lock
   * (busy_timeout) and then reads the latest state.
   */
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    return super.acquireConnection();
  }

  /** No query nor transaction holds the connection, and none waits for it. */
  idle(): boolean {
    return !this.busy && this.waiting.length === 0;
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

class FifoSqliteDialect extends SqliteDialect {
  /** The driver Kysely created (one per Kysely instance). */
  driver: FifoSqliteDriver | null = null;

  constructor(private readonly driverConfig: SqliteDialectConfig) {
    super(driverConfig);
  }

  override createDriver(): Driver {
    this.driver = new FifoSqliteDriver(this.driverConfig);
    return this.driver;
  }
}
