import fs from 'node:fs';
import http from 'node:http';
import inspector from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import Koa from 'koa';
import { FixedClock } from '../shared/clock';
import { loadConfig } from '../shared/config';
import { openStore, type Store } from '../shared/db/store';
import { openRushStore } from './rushStore';
import { benchGroupCommit } from './groupCommit';
import { seedDemo } from '../shared/demo/seed';
import { generateFamilies } from '../shared/demo/generate';
import { createLogger } from '../shared/logger';
import { createSession } from '../shared/auth/sessions';
import { startServer } from '../portal/server/app';
import { sourceBookingWorkerEntry } from '../portal/server/bookingWorker';

/**
 * The booking worker as `npm run serve` runs it (decision 0017); BENCH_BOOKING_WORKER=0: none;
 * BENCH_PROFILE: under a profiler (bench/profiledBookingWorker.ts).
 */
function benchBookingWorker(): { entry: string } | false {
  const entry = process.env.BENCH_PROFILE ? path.resolve(import.meta.dirname, 'profiledBookingWorker.ts') : sourceBookingWorkerEntry();
  return process.env.BENCH_BOOKING_WORKER === '0' || !entry ? false : { entry };
}

// A benchmark target in its own process, so that the load generator does not share its event
// loop. Prints one JSON line when ready: { port, backofficePort? }.
const kind = process.argv[2];
const dir = fs.mkdtempSync('/tmp/marelle-bench-');
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
process.on('SIGTERM', () => void stopProfile().finally(() => process.exit(0)));

// BENCH_PROFILE=<dir>: a CPU profile of the rush server from the SIGUSR2 that bench/rush.ts sends
// once its warm-up is over until the bench stops it, written as <dir>/<kind>-<pid>.cpuprofile (open it in Chrome DevTools).
let profiler: inspector.Session | null = null;
async function startProfile(): Promise<void> {
  if (!process.env.BENCH_PROFILE) return;
  profiler = new inspector.Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
  await profiler.post('Profiler.start');
}
async function stopProfile(): Promise<void> {
  const dirOut = process.env.BENCH_PROFILE;
  if (!profiler || !dirOut) return;
  const { profile } = await profiler.post('Profiler.stop');
  fs.mkdirSync(dirOut, { recursive: true });
  fs.writeFileSync(path.join(dirOut, `${kind ?? 'target'}-${process.pid}.cpuprofile`), JSON.stringify(profile));
}

/** The server as `npm run serve` starts it, on free loopback ports, silent, without background jobs. */
function startBenchServer(store: Store, clock: FixedClock) {
  const config = {
    ...loadConfig({ MARELLE_DATA_DIR: dir }),
    portal: { host: '127.0.0.1', port: 0 },
    backoffice: { host: '127.0.0.1', port: 0 },
  };
  return startServer({ store, clock, config, logger: createLogger('silent'), staticDirs: { portal: dir, backoffice: dir }, jobs: false, bookingWorker: benchBookingWorker() });
}

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
  const store = openStore({ file: path.join(dir, 'marelle.sqlite'), groupCommit: benchGroupCommit() });
  const clock = new FixedClock('2026-11-26T09:00:00+01:00');
  await seedDemo(store, clock.now());
  if (families > 0) await generateFamilies(store, families, clock.now());
  const server = await startBenchServer(store, clock);
  console.log(JSON.stringify({ port: Number(new URL(server.portalUrl).port), backofficePort: Number(new URL(server.backofficeUrl).port) }));
} else if (kind === 'rush') {
  // The summer ALSH opening rush: 5,000 families, 300 places on 2027-07-07, bookings open at
  // 08:00 on 2027-05-17 and the clock stands 5 seconds later. Sessions are created directly
  // (argon2 logins are measured elsewhere): the rush is about booking, not logging in.
  const parents = Number(process.argv[3] ?? '2000');
  const { store, clock, unitId, candidates } = await openRushStore(dir, parents);
  const users: { cookie: string; csrf: string; childId: number }[] = [];
  for (const c of candidates) {
    const s = await createSession(store.db, { kind: 'parent', accountId: c.accountId, ip: '127.0.0.1', userAgent: 'bench' }, clock.now());
    users.push({ cookie: `marelle_session=${s.token}; marelle_csrf=${s.csrfToken}`, csrf: s.csrfToken, childId: c.childId });
  }
  // Time each request inside the server (from its headers to its last byte): what the clients see
  // beyond that is queueing before the server reads the request, or the load generator itself.
  const serverTimes: number[] = [];
  const createServer = http.createServer;
  http.createServer = ((...args: Parameters<typeof http.createServer>) => {
    const created = createServer(...args);
    created.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      const t = performance.now();
      res.on('finish', () => serverTimes.push(performance.now() - t));
    });
    return created;
  }) as typeof http.createServer;
  const server = await startBenchServer(store, clock);
  http.createServer = createServer;
  const usersFile = path.join(dir, 'users.json');
  fs.writeFileSync(usersFile, JSON.stringify(users));
  let groupsAtRound = await server.deps.bookings.groupStats();
  // How long the server's event loop was blocked during a round: a stall seen by the clients shows
  // here if it is the server's own (a long statement, a GC), not if it is the network's or the client's.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  // The bench marks the start of each round, and asks after it for the confirmation e-mails to be
  // composed (they wait while requests are answered: decision 0015) and for the round's figures.
  process.on('message', (message) => {
    if (message === 'round-start') {
      void server.deps.bookings.groupStats().then((stats) => (groupsAtRound = stats));
      serverTimes.length = 0;
      loopDelay.reset();
      return;
    }
    if (message !== 'compose') return;
    const times = [...serverTimes].sort((a, b) => a - b);
    const loopMaxMs = loopDelay.max / 1e6;
    void server.deps.confirmations.composeNow().then(async () => {
      const { queued, ms } = server.deps.confirmations.stats;
      const groups = await server.deps.bookings.groupStats();
      process.send?.({
        queued,
        ms,
        serverP50: quantile(times, 0.5),
        serverP99: quantile(times, 0.99),
        serverMax: times.at(-1) ?? 0,
        loopMaxMs,
        bookingThread: server.deps.bookings.mode(),
        groups: groups.groups - groupsAtRound.groups,
        works: groups.works - groupsAtRound.works,
      });
    });
  });
  process.once('SIGUSR2', () => void startProfile());
  console.log(
    JSON.stringify({
      port: Number(new URL(server.portalUrl).port),
      dbFile: path.join(dir, 'marelle.sqlite'),
      usersFile,
      unitId,
    }),
  );
} else {
  console.error('usage: target.ts bare|marelle|rush [families|parents]');
  process.exit(2);
}
