import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import readline from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import autocannon from 'autocannon';

// `npm run bench:rush`: issue 5's rush. 2,000 parents submit, within a few seconds, a request for
// the first summer ALSH day (300 places) and four more days. The bare-Koa floor is measured with
// the same load generator, in the same run.

interface RushTarget {
  port: number;
  dbFile: string;
  usersFile: string;
  unitId: number;
}

function start<T>(args: string[]): Promise<T & { child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/target.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    if (!child.stdout) throw new Error('no stdout');
    readline.createInterface({ input: child.stdout }).once('line', (line) => resolve({ ...(JSON.parse(line) as T), child }));
    child.once('exit', (code) => reject(new Error(`bench target exited with ${code}`)));
  });
}

const DAYS = ['2027-07-07', '2027-07-08', '2027-07-09', '2027-07-12', '2027-07-13'];
/** Days of the same service booked during the warm-up: the rush's five days stay untouched. */
const WARM_UP_DAYS = ['2027-07-19', '2027-07-20', '2027-07-21', '2027-07-22', '2027-07-23'];

interface Figures {
  count: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  statuses: string;
}

/** `amount` requests through `connections` keep-alive connections; `body(i)` builds the i-th request. */
async function load(url: string, amount: number, connections: number, request: (i: number) => { body: string; headers: Record<string, string> }): Promise<Figures> {
  let i = 0;
  const start = performance.now();
  // autocannon stops on its one-second tick: time the last response instead.
  let last = start;
  const r = await autocannon({
    url,
    method: 'POST',
    connections,
    amount,
    requests: [
      {
        setupRequest: (req) => ({ ...req, ...request(i++) }),
        onResponse: () => {
          last = performance.now();
        },
      },
    ],
  });
  const seconds = (last - start) / 1000;
  return {
    count: r.requests.total,
    seconds,
    rps: r.requests.total / seconds,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    statuses: `2xx ${r['2xx']}, 4xx ${r['4xx']}, 5xx ${r['5xx']}, errors ${r.errors}`,
  };
}

/**
 * CPU time (user + system, ms) a child process has used so far, from /proc: per request, it says
 * what the server spends whatever else runs on the machine (other work makes throughput noisy).
 */
function cpuMs(pid: number | undefined, thread?: 'main'): number {
  const file = thread === 'main' ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
  if (pid === undefined || !fs.existsSync(file)) return Number.NaN;
  const fields = fs.readFileSync(file, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}

/**
 * `load` plus the server's CPU per request: all its threads, and its main thread alone (the
 * JavaScript and SQLite work; the other threads are V8's compiler and garbage collector).
 */
async function measured(pid: number | undefined, run: () => Promise<Figures>): Promise<Figures & { cpuMsPerRequest: number; mainMsPerRequest: number }> {
  const before = cpuMs(pid);
  const mainBefore = cpuMs(pid, 'main');
  const figures = await run();
  return { ...figures, cpuMsPerRequest: (cpuMs(pid) - before) / figures.count, mainMsPerRequest: (cpuMs(pid, 'main') - mainBefore) / figures.count };
}

/**
 * The confirmation e-mails still due, composed now (the target composes them once idle): between
 * runs, so that neither the floor nor the rush shares the machine with them. Answers the target's
 * totals so far: e-mails queued, and the time its main thread spent composing them.
 */
function composeConfirmations(child: ChildProcess): Promise<{ queued: number; ms: number }> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as { queued: number; ms: number }));
    child.send('compose');
  });
}

const fmt = (r: Figures) =>
  `${r.count} requests in ${r.seconds.toFixed(2)} s: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p90 ${r.p90} ms, p99 ${r.p99} ms, max ${r.max} ms (${r.statuses})`;

