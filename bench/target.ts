import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import Koa from 'koa';
import { FixedClock } from '../shared/clock';
import { loadConfig } from '../shared/config';
import { openStore } from '../shared/db/store';
import { seedDemo } from '../shared/demo/seed';
import { generateFamilies } from '../shared/demo/generate';
import { createLogger } from '../shared/logger';
import { startServer } from '../portal/server/app';

// A benchmark target in its own process, so that the load generator does not share its event
// loop. Prints one JSON line when ready: { port, backofficePort? }.
const kind = process.argv[2];
const dir = fs.mkdtempSync('/tmp/marelle-bench-');
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
process.on('SIGTERM', () => process.exit(0));

if (kind === 'bare') {
  // The floor to compare with: Koa answering with one SQLite insert in WAL mode, nothing else.
  const sqlite = new BetterSqlite3(path.join(dir, 'bare.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('CREATE TABLE hits (id INTEGER PRIMARY KEY, at TEXT NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO hits (at) VALUES (?)');
  const app = new Koa();
  app.use((ctx) => {
    insert.run(new Date().toISOString());
    ctx.body = { ok: true };
  });
  const server = http.createServer(app.callback()).listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
  });
} else if (kind === 'marelle') {
  const families = Number(process.argv[3] ?? '5000');
  const store = openStore({ file: path.join(dir, 'marelle.sqlite') });
  const clock = new FixedClock('2026-11-26T09:00:00+01:00');
  await seedDemo(store, clock.now());
  if (families > 0) await generateFamilies(store, families, clock.now());
  const config = {
    ...loadConfig({ MARELLE_DATA_DIR: dir }),
    portal: { host: '127.0.0.1', port: 0 },
    backoffice: { host: '127.0.0.1', port: 0 },
  };
  const server = await startServer({
    store,
    clock,
    config,
    logger: createLogger('silent'),
    staticDirs: { portal: dir, backoffice: dir },
    jobs: false,
  });
  console.log(JSON.stringify({ port: Number(new URL(server.portalUrl).port), backofficePort: Number(new URL(server.backofficeUrl).port) }));
} else {
  console.error('usage: target.ts bare|marelle [families]');
  process.exit(2);
}
