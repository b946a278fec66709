import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../shared/db/store';

/* WAL checkpoints on a worker thread (decision 0014). */

let dir: string;
let file: string;
let store: Store;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-checkpoint-'));
  file = path.join(dir, 'store.sqlite');
  store = openStore({ file, migrate: false, groupCommit: false, checkpointer: { everyMs: 60_000 } });
  store.sqlite.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = (n: number) => {
  const insert = store.sqlite.prepare('INSERT INTO items (body) VALUES (?)');
  for (let i = 0; i < n; i++) insert.run('x'.repeat(2000));
};
const walBytes = () => fs.statSync(`${file}-wal`).size;

describe('the checkpointer', () => {
  it('leaves the COMMITs to the writer and copies the WAL back on its own thread', async () => {
    const checkpointer = store.checkpointer;
    expect(checkpointer).not.toBeNull();
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    write(3000);
    // Past SQLite's 1,000 pages, no COMMIT has checkpointed: the WAL holds every page written.
    const before = walBytes();
    expect(before).toBeGreaterThan(1000 * 4096);
    await checkpointer?.checkpoint();
    expect(checkpointer?.stats.runs).toBe(1);
    expect(checkpointer?.stats.failures).toBe(0);
    expect(checkpointer?.stats.lastCheckpointed).toBe(checkpointer?.stats.lastLog);
    // Copied into the database file: another connection reading the file alone finds every row.
    fs.copyFileSync(file, path.join(dir, 'copy.sqlite'));
    const copy = new BetterSqlite3(path.join(dir, 'copy.sqlite'), { readonly: true });
    expect((copy.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n).toBe(3000);
    copy.close();
    // The next write starts the WAL over from its first page instead of growing it.
    write(1);
    await checkpointer?.checkpoint();
    expect(checkpointer?.stats.lastLog).toBeGreaterThan(0);
    expect(checkpointer?.stats.lastLog).toBeLessThan(10);
    expect(walBytes()).toBe(before);
  });

  it('gives checkpoints back to the writer when its worker is gone', async () => {
    const checkpointer = store.checkpointer;
    expect(checkpointer?.active).toBe(true);
    // Another connection on the file (the booking worker's, decision 0017) is told too.
    let told = 0;
    checkpointer?.onFallBack(() => told++);
    await (checkpointer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(checkpointer?.active).toBe(false);
    expect(told).toBe(1);
    await expect(checkpointer?.checkpoint()).resolves.toBeUndefined();
  });

  it('never keeps a process alive: a script that forgets to close its store still ends', () => {
    const script = path.join(dir, 'script.mts');
    fs.writeFileSync(
      script,
      `import { openStore } from ${JSON.stringify(path.resolve('shared/db/store.ts'))};
      const s = openStore({ file: ${JSON.stringify(path.join(dir, 'script.sqlite'))} });
      if (!s.checkpointer) throw new Error('no checkpointer');
      await s.db.selectFrom('families').select('id').execute();
      console.log('opened');`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { timeout: 15_000, encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('opened');
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
  });

  it('is not started for a store in memory, nor when refused', async () => {
    const memory = openStore({ file: ':memory:', migrate: false });
    expect(memory.checkpointer).toBeNull();
    await memory.close();
    const other = openStore({ file: path.join(dir, 'other.sqlite'), migrate: false, checkpointer: false });
    expect(other.checkpointer).toBeNull();
    expect(other.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await other.close();
  });
});
