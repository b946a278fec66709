import type http from 'node:http';
import path from 'node:path';
import { FixedClock } from '../../shared/clock';
import { loadConfig, type Config } from '../../shared/config';
import { openStore, type Store } from '../../shared/db/store';
import { hashPassword } from '../../shared/auth/passwords';
import { createLogger } from '../../shared/logger';
import type { MailTransport } from '../../shared/mail/delivery';
import { createBackofficeApp, createDeps, createPortalApp } from '../../portal/server/app';
import type { ServerDeps } from '../../portal/server/context';
import { sourceBookingWorkerEntry } from '../../portal/server/bookingWorker';

export const PASSWORD = 'Marelle-Test-2026!';
export const NOW = '2026-11-26T09:00:00+01:00';

export interface Harness {
  store: Store;
  clock: FixedClock;
  deps: ServerDeps;
  portal: http.RequestListener;
  backoffice: http.RequestListener;
  close(): Promise<void>;
}

export interface HarnessOptions {
  config?: Partial<Config>;
  mailer?: MailTransport | null;
  /**
   * A store in this file instead of memory, with the booking worker validating the parents'
   * requests on its own connection (decision 0017), as `npm run serve` does.
   */
  fileWithBookingWorker?: string;
}

/** A fresh in-memory store with the real migrations, a fixed clock, and both Koa apps (no sockets). */
export function createHarness(options: HarnessOptions = {}): Harness {
  const file = options.fileWithBookingWorker;
  const store = openStore({ file: file ?? ':memory:' });
  const entry = file ? sourceBookingWorkerEntry() : null;
  if (file && !entry) throw new Error('bookingWorkerEntry.ts introuvable');
  const clock = new FixedClock(NOW);
  const config: Config = { ...loadConfig({ MARELLE_DATA_DIR: path.join('/tmp', `marelle-test-${process.pid}`) }), ...options.config };
  const { deps } = createDeps({
    store,
    clock,
    config,
    logger: createLogger('silent'),
    mailer: options.mailer ?? null,
    staticDirs: { portal: '/nonexistent', backoffice: '/nonexistent' },
    // Tests compose the requests' confirmations when they check them (`composeConfirmations`).
    confirmations: 'manual',
    bookingWorker: entry ? { entry } : false,
  });
  return {
    store,
    clock,
    deps,
    portal: createPortalApp(deps, '/nonexistent').callback(),
    backoffice: createBackofficeApp(deps, '/nonexistent').callback(),
    close: async () => {
      await deps.bookings.close();
      await store.close();
    },
  };
}

let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hashPassword(PASSWORD));

export async function addStaff(store: Store, email: string, role: 'admin' | 'agent' | 'animateur'): Promise<number> {
  const row = await store.db
    .insertInto('staff_users')
    .values({ email, password_hash: await passwordHash(), first_name: 'Test', last_name: role, role, created_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addFamily(
  store: Store,
  email: string,
  status: 'validated' | 'awaiting_validation' | 'email_unverified' | 'archived' = 'validated',
): Promise<{ familyId: number; accountId: number }> {
  return store.db.transaction().execute(async (trx) => {
    const family = await trx
      .insertInto('families')
      .values({ status, created_at: NOW, updated_at: NOW, status_reason: null, qf: 800, qf_valid_until: null, caf_number: null, allocataire_name: null, dependants_count: null, ical_token: null, submitted_at: null, validated_at: null, validated_by: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('guardians')
      .values({ family_id: family.id, role: 'responsable', civility: 'Mme', last_name: 'Durand', first_name: 'Alice', birth_date: null, email, phone_mobile: null, phone_home: null, address_line1: null, address_line2: null, postal_code: null, city: null, employer: null, profession: null, phone_work: null, created_at: NOW, updated_at: NOW })
      .execute();
    const account = await trx
      .insertInto('portal_accounts')
      .values({ family_id: family.id, email, password_hash: await passwordHash(), email_verified_at: NOW, created_at: NOW, last_login_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { familyId: family.id, accountId: account.id };
  });
}