async function main(): Promise<void> {
  const parents = Number(process.env.BENCH_PARENTS ?? '2000');
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? '64');
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}; ${parents} parents, ${concurrency} concurrent clients`);
  const rush = await start<RushTarget>(['rush', String(parents)]);
  const bare = await start<{ port: number }>(['bare']);
  const users = JSON.parse(fs.readFileSync(rush.usersFile, 'utf8')) as { cookie: string; csrf: string; childId: number }[];

  const json = { 'content-type': 'application/json' };
  const requestFor = (days: readonly string[]) => (i: number) => {
    const u = users[i % users.length];
    if (!u) throw new Error('no users');
    return {
      headers: { ...json, cookie: u.cookie, 'x-csrf-token': u.csrf },
      body: JSON.stringify({ lines: days.map((date) => ({ action: 'book', childId: u.childId, date, unitId: rush.unitId })) }),
    };
  };
  const rushRequest = requestFor(DAYS);
  const floorRequest = () => ({ headers: json, body: '{}' });
  const floorUrl = `http://127.0.0.1:${bare.port}/`;

  // Warm-up: a server in production has been running for hours, its code compiled by V8's
  // optimising compiler (measured: without a warm-up, a quarter of the first thousands of requests'
  // CPU goes to compiling). Previews of the rush's request, then requests validated for five other
  // days of the same service (as many accepted then refused as in the rush): the rush's days stay
  // untouched.
  await load(floorUrl, 1000, concurrency, floorRequest);
  await load(`http://127.0.0.1:${rush.port}/api/family/requests/preview`, 500, concurrency, rushRequest);
  const warmUp = Number(process.env.BENCH_WARM_UP ?? '2000');
  await load(`http://127.0.0.1:${rush.port}/api/family/requests`, warmUp, concurrency, requestFor(WARM_UP_DAYS));
  const mailsBefore = await composeConfirmations(rush.child);
  // BENCH_PROFILE: the target's CPU profile covers the measured runs only.
  if (process.env.BENCH_PROFILE) rush.child.kill('SIGUSR2');
  const floor = await measured(bare.child.pid, () => load(floorUrl, users.length, concurrency, floorRequest));
  const result = await measured(rush.child.pid, () => load(`http://127.0.0.1:${rush.port}/api/family/requests`, users.length, concurrency, rushRequest));
  const mailsAfter = await composeConfirmations(rush.child);
  const mails = { composed: mailsAfter.queued - mailsBefore.queued, ms: mailsAfter.ms - mailsBefore.ms };
  const floor2 = await measured(bare.child.pid, () => load(floorUrl, users.length, concurrency, floorRequest));

  const db = new BetterSqlite3(rush.dbFile, { readonly: true });
  const accepted = db
    .prepare("SELECT COUNT(*) AS n FROM bookings WHERE date = ? AND unit_id = ? AND status = 'accepted'")
    .get(DAYS[0], rush.unitId) as { n: number };
  const byDay = db
    .prepare("SELECT date, status, COUNT(*) AS n FROM bookings WHERE unit_id = ? GROUP BY date, status ORDER BY date, status")
    .all(rush.unitId);
  db.close();

  console.log(`\nfloor (bare Koa + 1 insert), before: ${fmt(floor)}`);
  console.log(`floor (bare Koa + 1 insert), after:  ${fmt(floor2)}`);
  console.log(`rush (5 lines per request):          ${fmt(result)}`);
  const floorRps = (floor.rps + floor2.rps) / 2;
  console.log(`ratio rush / floor: ${(result.rps / floorRps).toFixed(2)}`);
  const floorCpu = (floor.cpuMsPerRequest + floor2.cpuMsPerRequest) / 2;
  const floorMain = (floor.mainMsPerRequest + floor2.mainMsPerRequest) / 2;
  console.log(
    `server CPU per request (/proc, 10 ms ticks): floor ${floorCpu.toFixed(3)} ms, rush ${result.cpuMsPerRequest.toFixed(3)} ms — CPU ratio floor / rush ${(floorCpu / result.cpuMsPerRequest).toFixed(2)}; main thread alone: floor ${floorMain.toFixed(3)} ms, rush ${result.mainMsPerRequest.toFixed(3)} ms`,
  );
  console.log(`accepted on ${DAYS[0]}: ${accepted.n} (expected exactly 300)`);
  console.log(`confirmation e-mails of the rush, composed once it was over (decision 0015): ${mails.composed} in ${mails.ms.toFixed(0)} ms (${(mails.ms / Math.max(1, mails.composed)).toFixed(3)} ms each)`);
  console.log(`bookings per day and state: ${JSON.stringify(byDay)}`);

  rush.child.kill('SIGTERM');
  bare.child.kill('SIGTERM');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
