import path from 'node:path';
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import type BetterSqlite3 from 'better-sqlite3';
import { openRushStore } from './rushStore';
import { submitRequest } from '../shared/bookings/requests';

// `node --import tsx bench/rush-inproc.ts [parents] [concurrency]`: the rush without HTTP, to read
// the booking path's own CPU cost and statement count (stable on a busy machine, unlike
// throughput). Same store and day as bench/target.ts rush. Concurrency 1 (default): one request
// after the other; N: N callers submit at once, each its next request as soon as the previous one
// answers (as N connections would), so requests queue for the store's connection.
const parents = Number(process.argv[2] ?? '2000');
const concurrency = Math.max(1, Number(process.argv[3] ?? '1'));
const dir = fs.mkdtempSync('/tmp/marelle-inproc-');
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const { store, clock, unitId, candidates } = await openRushStore(dir, parents);

for (const pragma of (process.env.BENCH_PRAGMA ?? '').split(';').filter(Boolean)) store.sqlite.pragma(pragma);
// Count the statements the booking path runs.
let statements = 0;
const bySql = new Map<string, { n: number; ms: number }>();
const sqlite = store.sqlite as BetterSqlite3.Database & { prepare: BetterSqlite3.Database['prepare'] };
const prepare = sqlite.prepare.bind(sqlite);
sqlite.prepare = ((sql: string) => {
  const st = prepare(sql);
  for (const m of ['all', 'get', 'run', 'iterate'] as const) {
    const f = st[m].bind(st) as (...a: unknown[]) => unknown;
    (st as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
      statements++;
      const t = performance.now();
      try {
        return f(...a);
      } finally {
        const e = bySql.get(sql) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += performance.now() - t;
        bySql.set(sql, e);
      }
    };
  }
  return st;
}) as BetterSqlite3.Database['prepare'];

const DAYS = ['2027-07-07', '2027-07-08', '2027-07-09', '2027-07-12', '2027-07-13'];
const run = async (c: (typeof candidates)[number]) =>
  submitRequest(store.db, { familyId: c.familyId, accountId: c.accountId, now: clock.now(), publicUrl: 'http://localhost' }, DAYS.map((date) => ({ action: 'book' as const, childId: c.childId, date, unitId }))).catch(() => null);
const warm = Math.min(200, Math.floor(candidates.length / 4));
for (const c of candidates.slice(0, warm)) await run(c);
statements = 0;
bySql.clear();
const rest = candidates.slice(warm);
// BENCH_PROFILE=<dir>: a CPU profile of the measured requests only.
const profiler = process.env.BENCH_PROFILE ? new inspector.Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
  await profiler.post('Profiler.start');
}

const acceptedOnDay = async () =>
  Number(
    (
      await store.db
        .selectFrom('bookings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('date', '=', DAYS[0] ?? '')
        .where('unit_id', '=', unitId)
        .where('status', '=', 'accepted')
        .executeTakeFirstOrThrow()
    ).n,
  );
const accepted0 = await acceptedOnDay();
const latencies: number[] = [];
const timed = async (c: (typeof candidates)[number]) => {
  const t = performance.now();
  await run(c);
  latencies.push(performance.now() - t);
};
const cpu0 = process.cpuUsage();
const t0 = performance.now();
if (concurrency === 1) for (const c of rest) await timed(c);
else {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < rest.length) {
        const c = rest[next++];
        if (c) await timed(c);
      }
    }),
  );
}
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
if (profiler && process.env.BENCH_PROFILE) {
  const { profile } = await profiler.post('Profiler.stop');
  fs.mkdirSync(process.env.BENCH_PROFILE, { recursive: true });
  fs.writeFileSync(path.join(process.env.BENCH_PROFILE, `inproc-${process.pid}.cpuprofile`), JSON.stringify(profile));
}
latencies.sort((a, b) => a - b);
const pct = (p: number) => (latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN).toFixed(1);
console.log(
  `${rest.length} requests, ${concurrency === 1 ? 'one after the other' : `${concurrency} at a time`}: ${(wall / rest.length).toFixed(3)} ms wall (${((rest.length / wall) * 1000).toFixed(0)} req/s), ${((cpu.user + cpu.system) / 1000 / rest.length).toFixed(3)} ms CPU, ${(statements / rest.length).toFixed(1)} statements per request; latency p50 ${pct(50)} ms, p99 ${pct(99)} ms`,
);
console.log(`accepted on ${DAYS[0]}: ${await acceptedOnDay()} (${accepted0} during the warm-up; expected exactly 300 in all)`);
if (process.env.BENCH_SQL) {
  const wal = store.sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
  console.log(`WAL frames now: ${wal[0]?.log ?? '?'} (with BENCH_PRAGMA=wal_autocheckpoint=0: pages written per request ≈ frames / requests)`);
  for (const [q, e] of [...bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
    console.log(`${(e.ms / rest.length).toFixed(3)} ms/request  ${(e.n / rest.length).toFixed(1)}×  ${q.replace(/\s+/g, ' ').slice(0, 160)}`);
  }
}
await store.close();
