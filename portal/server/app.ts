import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from '@koa/router';
import Koa from 'koa';
import type { Logger } from 'pino';
import type { Clock } from '../../shared/clock';
import type { Config } from '../../shared/config';
import type { Store } from '../../shared/db/store';
import { smtpTransport, type MailTransport } from '../../shared/mail/delivery';
import type { AppCustom, AppState, ServerDeps } from './context';
import { startJobs, type JobRunner } from './jobs';
import { jsonBody } from './middleware/body';
import { errorHandler } from './middleware/errors';
import { maintenanceCache, portalMaintenance } from './middleware/maintenance';
import { securityHeaders } from './middleware/security';
import { csrfProtection, loadParentSession, loadStaffSession } from './middleware/session';
import { parentAuthRoutes } from './routes/auth';
import { accountRoutes } from './routes/auth/account';
import { familyBookingRoutes } from './routes/family/bookings';
import { familyDocumentRoutes } from './routes/family/documents';
import { familyFileRoutes } from './routes/family/file';
import { familyMeRoutes } from './routes/family/me';
import { publicRoutes } from './routes/public';
import { publicCalendarRoutes } from './routes/public/calendar';
import { staffAuthRoutes } from './routes/staff/auth';
import { staffBackupRoutes } from './routes/staff/backups';
import { staffDashboardRoutes } from './routes/staff/dashboard';
import { staffDocumentRoutes } from './routes/staff/documents';
import { staffFamilyRoutes } from './routes/staff/families';
import { staffValidationRoutes } from './routes/staff/validation';
import { staffServiceRoutes } from './routes/staff/services';
import { staffTariffRoutes } from './routes/staff/tariffs';
import { staffCalendarRoutes } from './routes/staff/calendar';
import { staffContentRoutes } from './routes/staff/content';
import { staffOutboxRoutes } from './routes/staff/outbox';
import { staffPortalRoutes } from './routes/staff/portal';
import { staffRequestRoutes } from './routes/staff/requests';
import { staffPlacesRoutes } from './routes/staff/places';
import { staffBookingRoutes } from './routes/staff/bookings';
import { staffJobRoutes } from './routes/staff/jobs';
import { staffAttendanceRoutes } from './routes/staff/attendance';
import { staffInvoicingRoutes } from './routes/staff/invoicing';
import { staffPaymentRoutes } from './routes/staff/payments';
import { familyInvoiceRoutes } from './routes/family/invoices';
import { familyPaymentRoutes } from './routes/family/payments';
import { spa } from './static';
import { confirmationComposer } from './confirmations';
import { bookingWriter, type BookingWorkerOptions } from './bookingWorker';

export interface ServerOptions {
  store: Store;
  clock: Clock;
  config: Config;
  logger: Logger;
  /** Overrides the SMTP transport built from config.smtpUrl (tests). */
  mailer?: MailTransport | null;
  nativeBinding?: string;
  staticDirs: { portal: string; backoffice: string };
  /** Start background jobs (e-mail, backups). Tests usually drive them by hand. */
  jobs?: boolean;
  /**
   * 'auto' (default): confirmation e-mails are composed in the background after each request;
   * 'manual': only by `deps.confirmations.composeNow()` (tests, which check e-mails at chosen steps).
   */
  confirmations?: 'auto' | 'manual';
  /**
   * The booking worker (decision 0017): the parents' requests validated on a worker thread with its
   * own connection to the store's file. Absent, or an in-memory store: on the server's thread.
   */
  bookingWorker?: BookingWorkerOptions | false;
}

function baseApp(deps: ServerDeps): Koa<AppState, AppCustom> {
  const app = new Koa<AppState, AppCustom>({ proxy: deps.config.trustProxy });
  app.context.deps = deps;
  app.silent = true;
  app.use(errorHandler);
  app.use(async (ctx, next) => {
    const start = performance.now();
    deps.activity.inFlight++;
    deps.activity.lastAt = start;
    try {
      await next();
    } finally {
      deps.activity.inFlight--;
      deps.activity.lastAt = performance.now();
    }
    // Path only: query strings may carry tokens (e-mail links, calendar feeds).
    deps.logger.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - start) }, 'request');
  });
  app.use(securityHeaders);
  app.use(async (ctx, next) => {
    if (ctx.path !== '/healthz') return next();
    deps.store.sqlite.prepare('SELECT 1').get();
    // Where booking requests are validated: 'in-process' on a file store means the booking worker
    // stopped (decision 0017) — still working, slower in a rush; monitoring may watch for it.
    ctx.body = { status: 'ok', bookings: deps.bookings.mode() };
  });
  return app;
}

