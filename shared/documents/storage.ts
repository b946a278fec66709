import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Documents live on disk beside the store, under names Marelle chooses: a random key, never
// anything the sender wrote. The database row (name, type, sha256) describes the file.
// Families' documents are in files/documents; the portal content's attachments (issue 4) in
// files/content — the same rules, a separate folder. Every `area` parameter defaults to documents.

export type FileArea = 'documents' | 'content';
export const FILE_AREAS: readonly FileArea[] = ['documents', 'content'];

export const filesDir = (dataDir: string, area: FileArea = 'documents'): string => path.join(dataDir, 'files', area);

export const documentsDir = (dataDir: string): string => filesDir(dataDir, 'documents');

const KEY = /^[0-9a-f]{32}$/;

export const newStorageKey = (): string => randomBytes(16).toString('hex');

/** Where the file of `key` is; refuses anything but a key made by `newStorageKey`. */
export function storedFilePath(dataDir: string, key: string, area: FileArea = 'documents'): string {
  if (!KEY.test(key)) throw new Error(`Invalid storage key: ${key}`);
  return path.join(filesDir(dataDir, area), key);
}

/** A temporary name in the same folder, so that the final rename is atomic. */
export const tempFilePath = (dataDir: string, key: string, area: FileArea = 'documents'): string =>
  `${storedFilePath(dataDir, key, area)}.part`;

export async function ensureDocumentsDir(dataDir: string, area: FileArea = 'documents'): Promise<string> {
  const dir = filesDir(dataDir, area);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export async function removeQuietly(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
}

/**
 * Removes temporary upload files left by a crash or a killed process (a `.part` older than
 * `maxAgeMs`), in every file area; an upload in progress is younger than the request timeout.
 * For the daily job.
 */
export async function purgeStaleUploads(dataDir: string, now: Date, maxAgeMs = 24 * 60 * 60_000): Promise<number> {
  let removed = 0;
  for (const area of FILE_AREAS) removed += await purgeStaleIn(filesDir(dataDir, area), now, maxAgeMs);
  return removed;
}

async function purgeStaleIn(dir: string, now: Date, maxAgeMs: number): Promise<number> {
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!/^[0-9a-f]{32}\.part$/.test(name)) continue;
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && now.getTime() - stat.mtimeMs > maxAgeMs) {
      await removeQuietly(file);
      removed += 1;
    }
  }
  return removed;
}
