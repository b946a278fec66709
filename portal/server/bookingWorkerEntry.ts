import { parentPort, workerData } from 'node:worker_threads';
import { submitRequest } from '../../shared/bookings/requests';
import { groupCommitterOf } from '../../shared/db/groupCommit';
import { openStore } from '../../shared/db/store';
import type { BookingWorkerData, FromWorker, ToWorker } from './bookingWorkerProtocol';
import { serializeError } from './bookingWorkerProtocol';

/*
 * The booking worker's thread (decision 0017): its own connection to the store's file, on which
 * it validates the parents' requests (`submitRequest`, with the store's group commit) while the
 * server's event loop goes on with HTTP. The server's thread migrated the file before starting it.
 */
const data = workerData as BookingWorkerData;
const port = parentPort;
if (!port) throw new Error('bookingWorkerEntry runs in a worker thread only.');

const store = openStore({
  file: data.file,
  migrate: false,
  // The server's connection checkpoints (its worker, decision 0014): none in this one's COMMITs.
  checkpointer: false,
  walAutocheckpoint: data.walAutocheckpoint,
  ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
});

const post = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'submit':
      submitRequest(store.db, message.context, message.lines).then(
        (value) => post({ kind: 'result', id: message.id, ok: true, json: JSON.stringify(value) }),
        (error: unknown) => post({ kind: 'result', id: message.id, ok: false, error: serializeError(error) }),
      );
      return;
    case 'autocheckpoint':
      store.sqlite.pragma(`wal_autocheckpoint = ${Math.max(0, Math.trunc(message.pages))}`);
      return;
    case 'stats': {
      const committer = groupCommitterOf(store.db);
      post({ kind: 'stats', id: message.id, groups: committer?.stats.groups ?? 0, works: committer?.stats.works ?? 0 });
      return;
    }
    case 'close':
      void store.close().finally(() => port.close());
      return;
  }
});

post({ kind: 'ready' });
