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

/** CPU time (ms) of each thread of a process, by thread id. */
function threadCpuMs(pid: number | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (pid === undefined || !fs.existsSync(`/proc/${pid}/task`)) return out;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      out.set(tid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

/**
 * `load` plus the server's CPU per request: all its threads, its main thread alone (HTTP, and the
 * JavaScript and SQLite work done there), and its other threads' by decreasing CPU (the booking
 * worker's, decision 0017; the checkpointer's; V8's compiler and garbage collector).
 */
async function measured(
  pid: number | undefined,
  run: () => Promise<Figures>,
): Promise<Figures & { cpuMsPerRequest: number; mainMsPerRequest: number; otherThreadsMsPerRequest: number[] }> {
  const before = cpuMs(pid);
  const mainBefore = cpuMs(pid, 'main');
  const threadsBefore = threadCpuMs(pid);
  const figures = await run();
  const others = [...threadCpuMs(pid)]
    .filter(([tid]) => tid !== String(pid))
    .map(([tid, ms]) => (ms - (threadsBefore.get(tid) ?? 0)) / figures.count)
    .filter((ms) => ms > 0)
    .sort((a, b) => b - a);
  return {
    ...figures,
    cpuMsPerRequest: (cpuMs(pid) - before) / figures.count,
    mainMsPerRequest: (cpuMs(pid, 'main') - mainBefore) / figures.count,
    otherThreadsMsPerRequest: others.slice(0, 3),
  };
}

/** What the target reports after a round: its confirmations, and its own view of the round. */
interface RoundReport {
  /** E-mails queued and the main thread's time composing them, since the target started. */
  queued: number;
  ms: number;
  /** Time of each request inside the server since `round-start` (from its headers to its last byte). */
  serverP50: number;
  serverP99: number;
  serverMax: number;
  /** Longest the server's event loop was blocked since `round-start`. */
  loopMaxMs: number;
  /** Where the requests were validated (decision 0017), and their group commits during the round. */
  bookingThread: 'worker' | 'in-process';
  groups: number;
  works: number;
}

/**
 * Composes the confirmation e-mails still due (the target composes them once idle): between runs,
 * so that neither the floor nor the rush shares the machine with them; answers a `RoundReport`.
 */
function composeConfirmations(child: ChildProcess): Promise<RoundReport> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as RoundReport));
    child.send('compose');
  });
}

