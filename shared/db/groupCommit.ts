import type BetterSqlite3 from 'better-sqlite3';
import { AbortedTransactionError, type Kysely, type SqliteDatabase } from 'kysely';
import type { Database } from './schema';
import type { Trx } from './types';

/**
 * Group commit: several short transactions that queue for the store's one connection are run in
 * one SQLite transaction, each inside its own savepoint, and committed together — a commit writes
 * every page changed to the WAL, and a rush's requests change many of the same pages (the day's
 * place counters, the tails of the bookings table and of its indexes), so one commit for a group
 * costs little more than one for a single request.
 *
 * What a caller sees is unchanged:
 * - its work runs alone on the connection, after every transaction that asked for the connection
 *   before its group did, and sees their writes (so a place check and its insert stay exact);
 * - its promise settles only after the group's COMMIT: resolved if its work succeeded and the
 *   COMMIT too, rejected with its own error if its work failed (its savepoint rolled back: its
 *   writes undone, the others' kept), rejected with the COMMIT's error if the COMMIT failed (then
 *   nothing of the group is written).
 *
 * A group's transaction is an ordinary `db.transaction()`: it is queued in the store's FIFO queue
 * when its first work arrives and, once it holds the connection, takes the works waiting then (at
 * most `maxGroup`). So every other user of the connection keeps its turn: a transaction or query
 * queued behind a group waits for at most `maxGroup` works more than it would without grouping
 * (those that joined the group after it had queued); works arriving while a group runs form the
 * next group, queued behind whatever asked for the connection in the meantime.
 *
 * A work must not leave queries running once it has settled (every write awaited, as in
 * `submitRequest`): a stray write after a failed work's savepoint was rolled back would land in the
 * group's transaction, where a plain `db.transaction()` would refuse it.
 */
export interface GroupCommitOptions {
  /** Most works per transaction (bounds the wait of a transaction queued behind a group). */
  maxGroup?: number;
  /**
   * 'immediate' (default): a group waits for the end of the event loop's current I/O phase
   * (`setImmediate`) before it queues for the connection, so that the requests whose I/O completed
   * in the same phase join it. Without it, HTTP requests never group: the driver is synchronous,
   * so a transaction runs to its end within the I/O callback that started it, and the next
   * request's callback finds the connection free (measured: 1.0 request per COMMIT).
   * 'none': a group queues at once and takes what queued behind the previous holder.
   */
  window?: 'none' | 'immediate';
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Work<T> {
  work: (trx: Trx) => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
  outcome: Outcome<T> | null;
}

const SAVEPOINT = 'marelle_group_work';
/** Taken at load: a test faking timers later must not stop the store. */
const nextPhase = globalThis.setImmediate;

export class GroupCommitter {
  private readonly waiting: Work<unknown>[] = [];
  /** Groups' transactions queued for the connection that have not yet taken their works. */
  private queuedGroups = 0;
  private readonly maxGroup: number;
  private readonly window: 'none' | 'immediate';
  /** Groups committed (or attempted) and works run, for tests and monitoring. */
  readonly stats = { groups: 0, works: 0 };
  private statements: { savepoint: BetterSqlite3.Statement; release: BetterSqlite3.Statement; rollbackTo: BetterSqlite3.Statement } | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    /** The raw connection: savepoints are run on it directly while the group holds the connection. */
    private readonly sqlite: BetterSqlite3.Database,
    /** The store's prepared statements (the cache Kysely's driver uses), for the works' direct statements. */
    private readonly statementCache: SqliteDatabase,
    options: GroupCommitOptions = {},
  ) {
    this.maxGroup = Math.max(1, options.maxGroup ?? 32);
    this.window = options.window ?? 'immediate';
  }

