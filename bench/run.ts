import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import readline from 'node:readline';
import autocannon from 'autocannon';

// `npm run bench`: HTTP figures of the running server on loopback, each scenario measured in
// interleaved rounds and reported as medians, with the bare-Koa floor measured in the same run.

interface Target {
  port: number;
  backofficePort?: number;
  child: ChildProcess;
}

function startTarget(args: string[]): Promise<Target> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/target.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    if (!child.stdout) throw new Error('no stdout');
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve({ ...(JSON.parse(line) as { port: number; backofficePort?: number }), child }));
    child.once('exit', (code) => reject(new Error(`bench target exited with ${code}`)));
  });
}

interface Figures {
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
}

async function measure(opts: autocannon.Options): Promise<Figures> {
  const r = await autocannon({ duration: 4, connections: 20, ...opts });
  const non2xx = r.non2xx ?? 0;
  return { rps: r.requests.average, p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, errors: r.errors + non2xx };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

async function login(port: number, path = '/api/auth/login', email = 'famille@demo.fr'): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Marelle-Demo-2026' }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

interface Catalog {
  children: { id: number; firstName: string }[];
  services: { id: number; code: string; periods: { id: number; kind: string; bookingsOpen: boolean }[]; units: { id: number; code: string; kind: string }[] }[];
}
interface Planning {
  days: { date: string; open: boolean; bookings: { unitId: number; status: string }[] }[];
}

/** A whole school year of cantine (every open day left) for one child, in one request: server time. */
async function cantineYear(port: number, cookie: string): Promise<void> {
  const csrf = /marelle_csrf=([^;]+)/.exec(cookie)?.[1] ?? '';
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf };
  const base = `http://127.0.0.1:${port}/api/family`;
  const catalog = (await (await fetch(`${base}/booking/catalog`, { headers })).json()) as Catalog;
  const resto = catalog.services.find((s) => s.code === 'restauration');
  const period = resto?.periods.find((p) => p.kind === 'school_year');
  const unit = resto?.units.find((u) => u.kind === 'accueil');
  if (!resto || !period || !unit) throw new Error('no cantine period in the demo catalog');
  const timings: { lines: number; preview: number; submit: number }[] = [];
  for (const child of catalog.children) {
    const planning = (await (await fetch(`${base}/booking/planning?childId=${child.id}&periodId=${period.id}`, { headers })).json()) as Planning;
    const dates = planning.days.filter((d) => d.open && !d.bookings.some((b) => b.unitId === unit.id && b.status !== 'refused' && b.status !== 'cancelled'));
    const body = JSON.stringify({ lines: dates.map((d) => ({ action: 'book', childId: child.id, date: d.date, unitId: unit.id })) });
    let t = performance.now();
    await (await fetch(`${base}/requests/preview`, { method: 'POST', headers, body })).text();
    const preview = performance.now() - t;
    t = performance.now();
    const res = await fetch(`${base}/requests`, { method: 'POST', headers, body });
    await res.text();
    timings.push({ lines: dates.length, preview, submit: performance.now() - t });
    if (res.status !== 201) console.log(`cantine request for ${child.firstName} answered ${res.status}`);
  }
  for (const t of timings) {
    console.log(`cantine for a whole school year, ${t.lines} lines in one request: preview ${t.preview.toFixed(1)} ms, submit ${t.submit.toFixed(1)} ms (client-measured, loopback)`);
  }
}

async function main(): Promise<void> {
  const families = Number(process.env.BENCH_FAMILIES ?? '5000');
  const rounds = Number(process.env.BENCH_ROUNDS ?? '3');
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}; store: demo + ${families} families; ${rounds} rounds of 4 s, 20 connections`);
  const t0 = performance.now();
  const marelle = await startTarget(['marelle', String(families)]);
  console.log(`Store seeded and server started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const bare = await startTarget(['bare']);
  const cookie = await login(marelle.port);
  const staffCookie = await login(marelle.backofficePort ?? 0, '/api/staff/auth/login', 'agent@mairie.demo');
  // What an agent types, letter by letter, looking for a family among 5,000.
  const typed = ['m', 'ma', 'mar', 'mart', 'martin', 'lef', 'lefev', '06 39', 'famille12'];

  const scenarios: Record<string, () => Promise<Figures>> = {
    'bare Koa + 1 SQLite insert (floor)': () => measure({ url: `http://127.0.0.1:${bare.port}/`, method: 'POST' }),
    'GET /healthz': () => measure({ url: `http://127.0.0.1:${marelle.port}/healthz` }),
    'GET /api/public/portal (home page data)': () => measure({ url: `http://127.0.0.1:${marelle.port}/api/public/portal` }),
    'GET /api/me (parent session)': () => measure({ url: `http://127.0.0.1:${marelle.port}/api/me`, headers: { cookie } }),
    'GET /api/family (whole family file)': () => measure({ url: `http://127.0.0.1:${marelle.port}/api/family`, headers: { cookie } }),
    'GET /api/staff/families?q=… (search as you type)': () =>
      measure({
        url: `http://127.0.0.1:${marelle.backofficePort}/`,
        headers: { cookie: staffCookie },
        requests: typed.map((q) => ({ method: 'GET', path: `/api/staff/families?q=${encodeURIComponent(q)}` })),
      }),
  };
  const results = new Map<string, Figures[]>();
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(scenarios)) {
      const f = await run();
      results.set(name, [...(results.get(name) ?? []), f]);
    }
  }
  // Password hashing dominates logins: measured apart, with as many connections as cores.
  const logins = await measure({
    url: `http://127.0.0.1:${marelle.port}/api/auth/login`,
    method: 'POST',
    connections: 2,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'famille@demo.fr', password: 'Marelle-Demo-2026' }),
  });

  const floor = median((results.get('bare Koa + 1 SQLite insert (floor)') ?? []).map((f) => f.rps));
  console.log('\n| scenario | req/s (median) | p50 ms | p97.5 ms | p99 ms | errors | vs floor |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, fs] of results) {
    const rps = median(fs.map((f) => f.rps));
    console.log(
      `| ${name} | ${rps.toFixed(0)} | ${median(fs.map((f) => f.p50))} | ${median(fs.map((f) => f.p97_5))} | ${median(fs.map((f) => f.p99))} | ${fs.reduce((a, f) => a + f.errors, 0)} | ${(rps / floor).toFixed(2)} |`,
    );
  }
  console.log(`| POST /api/auth/login (argon2id, 2 connections) | ${logins.rps.toFixed(0)} | ${logins.p50} | ${logins.p97_5} | ${logins.p99} | ${logins.errors} | — |`);

  await cantineYear(marelle.port, cookie);

  marelle.child.kill('SIGTERM');
  bare.child.kill('SIGTERM');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
