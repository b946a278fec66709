import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { submitRequest, type RequestContext, type SubmittedRequestDto } from '../../shared/bookings/requests';
import { groupCommitterOf } from '../../shared/db/groupCommit';
import type { Store } from '../../shared/db/store';
import { AppError } from '../../shared/errors';
import type { RequestLineInput } from '../../shared/schemas/bookings';
import { deserializeError, type BookingWorkerData, type FromWorker, type ToWorker } from './bookingWorkerProtocol';

/*
 * Where the parents' booking requests are validated (decision 0017): on the server's thread, or on
 * a worker thread with its own connection to the store's file. A request's rules and writes are
 * most of its cost; on the worker they run beside the HTTP work of the next requests instead of
 * after it. Either way a request is checked and written in one transaction holding SQLite's write
 * lock (BEGIN IMMEDIATE on both connections), so places are never exceeded.
 *
 * If the worker cannot start or dies, requests are validated on the server's thread again: the
 * worker is only a matter of speed.
 */

/**
 * A validated request as the API answers it: its JSON text, serialised on the thread that validated
 * it (the server's thread only copies a string, instead of an object it would serialise again).
 */
export interface SubmittedRequestJson {
  json: string;
}

export const parseSubmitted = (submitted: SubmittedRequestJson): SubmittedRequestDto => JSON.parse(submitted.json) as SubmittedRequestDto;

export interface BookingWriter {
  /** `submitRequest` of shared/bookings/requests.ts, wherever it runs. */
  submit(context: RequestContext, lines: readonly RequestLineInput[]): Promise<SubmittedRequestJson>;
  /** 'worker' while the worker thread validates the requests. */
  mode(): 'worker' | 'in-process';
  /** Resolves once the worker is ready, or has failed and requests are validated in process. */
  started(): Promise<void>;
  /** The group commit's figures of the connection that validates the requests (bench, monitoring). */
  groupStats(): Promise<{ groups: number; works: number }>;
  /** Lets the requests under way finish, then stops the worker (before the store is closed). */
  close(): Promise<void>;
}

export interface BookingWorkerOptions {
  /**
   * The worker's entry: `bookingWorkerEntry.ts` beside this file when the server runs from its
   * sources (tsx), the bundled `bookingWorker.js` in the desktop app's build.
   */
  entry: string;
  /** How long it may take to get ready before requests are validated on the server's thread (20 s). */
  startTimeoutMs?: number;
}

/** Told to a parent whose request was under way when the worker stopped: it may or may not have been written. */
export const WORKER_LOST_MESSAGE =
  'Votre demande a été interrompue et a pu ne pas être enregistrée : vérifiez votre planning avant de la refaire.';

/** The entry beside this file when it runs from its TypeScript sources, else null (a bundle). */
export function sourceBookingWorkerEntry(): string | null {
  const url = new URL('./bookingWorkerEntry.ts', import.meta.url);
  if (url.protocol !== 'file:') return null;
  const file = fileURLToPath(url);
  return fs.existsSync(file) ? file : null;
}

/** In process for an in-memory store or without options; on a worker thread otherwise. */
export function bookingWriter(store: Store, logger: Logger, options: { worker?: BookingWorkerOptions | false; nativeBinding?: string } = {}): BookingWriter {
  const inProcess = async (context: RequestContext, lines: readonly RequestLineInput[]) => ({ json: JSON.stringify(await submitRequest(store.db, context, lines)) });
  if (!options.worker || store.file === ':memory:') return inProcessWriter(store, inProcess);
  return new WorkerBookingWriter(store, logger, options.worker, options.nativeBinding, inProcess);
}

/** The group commit's figures of the server's own connection. */
function localGroupStats(store: Store): { groups: number; works: number } {
  const committer = groupCommitterOf(store.db);
  return { groups: committer?.stats.groups ?? 0, works: committer?.stats.works ?? 0 };
}

function inProcessWriter(store: Store, submit: BookingWriter['submit']): BookingWriter {
  return {
    submit,
    mode: () => 'in-process',
    started: () => Promise.resolve(),
    groupStats: async () => localGroupStats(store),
    close: async () => undefined,
  };
}

interface Pending {
  context: RequestContext;
  lines: readonly RequestLineInput[];
  resolve(value: SubmittedRequestJson): void;
  reject(error: unknown): void;
}

const START_TIMEOUT_MS = 20_000;

// A TypeScript entry is loaded through tsx's loader, registered in the worker first.
const TSX_BOOTSTRAP = new URL('./bookingWorkerTsx.mjs', import.meta.url);