  run<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve, reject, outcome: null } as Work<unknown>);
      this.queueGroups();
    });
  }

  /**
   * Every waiting work has a group queued for the connection no later than its own arrival: the
   * n-th group queued takes the n-th `maxGroup` works waiting, so a work runs after everything that
   * asked for the connection before its group was queued.
   */
  private queueGroups(): void {
    while (this.waiting.length > this.queuedGroups * this.maxGroup) {
      this.queuedGroups++;
      void this.runGroup();
    }
  }

  private async runGroup(): Promise<void> {
    // Written inside the transaction's callback: kept in an object so that it is read as it is then.
    const state: { group: Work<unknown>[] | null; abortedBy: unknown } = { group: null, abortedBy: null };
    if (this.window === 'immediate') await new Promise<void>((resolve) => nextPhase(resolve));
    try {
      await this.db.transaction().execute(async (trx) => {
        this.queuedGroups--;
        held.set(trx, { sqlite: this.sqlite, statements: this.statementCache });
        try {
          const taken = this.waiting.splice(0, this.maxGroup);
          state.group = taken;
          this.stats.groups++;
          this.stats.works += taken.length;
          const alone = taken.length === 1 ? taken[0] : undefined;
          if (alone) {
            // Alone: its own transaction, as db.transaction() runs it (a savepoint would only cost:
            // SQLite keeps the pages it changes in a statement journal, ≈ 0.1 ms per request).
            try {
              alone.outcome = { ok: true, value: await alone.work(trx) };
            } catch (error) {
              alone.outcome = { ok: false, error };
              throw error;
            }
            return;
          }
          for (let i = 0; i < taken.length; i++) {
            const item = taken[i];
            if (!item) continue;
            item.outcome = await this.runOne(trx, item);
            if (!item.outcome.ok && !this.sqlite.inTransaction) {
              // SQLite ended the whole transaction itself (I/O error, disk full…): the works already
              // run lost their writes with it; those not yet run go back first in line, untouched.
              state.abortedBy = item.outcome.error;
              const untouched = taken.splice(i + 1);
              this.stats.works -= untouched.length;
              this.waiting.unshift(...untouched);
              this.queueGroups();
              throw new AbortedTransactionError();
            }
          }
        } finally {
          // Past its transaction, `trx` must never reach the connection directly.
          held.delete(trx);
        }
      });
    } catch (error) {
      // BEGIN itself failed: the works that this group would have taken get its error.
      if (state.group === null) this.queuedGroups--;
      const group = state.group ?? this.waiting.splice(0, this.maxGroup);
      const cause = state.abortedBy ?? error;
      for (const item of group) item.reject(item.outcome && !item.outcome.ok ? item.outcome.error : cause);
      return;
    }
    for (const item of state.group ?? []) {
      if (item.outcome?.ok) item.resolve(item.outcome.value);
      else item.reject(item.outcome?.error ?? new Error('Transaction groupée non exécutée.'));
    }
  }

  private async runOne(trx: Trx, item: Work<unknown>): Promise<Outcome<unknown>> {
    const st = this.prepared();
    st.savepoint.run();
    try {
      const value = await item.work(trx);
      st.release.run();
      return { ok: true, value };
    } catch (error) {
      if (this.sqlite.inTransaction) {
        st.rollbackTo.run();
        st.release.run();
      }
      return { ok: false, error };
    }
  }

  private prepared() {
    this.statements ??= {
      savepoint: this.sqlite.prepare(`SAVEPOINT ${SAVEPOINT}`),
      release: this.sqlite.prepare(`RELEASE ${SAVEPOINT}`),
      rollbackTo: this.sqlite.prepare(`ROLLBACK TO ${SAVEPOINT}`),
    };
    return this.statements;
  }
}

const committers = new WeakMap<object, GroupCommitter>();

/**
 * The connection under a group's transaction, while it runs. A group's works run one after the
 * other on the connection it holds, so a work may run its statements on it directly (synchronous
 * better-sqlite3, without Kysely's queue and promises): they are part of its savepoint, and no
 * other query can come between them.
 */
const held = new WeakMap<object, { sqlite: BetterSqlite3.Database; statements: SqliteDatabase }>();

/**
 * The raw connection when `db` is a group transaction of the store (inside `store.groupTransaction`
 * or a grouped `submitRequest`), else null: then only Kysely may run queries on `db`.
 */
export function heldConnectionOf(db: object): BetterSqlite3.Database | null {
  return held.get(db)?.sqlite ?? null;
}

/** The store's statement cache on that held connection (`direct.ts`), or null as above. */
export function heldStatementsOf(db: object): SqliteDatabase | null {
  return held.get(db)?.statements ?? null;
}

/** Makes `groupTransactionOf(db)` find the store's committer (the store registers its own). */
export function registerGroupCommitter(db: Kysely<Database>, committer: GroupCommitter): void {
  committers.set(db, committer);
}

/**
 * The group committer of the store behind `db`, or null when it has none (a store opened with
 * `groupCommit: false`, or `db` being a transaction already): callers then use `db.transaction()`.
 */
export function groupCommitterOf(db: Kysely<Database>): GroupCommitter | null {
  return committers.get(db) ?? null;
}
