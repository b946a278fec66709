import fs from 'node:fs';
import { z } from 'zod';

/**
 * Desktop settings (`<userData>/marelle-desktop.json`):
 *   { "mode": "local" }                                         — this PC holds the store and runs the server;
 *   { "mode": "remote", "serverUrl": "http://192.168.1.10:3001" } — a second office PC, client of the first
 *                                                                 (or of a server running `npm run serve`).
 * Pure module: no Electron import, unit-tested in Node.
 */
export const SETTINGS_FILE_NAME = 'marelle-desktop.json';

export type DesktopSettings = { mode: 'local' } | { mode: 'remote'; serverUrl: string };

export const DEFAULT_SETTINGS: DesktopSettings = { mode: 'local' };

/** An http(s) URL without credentials, normalized (`new URL(...).href`). */
export const serverUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'serverUrl n’est pas une adresse valide' });
      return z.NEVER;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: 'serverUrl doit commencer par http:// ou https://' });
      return z.NEVER;
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'serverUrl ne doit pas contenir d’identifiants' });
      return z.NEVER;
    }
    return url.href;
  });

const fileSchema = z
  .object({
    mode: z.enum(['local', 'remote']),
    serverUrl: serverUrlSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.mode === 'remote' && value.serverUrl === undefined) {
      ctx.addIssue({ code: 'custom', path: ['serverUrl'], message: 'serverUrl est obligatoire en mode "remote"' });
    }
  });

export interface SettingsResult {
  settings: DesktopSettings;
  /** Why the file was ignored (the caller logs it); null when the file was valid or absent. */
  warning: string | null;
}

/** Parses the settings file's text; `null` (no file) means the defaults. Invalid → local mode + warning. */
export function parseDesktopSettings(text: string | null): SettingsResult {
  if (text === null) return { settings: DEFAULT_SETTINGS, warning: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { settings: DEFAULT_SETTINGS, warning: `JSON invalide : ${err instanceof Error ? err.message : String(err)}` };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
    return { settings: DEFAULT_SETTINGS, warning: `Réglages invalides : ${issues.join('; ')}` };
  }
  const { mode, serverUrl } = parsed.data;
  if (mode === 'remote' && serverUrl !== undefined) return { settings: { mode: 'remote', serverUrl }, warning: null };
  return { settings: { mode: 'local' }, warning: null };
}

/** Reads and parses the settings file; a missing file is not an error (local mode). */
export function readDesktopSettings(file: string, readFile: (file: string) => string = (f) => fs.readFileSync(f, 'utf8')): SettingsResult {
  let text: string;
  try {
    text = readFile(file);
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return parseDesktopSettings(null);
    return { settings: DEFAULT_SETTINGS, warning: `Lecture impossible : ${err instanceof Error ? err.message : String(err)}` };
  }
  return parseDesktopSettings(text);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The log level from MARELLE_LOG_LEVEL when valid, else `info` (remote mode reads no other config). */
export function pickLogLevel(env: Record<string, string | undefined>): string {
  const level = env.MARELLE_LOG_LEVEL;
  return level !== undefined && (LOG_LEVELS as readonly string[]).includes(level) ? level : 'info';
}
