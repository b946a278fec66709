/**
 * Invoicing benchmark (issue 8): a month for the 5,000-family demo store. The demo commune plus
 * 5,000 generated families, each child booked at the cantine (and ticked present, a few ill) on
 * three weekdays (some four) of January 2027 — about 100,000 billable child-days. Measures:
 * 1. computing and issuing every invoice (batches of 200 families, one transaction each);
 * 2. rendering, storing and e-mailing every PDF.
 * Targets on the 2-core machine: invoices issued in under 10 s, PDFs at least 100 per second.
 *
 *   node --import tsx bench/invoicing.ts [families=5000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Insertable } from 'kysely';
import { systemActor } from '../shared/audit/audit';
import { addDays, isoWeekday } from '../shared/calendar/dates';
import type { Database } from '../shared/db/schema';
import { openStore } from '../shared/db/store';
import { generateFamilies } from '../shared/demo/generate';
import { seedDemo } from '../shared/demo/seed';
import { deliverInvoices, executeRun, startRun } from '../shared/invoicing/run';

const FAMILIES = Number(process.argv[2] ?? '5000');
const SEED_AT = new Date('2026-11-26T09:00:00+01:00');
const RUN_AT = new Date('2027-02-05T09:00:00+01:00');
const MONTH_DAYS: string[] = [];
for (let d = '2027-01-04'; d <= '2027-01-29'; d = addDays(d, 1)) if (isoWeekday(d) <= 5 && isoWeekday(d) !== 3) MONTH_DAYS.push(d);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-bench-invoicing-'));
const store = openStore({ file: path.join(dir, 'marelle.sqlite') });
const db = store.db;

const t = (): number => performance.now();
const seconds = (ms: number): string => (ms / 1000).toFixed(2);

try {
  let start = t();
  await seedDemo(store, SEED_AT);
  await generateFamilies(store, FAMILIES, SEED_AT);
  const service = await db.selectFrom('services').select('id').where('code', '=', 'restauration').executeTakeFirstOrThrow();
  const unit = await db.selectFrom('units').select('id').where('service_id', '=', service.id).executeTakeFirstOrThrow();
  const period = await db.selectFrom('periods').select('id').where('service_id', '=', service.id).orderBy('id').executeTakeFirstOrThrow();
  const links = await db
    .selectFrom('family_children')
    .innerJoin('families', 'families.id', 'family_children.family_id')
    .select(['family_children.family_id', 'family_children.child_id'])
    .where('families.status', '=', 'validated')
    .orderBy('family_children.child_id')
    .execute();
  const seen = new Set<number>();
  const bookings: Insertable<Database['bookings']>[] = [];
  let n = 0;
  for (const l of links) {
    if (seen.has(l.child_id)) continue;
    seen.add(l.child_id);
    n += 1;
    // Three cantine days a week (Monday, Tuesday, Friday), and Thursday too for one child in ten.
    for (const date of MONTH_DAYS) {
      if (isoWeekday(date) === 4 && n % 10 !== 0) continue;
      bookings.push({
        family_id: l.family_id,
        child_id: l.child_id,
        service_id: service.id,
        period_id: period.id,
        unit_id: unit.id,
        group_id: null,
        date,
        status: 'accepted',
        status_reason: null,
        request_id: null,
        cancel_request_id: null,
        booked_by_staff_id: null,
        created_at: '2026-12-01T10:00:00.000Z',
        updated_at: '2026-12-01T10:00:00.000Z',
      });
    }
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < bookings.length; i += 1000) await trx.insertInto('bookings').values(bookings.slice(i, i + 1000)).execute();
  });
  const ids = await db.selectFrom('bookings').select(['id', 'family_id', 'child_id', 'unit_id', 'date']).where('date', '>=', '2027-01-01').execute();
  await db.transaction().execute(async (trx) => {
    const rows: Insertable<Database['attendance']>[] = ids.map((b, i) => ({
      booking_id: b.id,
      family_id: b.family_id,
      child_id: b.child_id,
      service_id: service.id,
      unit_id: b.unit_id,
      group_id: null,
      date: b.date,
      state: i % 31 === 0 ? 'absent_justified' : 'present',
      justification: i % 31 === 0 ? 'illness' : null,
      recorded_by: null,
      recorded_at: `${b.date}T12:00:00.000Z`,
    }));
    for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('attendance').values(rows.slice(i, i + 1000)).execute();
  });
  const billable = ids.length - Math.ceil(ids.length / 31);
  console.log(`store: ${FAMILIES} generated families, ${seen.size} children, ${ids.length} booked child-days (${billable} billable) — prepared in ${seconds(t() - start)} s`);

  // 1. Compute and issue (PDFs deferred to measure them apart).
  start = t();
  const { runId } = await startRun(db, { month: '2027-01', serviceIds: [service.id] }, systemActor, RUN_AT);
  const run = await executeRun(db, runId, { now: RUN_AT, dataDir: dir, publicUrl: 'http://portail.test', skipDocuments: true });
  const issueMs = t() - start;
  console.log(`issue: ${run.invoicesIssued} invoices (${run.status}) in ${seconds(issueMs)} s — ${Math.round(run.invoicesIssued / (issueMs / 1000))} invoices/s — target < 10 s: ${issueMs < 10_000 ? 'OK' : 'MISSED'}`);

  // 2. PDFs: render, store, record and queue each e-mail (PDF attached).
  const invoices = await db.selectFrom('invoices').select('id').where('pdf_storage_key', 'is', null).orderBy('id').execute();
  start = t();
  for (let i = 0; i < invoices.length; i += 200) {
    await deliverInvoices(db, invoices.slice(i, i + 200).map((r) => r.id), { now: RUN_AT, dataDir: dir, publicUrl: 'http://portail.test' });
  }
  const pdfMs = t() - start;
  const rate = invoices.length / (pdfMs / 1000);
  console.log(`pdf: ${invoices.length} PDFs in ${seconds(pdfMs)} s — ${Math.round(rate)} PDFs/s — target ≥ 100/s: ${rate >= 100 ? 'OK' : 'MISSED'}`);
  const outbox = await db.selectFrom('email_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('subject', 'like', 'Votre facture%').executeTakeFirstOrThrow();
  console.log(`e-mails queued: ${Number(outbox.n)}`);
} finally {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
