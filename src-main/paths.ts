import fs from 'node:fs';
import path from 'node:path';

/**
 * Where things are, for the Electron shell. Pure module: no Electron import, unit-tested in Node.
 *
 * Built layout (electron-vite): <appRoot>/out/main/index.js, <appRoot>/out/preload/preload.cjs,
 * <appRoot>/out/renderer (back-office), <appRoot>/out/portal (family portal).
 */
export interface AppLayout {
  /** The application root (the repository in development, `resources/app.asar` once packaged). */
  appRoot: string;
  preloadFile: string;
  staticDirs: { portal: string; backoffice: string };
}

/** Resolves the layout from the directory of the built main file (`out/main`). */
export function resolveAppLayout(mainDir: string): AppLayout {
  const outDir = path.resolve(mainDir, '..');
  return {
    appRoot: path.resolve(outDir, '..'),
    preloadFile: path.join(outDir, 'preload', 'preload.cjs'),
    staticDirs: { portal: path.join(outDir, 'portal'), backoffice: path.join(outDir, 'renderer') },
  };
}

type Env = Record<string, string | undefined>;

/** The data folder: MARELLE_DATA_DIR when set, else `<userData>/data`. */
export function resolveDataDir(env: Env, userDataDir: string): string {
  const fromEnv = env.MARELLE_DATA_DIR?.trim();
  return fromEnv ? path.resolve(fromEnv) : path.join(userDataDir, 'data');
}

/** MARELLE_USER_DATA_DIR moves Electron's userData folder (tests, portable installs); undefined otherwise. */
export function userDataOverride(env: Env): string | undefined {
  const value = env.MARELLE_USER_DATA_DIR?.trim();
  return value ? path.resolve(value) : undefined;
}

/** Where the packaging step puts better-sqlite3's Electron build (see docs/decisions/0002). */
export const ELECTRON_BINDING_RELATIVE_PATH = path.join('native', 'electron', 'better_sqlite3.node');

export interface NativeBindingLookup {
  env: Env;
  appRoot: string;
  /** Electron's `process.resourcesPath` (packaged app: `extraResources` land there). */
  resourcesPath?: string | undefined;
  exists?: (file: string) => boolean;
}

/** Candidate locations of the Electron build of better-sqlite3, in order of preference. */
export function electronBindingCandidates(lookup: Pick<NativeBindingLookup, 'appRoot' | 'resourcesPath'>): string[] {
  const candidates: string[] = [];
  if (lookup.resourcesPath) candidates.push(path.join(lookup.resourcesPath, ELECTRON_BINDING_RELATIVE_PATH));
  // A native addon cannot be loaded from inside an asar archive: packagers unpack it next to it.
  if (/\.asar$/i.test(lookup.appRoot)) candidates.push(path.join(`${lookup.appRoot}.unpacked`, ELECTRON_BINDING_RELATIVE_PATH));
  candidates.push(path.join(lookup.appRoot, ELECTRON_BINDING_RELATIVE_PATH));
  return [...new Set(candidates)];
}

/**
 * The better-sqlite3 addon to load in Electron (`nativeBinding` option): MARELLE_SQLITE_BINDING when
 * set (taken as given), else the first candidate that exists, else undefined — node_modules' own
 * build is then used, which only works when it was built for Electron's ABI.
 */
export function electronNativeBinding(lookup: NativeBindingLookup): string | undefined {
  const fromEnv = lookup.env.MARELLE_SQLITE_BINDING?.trim();
  if (fromEnv) return path.resolve(fromEnv);
  const exists = lookup.exists ?? ((file: string) => fs.existsSync(file));
  return electronBindingCandidates(lookup).find((file) => exists(file));
}
