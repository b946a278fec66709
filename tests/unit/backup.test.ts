import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUPS_KEPT, backupStore, listBackups } from '../../shared/db/backup';
import { openStore, type Store } from '../../shared/db/store';

let tmp: string;
let store: Store;
beforeEach(() => {
  tmp = fs.mkdtempSync('/tmp/marelle-backup-');
  store = openStore({ file: path.join(tmp, 'marelle.sqlite') });
});
afterEach(async () => {
  await store.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('online backups', () => {
  it('copies the live store, passes the integrity check, and holds the data', async () => {
    store.sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '\"v\"', 'now')").run();
    const info = await backupStore(store, path.join(tmp, 'backups'), new Date('2026-11-26T10:00:00Z'));
    expect(info.file).toBe('marelle-20261126-100000.sqlite');
    const copy = new BetterSqlite3(path.join(tmp, 'backups', info.file), { readonly: true });
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: '"v"' });
    copy.close();
  });

  it(`keeps only the last ${BACKUPS_KEPT}`, async () => {
    const dir = path.join(tmp, 'backups');
    for (let day = 1; day <= BACKUPS_KEPT + 3; day++) {
      await backupStore(store, dir, new Date(Date.UTC(2026, 0, day, 3)));
    }
    const kept = listBackups(dir);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]?.file).toBe('marelle-20260202-030000.sqlite');
    expect(kept.at(-1)?.file).toBe('marelle-20260104-030000.sqlite');
  });

  it('two backups in the same second get distinct names', async () => {
    const dir = path.join(tmp, 'backups');
    const at = new Date('2026-11-26T10:00:00Z');
    const a = await backupStore(store, dir, at);
    const b = await backupStore(store, dir, at);
    expect(a.file).not.toBe(b.file);
  });
});

describe('backup files', () => {
  it('are single self-contained files, without -wal or -shm', async () => {
    const dir = path.join(tmp, 'backups');
    await backupStore(store, dir, new Date('2026-11-26T10:00:00Z'));
    expect(fs.readdirSync(dir)).toEqual(['marelle-20261126-100000.sqlite']);
  });
});
