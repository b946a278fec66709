// The booking worker's bootstrap when the server runs from its TypeScript sources (`npm run
// serve`, tests, benches): tsx's loader registered in the worker's thread, then the entry.
import { workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
await import(pathToFileURL(workerData.entry).href);
