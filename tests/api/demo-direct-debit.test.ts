import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../shared/audit/audit';
import { executeRun, startRun } from '../../shared/invoicing';
import { createDebitRun, sepaFilePath } from '../../shared/sepa/debitRuns';
import { demoHarness, type Demo } from '../support/bookings';
import { xsdErrors, xsdSkipReason } from './payments-support';

/*
 * The demo commune collects by direct debit too: invoicing October 2026 issues the invoices of the
 * families with a mandate « en prélèvement », and a debit run at the invoices' due date builds a pain.008
 * file the bank would accept (valid against the ISO 20022 schema).
 */
let d: Demo;
let dataDir: string;
beforeEach(async () => {
  d = await demoHarness();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-demo-sepa-'));
});
afterEach(async () => {
  await d.h.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo’s direct debits', () => {
  it('invoices families with a mandate en prélèvement, and collects them in a valid pain.008 file', async () => {
    const db = d.h.store.db;
    const now = d.h.clock.now();
    const mandates = await db.selectFrom('sepa_mandates').select(['family_id', 'rum']).where('status', '=', 'active').execute();
    expect(mandates.length).toBe(4);
    expect(mandates.map((m) => m.family_id)).not.toContain(d.lefevre);

    const { runId } = await startRun(db, { month: '2026-10', serviceIds: [d.service('restauration')] }, systemActor, now);
    const run = await executeRun(db, runId, { now, dataDir, publicUrl: 'http://portail.test' });
    expect(run.status).toBe('completed');
    const invoices = await db.selectFrom('invoices').select(['family_id', 'status', 'number']).where('month', '=', '2026-10').execute();
    const debited = invoices.filter((i) => i.status === 'direct_debit');
    expect(debited.length).toBeGreaterThan(0);
    for (const i of debited) expect(mandates.map((m) => m.family_id)).toContain(i.family_id);
    expect(invoices.find((i) => i.family_id === d.lefevre)?.status).toBe('unpaid');

    const debit = await createDebitRun(db, systemActor, { dueDate: '2026-12-28', dataDir, publicUrl: 'http://portail.test' }, now);
    expect(debit.transactionsCount).toBe(debited.length);
    expect(debit.skipped).toEqual([]);
    const key = (await db.selectFrom('sepa_debit_runs').select('file_storage_key').where('id', '=', debit.runId).executeTakeFirstOrThrow()).file_storage_key;
    const xml = fs.readFileSync(sepaFilePath(dataDir, key ?? ''), 'utf8');
    expect(xml).toContain('<SeqTp>FRST</SeqTp>');
    if (xsdSkipReason) console.warn(`pain.008 schema check skipped: ${xsdSkipReason}`);
    else expect(xsdErrors(xml)).toBeNull();
  });
});
