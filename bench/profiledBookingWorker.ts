import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

/*
 * The booking worker under a CPU profiler (BENCH_PROFILE=<dir> with bench/rush.ts): a worker
 * thread receives no signal, so it profiles from its BENCH_PROFILE_SKIP-th request (default 2,000:
 * the warm-up's) for BENCH_PROFILE_REQUESTS requests (default 10,000: the 5 rounds), then writes
 * <dir>/booking-worker-<pid>.cpuprofile.
 */
const dir = process.env.BENCH_PROFILE ?? '';
const skip = Number(process.env.BENCH_PROFILE_SKIP ?? '2000');
const requests = Number(process.env.BENCH_PROFILE_REQUESTS ?? '10000');
const session = new inspector.Session();
let seen = 0;

parentPort?.on('message', (message: { kind: string }) => {
  if (message.kind !== 'submit' || !dir) return;
  seen++;
  if (seen === skip + 1) {
    session.connect();
    void session
      .post('Profiler.enable')
      .then(() => session.post('Profiler.setSamplingInterval', { interval: 200 }))
      .then(() => session.post('Profiler.start'));
  }
  if (seen === skip + requests) {
    void session.post('Profiler.stop').then(({ profile }) => {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `booking-worker-${process.pid}.cpuprofile`), JSON.stringify(profile));
    });
  }
});

await import('../portal/server/bookingWorkerEntry');