/** The family portal: public pages, parents' API, the portal app. */
export function createPortalApp(deps: ServerDeps, staticDir: string): Koa<AppState, AppCustom> {
  const app = baseApp(deps);
  app.use(portalMaintenance);
  app.use(jsonBody);
  app.use(loadParentSession);
  app.use(csrfProtection);
  const routers = [publicRoutes(), publicCalendarRoutes(), parentAuthRoutes(), accountRoutes(), familyMeRoutes(), familyFileRoutes(), familyDocumentRoutes(), familyBookingRoutes(), familyInvoiceRoutes(), familyPaymentRoutes()];
  mountRouters(app, routers);
  for (const mw of spa(staticDir)) app.use(mw);
  return app;
}

/** The back-office: staff API and the back-office app (for Electron and browsers alike). */
export function createBackofficeApp(deps: ServerDeps, staticDir: string): Koa<AppState, AppCustom> {
  const app = baseApp(deps);
  app.use(jsonBody);
  app.use(loadStaffSession);
  app.use(csrfProtection);
  const routers = [
    staffAuthRoutes(),
    staffPortalRoutes(),
    staffOutboxRoutes(),
    staffBackupRoutes(),
    staffDashboardRoutes(),
    staffFamilyRoutes(),
    staffValidationRoutes(),
    staffDocumentRoutes(),
    staffServiceRoutes(),
    staffTariffRoutes(),
    staffCalendarRoutes(),
    staffContentRoutes(),
    staffRequestRoutes(),
    staffPlacesRoutes(),
    staffBookingRoutes(),
    staffJobRoutes(),
    staffAttendanceRoutes(),
    staffInvoicingRoutes(),
    staffPaymentRoutes(),
  ];
  mountRouters(app, routers);
  for (const mw of spa(staticDir)) app.use(mw);
  return app;
}

/**
 * The routers of an app as one: a request is matched once against every route, instead of
 * passing through two middlewares per router (a parent's booking request went through twenty).
 */
function mountRouters(app: Koa<AppState, AppCustom>, routers: readonly Router<AppState, AppCustom>[]): void {
  const root = new Router<AppState, AppCustom>();
  for (const router of routers) root.use(router.routes());
  app.use(root.routes());
  app.use(root.allowedMethods());
}

export function createDeps(options: ServerOptions): { deps: ServerDeps; onOutbox(listener: () => void): void } {
  let listener: () => void = () => undefined;
  const activity = { inFlight: 0, lastAt: 0 };
  const confirmations = confirmationComposer({ ...options, activity }, () => listener(), { manual: options.confirmations === 'manual' });
  const deps: ServerDeps = {
    store: options.store,
    clock: options.clock,
    config: options.config,
    logger: options.logger,
    mailer: options.mailer !== undefined ? options.mailer : options.config.smtpUrl ? smtpTransport(options.config.smtpUrl) : null,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    notifyOutbox: () => {
      confirmations.kick();
      listener();
    },
    activity,
    confirmations,
    bookings: bookingWriter(options.store, options.logger, {
      worker: options.bookingWorker ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    }),
    maintenance: maintenanceCache(options.store),
  };
  return { deps, onOutbox: (fn) => (listener = fn) };
}

export interface RunningServer {
  deps: ServerDeps;
  portalUrl: string;
  backofficeUrl: string;
  close(): Promise<void>;
}

function listen(app: Koa<AppState, AppCustom>, host: string, port: number): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app.callback());
    // Slow-client protection; uploads get their own limits.
    server.requestTimeout = 60_000;
    server.headersTimeout = 20_000;
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

const urlOf = (server: http.Server, host: string): string => {
  const { port } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
};

/** Starts both listeners on one store; the desktop shell and `npm run serve` both call this. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { deps, onOutbox } = createDeps(options);
  // The first requests must not wait for the booking worker to load its code.
  await deps.bookings.started();
  const { config } = options;
  let portal: http.Server;
  let backoffice: http.Server;
  try {
    portal = await listen(createPortalApp(deps, options.staticDirs.portal), config.portal.host, config.portal.port);
    try {
      backoffice = await listen(createBackofficeApp(deps, options.staticDirs.backoffice), config.backoffice.host, config.backoffice.port);
    } catch (err) {
      portal.close();
      throw err;
    }
  } catch (err) {
    // A port in use: the caller closes the store; the booking worker's connection goes first.
    await deps.bookings.close();
    throw err;
  }
  let jobs: JobRunner | null = null;
  if (options.jobs !== false) {
    jobs = startJobs(deps);
    onOutbox(jobs.kickOutbox);
  }
  // Confirmations left due by a stop or a crash.
  deps.confirmations.kick();
  const close = (server: http.Server) =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    deps,
    portalUrl: urlOf(portal, config.portal.host),
    backofficeUrl: urlOf(backoffice, config.backoffice.host),
    async close() {
      await deps.confirmations.stop();
      await jobs?.stop();
      await Promise.all([close(portal), close(backoffice)]);
      await deps.bookings.close();
      deps.mailer?.close();
    },
  };
}