const fmt = (r: Figures) =>
  `${r.rps.toFixed(0)} req/s (${r.count} in ${r.seconds.toFixed(2)} s), p50 ${r.p50} ms, p90 ${r.p90} ms, p99 ${r.p99} ms, max ${r.max} ms (${r.statuses})`;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function main(): Promise<void> {
  const parents = Number(process.env.BENCH_PARENTS ?? '2000');
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? '64');
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? '5'));
  const floorRequests = Number(process.env.BENCH_FLOOR_REQUESTS ?? '4000');
  console.log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}; ${parents} parents, ${concurrency} concurrent clients, ${rounds} rounds`,
  );
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
  const rushUrl = `http://127.0.0.1:${rush.port}/api/family/requests`;

  // Warm-up: a server in production has been running for hours, its code compiled by V8's
  // optimising compiler (measured: without a warm-up, a quarter of the first thousands of requests'
  // CPU goes to compiling). Previews of the rush's request, then requests validated for five other
  // days of the same service (as many accepted then refused as in the rush): the rush's days stay
  // untouched.
  await load(floorUrl, 2000, concurrency, floorRequest);
  await load(`${rushUrl}/preview`, 500, concurrency, rushRequest);
  const warmUp = Number(process.env.BENCH_WARM_UP ?? '2000');
  await load(rushUrl, warmUp, concurrency, requestFor(WARM_UP_DAYS));
  let mails = await composeConfirmations(rush.child);

  // The same rush several times (the machine is shared and noisy: medians), each preceded by a
  // floor run; between rounds the rush's bookings are removed, so each round starts from the same
  // 300 free places. BENCH_PROFILE: the target's CPU profile covers the measured runs only.
  const store = new BetterSqlite3(rush.dbFile);
  store.pragma('busy_timeout = 5000');
  const countAccepted = store.prepare("SELECT COUNT(*) AS n FROM bookings WHERE date = ? AND unit_id = ? AND status = 'accepted'");
  const byDay = store.prepare('SELECT date, status, COUNT(*) AS n FROM bookings WHERE unit_id = ? AND date IN (SELECT value FROM json_each(?)) GROUP BY date, status ORDER BY date, status');
  const reset = store.prepare('DELETE FROM bookings WHERE unit_id = ? AND date IN (SELECT value FROM json_each(?))');
  if (process.env.BENCH_PROFILE) rush.child.kill('SIGUSR2');
  const results: { floor: Awaited<ReturnType<typeof measured>>; rush: Awaited<ReturnType<typeof measured>>; accepted: number; report: RoundReport; mailMs: number; mailCount: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round > 0) reset.run(rush.unitId, JSON.stringify(DAYS));
    const floor = await measured(bare.child.pid, () => load(floorUrl, floorRequests, concurrency, floorRequest));
    rush.child.send('round-start');
    const result = await measured(rush.child.pid, () => load(rushUrl, users.length, concurrency, rushRequest));
    const report = await composeConfirmations(rush.child);
    const accepted = (countAccepted.get(DAYS[0], rush.unitId) as { n: number }).n;
    results.push({ floor, rush: result, accepted, report, mailMs: report.ms - mails.ms, mailCount: report.queued - mails.queued });
    mails = report;
    console.log(`\nround ${round + 1}`);
    console.log(`  floor (bare Koa + 1 insert): ${fmt(floor)}`);
    console.log(`  rush (5 lines per request):  ${fmt(result)}; ratio ${(result.rps / floor.rps).toFixed(2)}`);
    console.log(
      `  server CPU per request: floor ${floor.cpuMsPerRequest.toFixed(3)} ms, rush ${result.cpuMsPerRequest.toFixed(3)} ms (main thread: floor ${floor.mainMsPerRequest.toFixed(3)} ms, rush ${result.mainMsPerRequest.toFixed(3)} ms; the rush's busiest other threads: ${result.otherThreadsMsPerRequest.map((ms) => ms.toFixed(3)).join(', ')} ms)`,
    );
    console.log(
      `  inside the server: p50 ${report.serverP50.toFixed(0)} ms, p99 ${report.serverP99.toFixed(0)} ms, max ${report.serverMax.toFixed(0)} ms; event loop blocked at most ${report.loopMaxMs.toFixed(0)} ms`,
    );
    console.log(`  accepted on ${DAYS[0]}: ${accepted} (expected exactly 300); confirmation e-mails composed after: ${results.at(-1)?.mailCount} in ${results.at(-1)?.mailMs.toFixed(0)} ms`);
    console.log(
      `  requests validated ${report.bookingThread === 'worker' ? 'on the booking worker' : "on the server's thread"}: ${report.works} in ${report.groups} transactions (${(report.works / Math.max(1, report.groups)).toFixed(1)} per COMMIT)`,
    );
  }
  const last = byDay.all(rush.unitId, JSON.stringify(DAYS));
  store.close();

  const floorRps = median(results.map((r) => r.floor.rps));
  const rushRps = median(results.map((r) => r.rush.rps));
  console.log(`\nmedians over ${rounds} rounds`);
  console.log(`  floor ${floorRps.toFixed(0)} req/s, rush ${rushRps.toFixed(0)} req/s: ratio of the medians ${(rushRps / floorRps).toFixed(2)}, median of the rounds' ratios ${median(results.map((r) => r.rush.rps / r.floor.rps)).toFixed(2)}`);
  console.log(`  rush p99 (load generator): median ${median(results.map((r) => r.rush.p99)).toFixed(0)} ms, worst ${Math.max(...results.map((r) => r.rush.p99))} ms; inside the server: median ${median(results.map((r) => r.report.serverP99)).toFixed(0)} ms, worst ${Math.max(...results.map((r) => r.report.serverP99)).toFixed(0)} ms`);
  console.log(
    `  server CPU per request: floor ${median(results.map((r) => r.floor.cpuMsPerRequest)).toFixed(3)} ms, rush ${median(results.map((r) => r.rush.cpuMsPerRequest)).toFixed(3)} ms; main thread: floor ${median(results.map((r) => r.floor.mainMsPerRequest)).toFixed(3)} ms, rush ${median(results.map((r) => r.rush.mainMsPerRequest)).toFixed(3)} ms`,
  );
  console.log(`  exactly 300 accepted in every round: ${results.every((r) => r.accepted === 300) ? 'yes' : `NO (${results.map((r) => r.accepted).join(', ')})`}`);
  console.log(`  confirmation e-mails: ${(median(results.map((r) => r.mailMs / Math.max(1, r.mailCount))) * 1000).toFixed(0)} µs each, composed after each rush`);
  console.log(`  last round, bookings per day and state: ${JSON.stringify(last)}`);

  rush.child.kill('SIGTERM');
  bare.child.kill('SIGTERM');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
