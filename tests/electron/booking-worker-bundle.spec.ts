/**
 * The desktop app's booking worker (decision 0017) as built: out/main/bookingWorker.js starts on
 * its thread and validates requests. Without this check a broken bundle would go unnoticed, the
 * server quietly validating requests on its own thread. Runs under Node (no Electron binary needed);
 * needs a built app (`npm run build`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { bookingWriter } from '../../portal/server/bookingWorker';
import { openStore } from '../../shared/db/store';
import { createLogger } from '../../shared/logger';

const entry = path.resolve(import.meta.dirname, '..', '..', 'out', 'main', 'bookingWorker.js');

test('the bundled booking worker starts and answers', async () => {
  expect(fs.existsSync(entry), `${entry} is missing: run "npm run build" first.`).toBe(true);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-bundle-'));
  const store = openStore({ file: path.join(dir, 'marelle.sqlite') });
  const writer = bookingWriter(store, createLogger('silent'), { worker: { entry } });
  try {
    await writer.started();
    expect(writer.mode()).toBe('worker');
    // A child of no family: refused by the worker's rules, with the API's French message.
    const refused = writer.submit({ familyId: 1, accountId: 1, now: new Date('2026-11-26T09:00:00+01:00'), publicUrl: 'http://localhost' }, [
      { action: 'book', childId: 999, date: '2026-12-07', unitId: 1 },
    ]);
    await expect(refused).rejects.toMatchObject({ status: 400 });
    expect(writer.mode()).toBe('worker');
  } finally {
    await writer.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
