/**
 * Electron main process: the desktop shell of the back-office.
 *
 * - local mode (default): opens the store, starts the Koa server in-process (family portal +
 *   back-office) and shows the back-office, loaded over HTTP from the back-office listener;
 * - remote mode (`<userData>/marelle-desktop.json`): a second office PC, the window shows the
 *   back-office of another Marelle server; no store is opened here.
 *
 * Pure logic lives in ./settings, ./security, ./paths and ./errors (unit-tested in Node).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  session,
  shell,
  type IpcMainInvokeEvent,
  type SaveDialogOptions,
  type WebContents,
} from 'electron';
import type { Logger } from 'pino';
import { startServer, type RunningServer } from '../portal/server/app';
import { FixedClock, systemClock } from '../shared/clock';
import { loadConfig } from '../shared/config';
import { openStore, type Store } from '../shared/db/store';
import { seedDemo } from '../shared/demo/seed';
import { createLogger } from '../shared/logger';
import { CHANNELS } from './channels';
import { describeStartupError } from './errors';
import { electronNativeBinding, resolveAppLayout, resolveDataDir, userDataOverride } from './paths';
import { ensurePdfExtension, isTrustedSender, navigationDecision, validateSavePdfArgs, windowOpenDecision } from './security';
import { pickLogLevel, readDesktopSettings, SETTINGS_FILE_NAME } from './settings';

const layout = resolveAppLayout(import.meta.dirname);

/** The only origin the window may show and the only one the IPC handlers answer. */
let allowedOrigin: string | null = null;
const logger: Logger = createLogger(pickLogLevel(process.env));
/** Ports of the local server, to explain an EADDRINUSE at start-up. */
let startupPorts: { portalPort?: number; backofficePort?: number } = {};
let local: { store: Store; server: RunningServer } | null = null;
let mainWindow: BrowserWindow | null = null;
/** A main-frame redirect to another origin, blocked: explained to the user when the load fails. */
let blockedRedirect: string | null = null;

const userDataDir = userDataOverride(process.env);
if (userDataDir) app.setPath('userData', userDataDir);

// --- Local mode: store + server in this process -------------------------------------------------

