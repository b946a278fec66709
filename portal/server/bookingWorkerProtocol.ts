import type { RequestContext } from '../../shared/bookings/requests';
import { AppError, type ErrorCode, type IssueDetail } from '../../shared/errors';
import type { RequestLineInput } from '../../shared/schemas/bookings';

/** The messages between the server's thread and the booking worker (decision 0017). */
export interface BookingWorkerData {
  file: string;
  nativeBinding: string | null;
  walAutocheckpoint: number;
}

export type ToWorker =
  | { kind: 'submit'; id: number; context: RequestContext; lines: readonly RequestLineInput[] }
  /** The server's checkpointer stopped: this connection checkpoints in its COMMITs again. */
  | { kind: 'autocheckpoint'; pages: number }
  | { kind: 'stats'; id: number }
  | { kind: 'close' };

export type FromWorker =
  | { kind: 'ready' }
  /** The `SubmittedRequestDto` as JSON text (what the API sends). */
  | { kind: 'result'; id: number; ok: true; json: string }
  | { kind: 'result'; id: number; ok: false; error: SerializedError }
  | { kind: 'stats'; id: number; groups: number; works: number };

/**
 * An error crossing the thread boundary: structured cloning keeps neither the class nor the fields
 * of an `AppError`, which the API renders (status, French message, issues).
 */
export type SerializedError =
  | { app: true; code: ErrorCode; message: string; issues?: IssueDetail[]; retryAfterSeconds?: number; extra?: Readonly<Record<string, unknown>> }
  | { app: false; name: string; message: string; stack?: string };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) {
    return {
      app: true,
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      ...(error.extra ? { extra: error.extra } : {}),
    };
  }
  if (error instanceof Error) return { app: false, name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { app: false, name: 'Error', message: String(error) };
}

/** The error again on the server's thread: an `AppError` as thrown, anything else as a plain Error (a 500). */
export function deserializeError(error: SerializedError): Error {
  if (error.app) return new AppError(error.code, error.message, error.issues, error.retryAfterSeconds, error.extra);
  const plain = new Error(error.message);
  plain.name = error.name;
  if (error.stack) plain.stack = error.stack;
  return plain;
}
