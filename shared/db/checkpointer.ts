import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/*
 * WAL checkpoints on a worker thread (decision 0014). By default SQLite copies the WAL back into
 * the database file inside the COMMIT that crosses 1,000 pages, on the committing thread — ours
 * is the server's event loop, which then also waits for the file's fsync. A second connection on
 * a worker thread checkpoints instead, every second, in PASSIVE mode: it never blocks the writer,
 * and copies what the writer has committed so far; the writer restarts the WAL from its beginning
 * once a checkpoint has caught up.
 *
 * If the worker cannot start or dies, the store's own connection checkpoints again as SQLite
 * does by default: nothing depends on the worker but speed.
 */

// Runs in the worker (CommonJS, evaluated): one connection, a checkpoint per message.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('synchronous = NORMAL');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  let result;
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    result = { ok: true, log: row.log, checkpointed: row.checkpointed };
  } catch (error) {
    result = { ok: false, error: String(error) };
  }
  parentPort.postMessage(result);
});
`;

/** SQLite's default: checkpoint in the COMMIT that makes the WAL reach this many pages. */
const DEFAULT_AUTOCHECKPOINT = 1000;

export interface CheckpointerOptions {
  /** Milliseconds between two checkpoints. */
  everyMs?: number;
  nativeBinding?: string;
}

export class Checkpointer {
  /** Checkpoints done, and the last one's figures (for tests and monitoring). */
  readonly stats = { runs: 0, failures: 0, lastLog: 0, lastCheckpointed: 0 };
  private readonly worker: Worker;
  private readonly timer: NodeJS.Timeout;
  private running = false;
  private stopped = false;
  private readonly waiters: (() => void)[] = [];
  private readonly fallBackListeners: (() => void)[] = [];

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    file: string,
    options: CheckpointerOptions = {},
  ) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, module: createRequire(import.meta.url).resolve('better-sqlite3'), nativeBinding: options.nativeBinding ?? null },
    });
    this.worker.on('message', (result: { ok: boolean; log?: number; checkpointed?: number }) => {
      this.running = false;
      this.stats.runs++;
      if (result.ok) {
        this.stats.lastLog = result.log ?? 0;
        this.stats.lastCheckpointed = result.checkpointed ?? 0;
      } else this.stats.failures++;
      for (const resolve of this.waiters.splice(0)) resolve();
    });
    this.worker.on('error', () => this.fallBack());
    this.worker.on('exit', () => this.fallBack());
    // The worker must never keep the process alive (a CLI that ends, a test that finishes); after
    // the listeners: adding a 'message' listener refs the worker again.
    this.worker.unref();
    this.sqlite.pragma('wal_autocheckpoint = 0');
    this.timer = setInterval(() => this.request(), options.everyMs ?? 1000);
    this.timer.unref();
  }

  /** Checkpoints are still done by the worker. */
  get active(): boolean {
    return !this.stopped;
  }

  /**
   * Called if the worker dies while the store is open: another connection on the file that left
   * checkpoints to it (the booking worker's, decision 0017) must checkpoint by itself again.
   */
  onFallBack(listener: () => void): void {
    this.fallBackListeners.push(listener);
  }

  /** Asks for a checkpoint now (unless one is running); resolves when the next one has ended. */
  checkpoint(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.request();
    return done;
  }

  private request(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    this.worker.postMessage('checkpoint');
  }

  /** The store's connection checkpoints by itself again. */
  private fallBack(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    if (this.sqlite.open) this.sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    for (const resolve of this.waiters.splice(0)) resolve();
    for (const listener of this.fallBackListeners.splice(0)) listener();
  }

  /** Closes the worker's connection; the store's own, closed after it, checkpoints what is left. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    const timeout = setTimeout(() => void this.worker.terminate(), 5000);
    await exited;
    clearTimeout(timeout);
    for (const resolve of this.waiters.splice(0)) resolve();
    if (this.sqlite.open) this.sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  }
}