async function startLocal(): Promise<{ store: Store; server: RunningServer }> {
  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  const config = loadConfig({ ...process.env, MARELLE_DATA_DIR: dataDir });
  startupPorts = { portalPort: config.portal.port, backofficePort: config.backoffice.port };
  const clock = config.fixedNow ? new FixedClock(config.fixedNow) : systemClock;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const nativeBinding = electronNativeBinding({ env: process.env, appRoot: layout.appRoot, resourcesPath: process.resourcesPath });
  logger.info({ dataDir: config.dataDir, nativeBinding: nativeBinding ?? 'node_modules' }, 'opening store');
  const store = openStore({ file: path.join(config.dataDir, 'marelle.sqlite'), ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    if (config.demo) {
      const empty = !(await store.db.selectFrom('staff_users').select('id').limit(1).executeTakeFirst());
      if (empty) {
        const summary = await seedDemo(store, clock.now());
        logger.info({ families: summary.families, children: summary.children }, 'demo commune created');
      }
    }
    const server = await startServer({
      store,
      clock,
      config,
      logger,
      staticDirs: layout.staticDirs,
      ...(nativeBinding ? { nativeBinding } : {}),
      // Bundled beside this file (electron.vite.config.ts); if it cannot start, requests are
      // validated on this thread (decision 0017).
      bookingWorker: config.bookingWorker ? { entry: path.join(import.meta.dirname, 'bookingWorker.js') } : false,
    });
    logger.info({ portal: server.portalUrl, backoffice: server.backofficeUrl }, 'server started');
    return { store, server };
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
}

// --- Hardening --------------------------------------------------------------------------------

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback) => {
    logger.warn({ permission, url: contents.getURL() }, 'permission request denied');
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => {
    if (navigationDecision(event.url, allowedOrigin) === 'deny') {
      event.preventDefault();
      logger.warn({ url: event.url }, 'navigation blocked');
    }
  });
  contents.on('will-redirect', (event) => {
    if (event.isMainFrame && navigationDecision(event.url, allowedOrigin) === 'deny') {
      event.preventDefault();
      blockedRedirect = event.url;
      logger.warn({ url: event.url }, 'redirect to another origin blocked (check serverUrl)');
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (windowOpenDecision(url, allowedOrigin) === 'open-external') {
      shell.openExternal(url).catch((err: unknown) => logger.warn({ url, err }, 'openExternal failed'));
    }
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

// --- IPC: exactly three channels, each checking the calling frame's origin ---------------------------

function assertTrustedSender(event: IpcMainInvokeEvent): void {
  const url = event.senderFrame?.url;
  if (!isTrustedSender(url, allowedOrigin)) {
    logger.warn({ url }, 'IPC call from an untrusted frame refused');
    throw new Error('Appel refusé : cette page n’est pas le back-office Marelle.');
  }
}

function printContents(contents: WebContents): Promise<void> {
  return new Promise((resolve, reject) => {
    contents.print({ silent: false, printBackground: true }, (success, failureReason) => {
      if (success || /cancel/i.test(failureReason)) resolve();
      else reject(new Error(`Impression impossible : ${failureReason}`));
    });
  });
}

function documentsDir(): string {
  try {
    return app.getPath('documents');
  } catch {
    return os.homedir();
  }
}

function registerIpc(): void {
  ipcMain.handle(CHANNELS.printCurrentPage, async (event): Promise<void> => {
    assertTrustedSender(event);
    await printContents(event.sender);
  });

  ipcMain.handle(CHANNELS.savePdf, async (event, suggestedName: unknown, data: unknown): Promise<string | null> => {
    assertTrustedSender(event);
    const args = validateSavePdfArgs(suggestedName, data);
    if (!args.ok) throw new Error(args.error);
    const options: SaveDialogOptions = {
      title: 'Enregistrer le PDF',
      buttonLabel: 'Enregistrer',
      defaultPath: path.join(documentsDir(), args.fileName),
      filters: [{ name: 'Document PDF', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const owner = BrowserWindow.fromWebContents(event.sender);
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    const file = ensurePdfExtension(result.filePath);
    await fs.promises.writeFile(file, args.data);
    logger.info({ file, bytes: args.data.byteLength }, 'PDF saved');
    return file;
  });

  ipcMain.handle(CHANNELS.appVersion, (event): string => {
    assertTrustedSender(event);
    return app.getVersion();
  });
}

// --- Window ---------------------------------------------------------------------------------------

function createWindow(url: string, remote: boolean): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Marelle',
    backgroundColor: '#f8f9fa',
    webPreferences: {
      preload: layout.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      // Chromium's built-in PDF viewer, for the document previews beside a family file.
      plugins: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });

  win.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame) return;
    const redirect = blockedRedirect;
    blockedRedirect = null;
    // -3 (ERR_ABORTED): a navigation we blocked ourselves, or a user-initiated stop.
    if (errorCode === -3 && redirect === null) return;
    logger.error({ url: validatedURL, errorCode, errorDescription }, 'back-office failed to load');
    const detail =
      redirect !== null
        ? `Le serveur ${url} redirige vers ${redirect}, une autre adresse : indiquez directement celle-ci dans serverUrl (${SETTINGS_FILE_NAME}).`
        : remote
          ? `Le serveur Marelle ${url} ne répond pas (${errorDescription}).\nVérifiez que le poste principal est allumé et que serverUrl dans ${SETTINGS_FILE_NAME} est correct.`
          : `Le back-office ne répond pas (${errorDescription}).`;
    win.show();
    void dialog
      .showMessageBox(win, { type: 'error', title: 'Marelle', message: 'Connexion impossible', detail, buttons: ['Réessayer', 'Quitter'], defaultId: 0, cancelId: 1 })
      .then(({ response }) => {
        if (response === 0) void win.loadURL(url).catch(() => undefined);
        else app.quit();
      });
  });

  // Failures are reported by 'did-fail-load' above.
  win.loadURL(url).catch(() => undefined);
  return win;
}

// --- Life cycle -----------------------------------------------------------------------------------

function fatal(err: unknown): void {
  const text = describeStartupError(err, startupPorts);
  logger.fatal({ err }, 'start-up failed');
  dialog.showErrorBox(text.title, text.message);
  app.exit(1);
}

async function start(): Promise<void> {
  lockDownSession();
  const settingsFile = path.join(app.getPath('userData'), SETTINGS_FILE_NAME);
  const { settings, warning } = readDesktopSettings(settingsFile);
  if (warning) logger.warn({ file: settingsFile, reason: warning }, 'desktop settings ignored, falling back to local mode');

  let url: string;
  if (settings.mode === 'remote') {
    url = settings.serverUrl;
    logger.info({ serverUrl: url }, 'remote mode: no local store, showing the back-office of another server');
  } else {
    const started = await startLocal();
    local = { store: started.store, server: started.server };
    url = `${started.server.backofficeUrl}/`;
  }
  allowedOrigin = new URL(url).origin;
  registerIpc();
  mainWindow = createWindow(url, settings.mode === 'remote');
}

let shuttingDown = false;
let shutDown = false;

async function shutdown(): Promise<void> {
  const running = local;
  local = null;
  if (!running) return;
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
  const work = (async () => {
    try {
      await running.server.close();
    } catch (err) {
      logger.error({ err }, 'server close failed');
    }
    try {
      await running.store.close();
    } catch (err) {
      logger.error({ err }, 'store close failed');
    }
    logger.info('server and store closed');
  })();
  await Promise.race([work, timeout]);
}

app.on('before-quit', (event) => {
  if (shutDown) return;
  event.preventDefault();
  if (shuttingDown) return;
  shuttingDown = true;
  void shutdown().finally(() => {
    shutDown = true;
    app.quit();
  });
});

app.on('window-all-closed', () => app.quit());
process.on('SIGINT', () => app.quit());
process.on('SIGTERM', () => app.quit());

if (!app.requestSingleInstanceLock()) {
  // Another Marelle holds this profile (and its store, and its ports): bring it to the front instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fatal(err));
}
