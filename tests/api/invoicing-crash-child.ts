/**
 * Child process of the invoicing crash test (tests/api/invoicing-crash.test.ts): runs January 2027
 * on a store file in batches of 3 and, in `crash` mode, stops dead inside the second batch's
 * transaction (its invoices, lines and items written, not committed) so that the test can kill it there.
 */
import { systemActor } from '../../shared/audit/audit';
import { openStore } from '../../shared/db/store';
import { executeRun, startRun } from '../../shared/invoicing/run';

const [file, dataDir, mode, nowIso] = process.argv.slice(2);
if (!file || !dataDir || !mode || !nowIso) throw new Error('usage: invoicing-crash-child <db> <dataDir> <crash|finish> <now>');
const store = openStore({ file });
const now = new Date(nowIso);
const services = await store.db.selectFrom('services').select('id').where('code', '=', 'restauration').execute();
const { runId } = await startRun(store.db, { month: '2027-01', serviceIds: services.map((s) => s.id) }, systemActor, now);
const run = await executeRun(store.db, runId, {
  now,
  dataDir,
  publicUrl: 'http://portail.test',
  batchSize: 3,
  afterWrite: (batch) => {
    if (mode === 'crash' && batch === 1) {
      process.stdout.write('mid-batch\n');
      // Block the process inside the open transaction until the test kills it.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    }
  },
});
process.stdout.write(`${JSON.stringify(run)}\n`);
await store.close();
