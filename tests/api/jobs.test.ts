import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { openStore, type Store } from '../../shared/db/store';
import { createLogger } from '../../shared/logger';
import { createDeps } from '../../portal/server/app';
import { startJobs } from '../../portal/server/jobs';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = fs.mkdtempSync('/tmp/marelle-jobs-');
  store = openStore({ file: path.join(dir, 'marelle.sqlite') });
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function deps(clock: FixedClock) {
  return createDeps({
    store,
    clock,
    config: loadConfig({ MARELLE_DATA_DIR: dir }),
    logger: createLogger('silent'),
    mailer: null,
    staticDirs: { portal: dir, backoffice: dir },
  }).deps;
}

describe('daily jobs', () => {
  it('run at start (a PC switched off overnight still gets its backup), once a day, and record their result', async () => {
    const clock = new FixedClock('2026-11-26T07:30:00+01:00');
    const now = clock.now().toISOString();
    // An accepted insurance certificate valid until yesterday, and an expired session.
    const family = await store.db
      .insertInto('families')
      .values({ status: 'validated', created_at: now, updated_at: now, status_reason: null, qf: null, qf_valid_until: null, caf_number: null, allocataire_name: null, dependants_count: null, ical_token: null, submitted_at: null, validated_at: null, validated_by: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db
      .insertInto('documents')
      .values({ family_id: family.id, child_id: null, type: 'attestation_responsabilite_civile', file_name: 'a.pdf', mime_type: 'application/pdf', size_bytes: 10, storage_key: 'k1', sha256: 'x', status: 'accepted', refusal_reason: null, school_year: '2025-2026', valid_until: '2026-11-25', uploaded_by_account_id: null, uploaded_by_staff_id: null, uploaded_at: now, reviewed_by: null, reviewed_at: null })
      .execute();

    const jobs = startJobs(deps(clock), { dailyCheckMs: 3_600_000 });
    await jobs.stop();

    const runs = await store.db.selectFrom('scheduled_jobs').selectAll().orderBy('name').execute();
    expect(runs.map((r) => [r.name, r.last_status])).toEqual([
      ['daily-backup', 'ok'],
      ['expire-documents', 'ok'],
      ['invoice-reminders', 'ok'],
      ['payments', 'ok'],
      ['purge-sessions', 'ok'],
      ['refuse-expired-requests', 'ok'],
    ]);
    expect(fs.readdirSync(path.join(dir, 'backups'))).toEqual(['marelle-20261126-063000.sqlite']);
    expect((await store.db.selectFrom('documents').select('status').executeTakeFirstOrThrow()).status).toBe('expired');

    // Started again the same day: no second backup.
    const again = startJobs(deps(clock));
    await again.stop();
    expect(fs.readdirSync(path.join(dir, 'backups'))).toHaveLength(1);
  });
});
