// A small closed-loop load generator: `concurrency` virtual clients each send their next request
// as soon as the previous one answered, until every request has been sent. Latency per request.

export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  count: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
  bodies: unknown[];
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export async function runLoad(requests: LoadRequest[], concurrency: number, keepBodies = false): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const bodies: unknown[] = [];
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < requests.length) {
      const req = requests[next++];
      if (!req) break;
      const t0 = performance.now();
      const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body });
      const text = await res.text();
      latencies.push(performance.now() - t0);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (keepBodies) bodies.push(text ? JSON.parse(text) : null);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    count: requests.length,
    seconds,
    rps: requests.length / seconds,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
    statuses,
    bodies,
  };
}
