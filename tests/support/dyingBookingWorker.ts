import { parentPort } from 'node:worker_threads';

/* A booking worker that says it is ready, then dies on the first request it receives (tests of decision 0017's fallback). */
parentPort?.on('message', (message: { kind: string }) => {
  if (message.kind === 'submit') process.exit(3);
});
parentPort?.postMessage({ kind: 'ready' });