class WorkerBookingWriter implements BookingWriter {
  private worker: Worker | null;
  private ready = false;
  private closing = false;
  private stopped = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly statsWaiters = new Map<number, (stats: { groups: number; works: number }) => void>();
  private readonly drained: (() => void)[] = [];
  private readonly startWaiters: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    options: BookingWorkerOptions,
    nativeBinding: string | undefined,
    private readonly inProcess: BookingWriter['submit'],
  ) {
    const data: BookingWorkerData = {
      file: store.file,
      nativeBinding: nativeBinding ?? null,
      walAutocheckpoint: store.checkpointer?.active ? 0 : 1000,
    };
    const worker = options.entry.endsWith('.ts')
      ? new Worker(TSX_BOOTSTRAP, { workerData: { ...data, entry: options.entry } })
      : new Worker(options.entry, { workerData: data });
    this.worker = worker;
    worker.on('message', (message: FromWorker) => this.received(message));
    worker.on('error', (error) => this.gone(worker, error));
    worker.on('exit', (code) => this.gone(worker, code === 0 ? null : new Error(`booking worker exited with code ${code}`)));
    // Referenced while it starts (`started()` may be all the process waits for), then only while
    // requests are under way (`submit` refs it, `settled` unrefs it).
    store.checkpointer?.onFallBack(() => this.post({ kind: 'autocheckpoint', pages: 1000 }));
    // A worker that never gets ready must not hold the server's start: it is stopped, and the
    // requests sent to it meanwhile are validated here (it had not begun them).
    const startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
    const startTimeout = setTimeout(() => {
      if (this.ready || this.worker !== worker) return;
      this.gone(worker, new Error(`booking worker not ready after ${startTimeoutMs} ms`));
      void worker.terminate();
    }, startTimeoutMs);
    startTimeout.unref();
  }

  mode(): 'worker' | 'in-process' {
    return this.worker ? 'worker' : 'in-process';
  }

  started(): Promise<void> {
    if (this.ready || !this.worker) return Promise.resolve();
    return new Promise<void>((resolve) => this.startWaiters.push(resolve));
  }

  submit(context: RequestContext, lines: readonly RequestLineInput[]): Promise<SubmittedRequestJson> {
    const worker = this.worker;
    if (!worker || this.closing) return this.inProcess(context, lines);
    return new Promise<SubmittedRequestJson>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { context, lines, resolve, reject });
      this.holdProcess();
      worker.postMessage({ kind: 'submit', id, context, lines } satisfies ToWorker);
    });
  }

  async groupStats(): Promise<{ groups: number; works: number }> {
    const worker = this.worker;
    if (!worker) return localGroupStats(this.store);
    const id = this.nextId++;
    const stats = new Promise<{ groups: number; works: number }>((resolve) => this.statsWaiters.set(id, resolve));
    this.holdProcess();
    worker.postMessage({ kind: 'stats', id } satisfies ToWorker);
    return stats;
  }

  async close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    if (!worker) return;
    if (this.pending.size > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
    if (!this.worker) return;
    this.worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ kind: 'close' } satisfies ToWorker);
    const timeout = setTimeout(() => void worker.terminate(), 5000);
    await exited;
    clearTimeout(timeout);
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private received(message: FromWorker): void {
    switch (message.kind) {
      case 'ready':
        this.ready = true;
        this.holdProcess();
        for (const resolve of this.startWaiters.splice(0)) resolve();
        return;
      case 'stats':
        this.statsWaiters.get(message.id)?.({ groups: message.groups, works: message.works });
        this.statsWaiters.delete(message.id);
        this.holdProcess();
        return;
      case 'result': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        if (message.ok) pending.resolve({ json: message.json });
        else pending.reject(deserializeError(message.error));
        this.settled();
        return;
      }
    }
  }

  private settled(): void {
    this.holdProcess();
    if (this.pending.size > 0) return;
    for (const resolve of this.drained.splice(0)) resolve();
  }

  /** The worker keeps the process alive while it starts and while it owes an answer, never when idle. */
  private holdProcess(): void {
    if (!this.ready || this.pending.size > 0 || this.statsWaiters.size > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  /**
   * The worker stopped (a crash, or its normal end after `close`). Requests it had not begun —
   * all of them if it never said it was ready — are validated here; those it may have begun are
   * answered with `WORKER_LOST_MESSAGE` (their transaction may have committed). Later requests
   * are validated here.
   */
  private gone(worker: Worker, error: Error | null): void {
    // 'error' is followed by 'exit': one is enough.
    if (this.stopped) return;
    this.stopped = true;
    if (this.worker === worker) this.worker = null;
    if (error) this.logger.error({ err: error }, 'booking worker stopped; requests are validated on the main thread');
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      if (this.ready) p.reject(new AppError('internal', WORKER_LOST_MESSAGE));
      else this.inProcess(p.context, p.lines).then(p.resolve, p.reject);
    }
    for (const resolve of this.statsWaiters.values()) resolve({ groups: 0, works: 0 });
    this.statsWaiters.clear();
    for (const resolve of this.drained.splice(0)) resolve();
    for (const resolve of this.startWaiters.splice(0)) resolve();
  }
}
