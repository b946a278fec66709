import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../shared/db/store';
import { seedDemo } from '../../shared/demo/seed';
import { NOW } from '../support/harness';

// A run killed in the middle of a batch: the batch's transaction is lost whole, the numbering has
// no gap, and running the month again finishes it.
const RUN_AT = '2027-02-05T09:00:00+01:00';
let dir: string;
let file: string;

function child(mode: 'crash' | 'finish'): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'tests/api/invoicing-crash-child.ts', file, path.join(dir, 'data'), mode, RUN_AT], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (mode === 'crash' && out.includes('mid-batch')) p.kill('SIGKILL');
    });
    p.on('error', reject);
    p.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore({ file });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-invoicing-crash-'));
  file = path.join(dir, 'marelle.sqlite');
  await withStore(async (store) => {
    await seedDemo(store, new Date(NOW));
    const db = store.db;
    const service = await db.selectFrom('services').select('id').where('code', '=', 'restauration').executeTakeFirstOrThrow();
    const unit = await db.selectFrom('units').select('id').where('service_id', '=', service.id).executeTakeFirstOrThrow();
    const period = await db.selectFrom('periods').select('id').where('service_id', '=', service.id).executeTakeFirstOrThrow();
    const links = await db.selectFrom('family_children').innerJoin('families', 'families.id', 'family_children.family_id').select(['family_id', 'child_id']).where('families.status', '=', 'validated').execute();
    const seen = new Set<number>();
    for (const l of links) {
      if (seen.has(l.child_id)) continue;
      seen.add(l.child_id);
      for (const date of ['2027-01-04', '2027-01-05', '2027-01-07']) {
        await db
          .insertInto('bookings')
          .values({ family_id: l.family_id, child_id: l.child_id, service_id: service.id, period_id: period.id, unit_id: unit.id, group_id: null, date, status: 'accepted', status_reason: null, request_id: null, cancel_request_id: null, booked_by_staff_id: null, created_at: '2026-12-01T10:00:00.000Z', updated_at: '2026-12-01T10:00:00.000Z' })
          .execute();
      }
    }
  });
}, 60_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a run killed in the middle', () => {
  it('leaves no half-issued invoice and no gap; running the month again finishes it', async () => {
    const families = await withStore(async (s) => (await s.db.selectFrom('bookings').select('family_id').distinct().where('date', '>=', '2027-01-01').where('date', '<=', '2027-01-31').execute()).length);
    expect(families).toBeGreaterThan(6);

    const crashed = await child('crash');
    expect(crashed.signal).toBe('SIGKILL');

    await withStore(async ({ db }) => {
      const invoices = await db.selectFrom('invoices').select(['number', 'sequence', 'pdf_storage_key']).orderBy('sequence').execute();
      // Batch 1 (3 families) committed with its PDFs; batch 2 was rolled back whole.
      expect(invoices.map((i) => i.number)).toEqual(['2027-000001', '2027-000002', '2027-000003']);
      expect(invoices.every((i) => i.pdf_storage_key !== null)).toBe(true);
      expect(await db.selectFrom('invoice_sequences').selectAll().execute()).toEqual([{ year: 2027, last_number: 3 }]);
      const orphanLines = await db.selectFrom('invoice_lines').select('id').where('invoice_id', 'not in', db.selectFrom('invoices').select('id')).execute();
      expect(orphanLines).toEqual([]);
      const run = await db.selectFrom('invoicing_runs').selectAll().executeTakeFirstOrThrow();
      expect(run).toMatchObject({ status: 'running', families_done: 3 });
    });

    const finished = await child('finish');
    expect(finished.code).toBe(0);
    expect(JSON.parse(finished.out.trim().split('\n').pop() ?? '{}')).toMatchObject({ status: 'completed', invoicesIssued: families, familiesDone: families });

    await withStore(async ({ db }) => {
      const invoices = await db.selectFrom('invoices').select(['sequence', 'family_id', 'pdf_storage_key', 'emailed_at']).orderBy('sequence').execute();
      expect(invoices.map((i) => i.sequence)).toEqual(Array.from({ length: families }, (_, i) => i + 1));
      expect(new Set(invoices.map((i) => i.family_id)).size).toBe(families);
      expect(invoices.every((i) => i.pdf_storage_key !== null)).toBe(true);
      expect(await db.selectFrom('invoice_sequences').selectAll().execute()).toEqual([{ year: 2027, last_number: families }]);
      const items = await db.selectFrom('invoice_line_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const booked = await db.selectFrom('bookings').select((eb) => eb.fn.countAll<number>().as('n')).where('date', '>=', '2027-01-01').where('date', '<=', '2027-01-31').executeTakeFirstOrThrow();
      expect(Number(items.n)).toBe(Number(booked.n));
    });
  }, 60_000);
});
