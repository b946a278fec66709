/**
 * Bulk families for load tests and large-town demos: `count` validated households with their
 * guardians, children, medical records, authorized persons and a portal account
 * `famille{n}@example.fr` (password of the demo). Deterministic for a given seed and store state;
 * batches of 500 families per transaction, multi-row inserts with ids assigned up front.
 */
import { sql, type Insertable } from 'kysely';
import { hashPassword } from '../auth/passwords';
import { addDays } from '../calendar';
import type { Database } from '../db/schema';
import type { Store } from '../db/store';
import type { Trx } from '../db/types';
import { makeFamily, rentreeYearOf } from './people';
import { mixSeed, Rng } from './random';
import { DEMO_PASSWORD } from './seed';
import { notAfter, parisInstant, parisToday } from './time';
import { inChunks, isoPlus } from './util';

export const GENERATE_BATCH_SIZE = 500;
const DEFAULT_SEED = 2026;
/** Rows per INSERT: at most 20 columns × 1,000 rows, below SQLite's 32,766 bound values. */
const ROWS_PER_INSERT = 1000;

export interface GenerateOptions {
  seed?: number;
}

export interface GenerateResult {
  families: number;
  children: number;
}

type IdTable = 'families' | 'children';

/** The next free id of an AUTOINCREMENT table (never reusing the id of a deleted row). */
async function nextId(trx: Trx, table: IdTable): Promise<number> {
  const max = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  const seq = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = ${table}`.execute(trx);
  return Math.max(Number(max?.m ?? 0), Number(seq.rows[0]?.seq ?? 0)) + 1;
}

/** The highest n of the existing `famille{n}@example.fr` accounts, 0 when none. */
async function lastGeneratedNumber(store: Store): Promise<number> {
  const rows = await store.db.selectFrom('portal_accounts').select('email').where('email', 'like', 'famille%@example.fr').execute();
  let last = 0;
  for (const { email } of rows) {
    const m = /^famille(\d+)@example\.fr$/i.exec(email);
    if (m) last = Math.max(last, Number(m[1]));
  }
  return last;
}

export async function generateFamilies(store: Store, count: number, now: Date, options: GenerateOptions = {}): Promise<GenerateResult> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Nombre de familles invalide : ${count}.`);
  if (count === 0) return { families: 0, children: 0 };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const admin = await store.db.selectFrom('staff_users').select('id').where('role', '=', 'admin').orderBy('id').limit(1).executeTakeFirst();
  const firstNumber = (await lastGeneratedNumber(store)) + 1;
  const rng = new Rng(mixSeed(options.seed ?? DEFAULT_SEED, firstNumber));
  const today = parisToday(now);
  const rentreeYear = rentreeYearOf(today);

  let children = 0;
  for (let done = 0; done < count; done += GENERATE_BATCH_SIZE) {
    const size = Math.min(GENERATE_BATCH_SIZE, count - done);
    children += await store.db.transaction().execute(async (trx) => {
      let familyId = await nextId(trx, 'families');
      let childId = await nextId(trx, 'children');
      const families: Insertable<Database['families']>[] = [];
      const accounts: Insertable<Database['portal_accounts']>[] = [];
      const guardians: Insertable<Database['guardians']>[] = [];
      const childRows: Insertable<Database['children']>[] = [];
      const links: Insertable<Database['family_children']>[] = [];
      const medical: Insertable<Database['medical_records']>[] = [];
      const authorized: Insertable<Database['authorized_persons']>[] = [];

      for (let i = 0; i < size; i += 1) {
        const n = firstNumber + done + i;
        const data = makeFamily(rng, { rentreeYear, email: () => `famille${n}@example.fr` });
        const createdAt = notAfter(now, parisInstant(addDays(today, -rng.int(20, 540)), `${rng.int(7, 22)}:${rng.int(0, 59)}`));
        const submittedAt = notAfter(now, isoPlus(createdAt, rng.int(0, 3), rng.int(10, 300)));
        const validatedAt = notAfter(now, isoPlus(submittedAt, rng.int(1, 4), rng.int(60, 480)));
        const id = familyId;
        familyId += 1;
        families.push({
          id,
          status: 'validated',
          status_reason: null,
          qf: data.qf,
          qf_valid_until: data.qf !== null ? `${rentreeYear + 1}-08-31` : null,
          caf_number: data.caf_number,
          allocataire_name: data.allocataire_name,
          dependants_count: data.dependants_count,
          outside_commune: 0,
          invoice_delivery: data.invoice_delivery,
          ical_token: null,
          submitted_at: submittedAt,
          validated_at: validatedAt,
          validated_by: admin?.id ?? null,
          created_at: createdAt,
          updated_at: validatedAt,
        });
        accounts.push({
          family_id: id,
          email: data.email,
          password_hash: passwordHash,
          email_verified_at: isoPlus(createdAt, 0, 7),
          created_at: createdAt,
          last_login_at: null,
        });
        for (const g of data.guardians) guardians.push({ family_id: id, ...g, created_at: createdAt, updated_at: createdAt });
        for (const child of data.children) {
          const cid = childId;
          childId += 1;
          const { medical: record, ...row } = child;
          childRows.push({ id: cid, ...row, created_at: createdAt, updated_at: createdAt });
          links.push({ family_id: id, child_id: cid, linked_at: createdAt });
          medical.push({ child_id: cid, ...record, pai_document_id: null, updated_at: createdAt });
          for (const p of data.authorized.slice(0, 4)) authorized.push({ child_id: cid, ...p, created_at: createdAt });
        }
      }

      const insert = async <T>(rows: T[], run: (chunk: T[]) => Promise<unknown>) => inChunks(rows, ROWS_PER_INSERT, run);
      await insert(families, (c) => trx.insertInto('families').values(c).execute());
      await insert(accounts, (c) => trx.insertInto('portal_accounts').values(c).execute());
      await insert(guardians, (c) => trx.insertInto('guardians').values(c).execute());
      await insert(childRows, (c) => trx.insertInto('children').values(c).execute());
      await insert(links, (c) => trx.insertInto('family_children').values(c).execute());
      await insert(medical, (c) => trx.insertInto('medical_records').values(c).execute());
      await insert(authorized, (c) => trx.insertInto('authorized_persons').values(c).execute());
      return childRows.length;
    });
  }
  return { families: count, children };
}
