import type { Logger } from 'pino';
import type Koa from 'koa';
import type { Clock } from '../../shared/clock';
import type { Config } from '../../shared/config';
import type { Store } from '../../shared/db/store';
import type { MailTransport } from '../../shared/mail/delivery';
import type { ParentSession, StaffSession } from '../../shared/auth/sessions';
import type { ConfirmationComposer } from './confirmations';
import type { BookingWriter } from './bookingWorker';

/** What every request handler may use; built once at start and shared by both listeners. */
export interface ServerDeps {
  store: Store;
  clock: Clock;
  config: Config;
  logger: Logger;
  mailer: MailTransport | null;
  /** The better-sqlite3 addon to use for backup checks (Electron passes its own build). */
  nativeBinding?: string;
  /** Wakes the e-mail workers after a change that queued (or made due) e-mails. */
  notifyOutbox(): void;
  /** Requests being answered right now (background work yields to them). */
  activity: Activity;
  /** Composes the requests' confirmation e-mails after their transactions (decision 0015). */
  confirmations: ConfirmationComposer;
  /** Validates the parents' booking requests, on the booking worker's thread for a file store (decision 0017). */
  bookings: BookingWriter;
  /** Cached portal maintenance state (read on every portal request). */
  maintenance: MaintenanceCache;
}

export interface Activity {
  /** Requests being answered. */
  inFlight: number;
  /** When the last request arrived or ended (performance.now()). */
  lastAt: number;
}

export interface MaintenanceCache {
  get(): Promise<{ enabled: boolean; message: string | null }>;
  invalidate(): void;
}

export interface AppState {
  body?: unknown;
  parent?: ParentSession;
  staff?: StaffSession;
}

export interface AppCustom {
  deps: ServerDeps;
}

export type AppContext = Koa.ParameterizedContext<AppState, AppCustom>;
export type AppMiddleware = Koa.Middleware<AppState, AppCustom>;
