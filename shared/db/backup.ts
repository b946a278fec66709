import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Store } from './store';

export interface BackupInfo {
  file: string;
  createdAt: string;
  sizeBytes: number;
}

const PREFIX = 'marelle-';
const SUFFIX = '.sqlite';
export const BACKUPS_KEPT = 30;

const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\..+$/, '').replace('T', '-');

/**
 * Online backup through SQLite's backup API (consistent while the portal keeps writing), then
 * an integrity check of the copy; a copy that fails the check is deleted and the error raised.
 * Keeps the newest `BACKUPS_KEPT` copies.
 */
export async function backupStore(store: Store, dir: string, now: Date, nativeBinding?: string): Promise<BackupInfo> {
  fs.mkdirSync(dir, { recursive: true });
  let name = `${PREFIX}${stamp(now)}${SUFFIX}`;
  for (let n = 2; fs.existsSync(path.join(dir, name)); n++) name = `${PREFIX}${stamp(now)}-${n}${SUFFIX}`;
  const target = path.join(dir, name);
  await store.sqlite.backup(target);
  // The copy inherits WAL mode from the live store; switch it back to a rollback journal so that a
  // backup is one self-contained file (no -wal/-shm beside it) that can be copied anywhere.
  const copy = new BetterSqlite3(target, nativeBinding ? { nativeBinding } : {});
  try {
    copy.pragma('journal_mode = DELETE');
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`Sauvegarde corrompue (${String(result)})`);
  } catch (error) {
    copy.close();
    fs.rmSync(target, { force: true });
    throw error;
  }
  copy.close();
  pruneBackups(dir);
  return { file: name, createdAt: now.toISOString(), sizeBytes: fs.statSync(target).size };
}

export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(PREFIX) && f.endsWith(SUFFIX))
    .map((file) => {
      const stat = fs.statSync(path.join(dir, file));
      return { file, createdAt: stat.mtime.toISOString(), sizeBytes: stat.size };
    })
    .sort((a, b) => b.file.localeCompare(a.file));
}

function pruneBackups(dir: string): void {
  for (const old of listBackups(dir).slice(BACKUPS_KEPT)) fs.rmSync(path.join(dir, old.file), { force: true });
}
