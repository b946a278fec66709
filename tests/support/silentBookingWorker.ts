import { parentPort } from 'node:worker_threads';

/* A booking worker that never says it is ready (tests of decision 0017's start timeout). */
parentPort?.on('message', () => undefined);
