import type { Db } from '../db/types';
import type { SessionKind, StaffRole } from '../db/tables/system.table';
import { precompiled } from '../db/precompiled';
import { hashToken, newToken } from './tokens';

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
// Touching last_seen on every request would write on every read; once a minute is enough.
const TOUCH_EVERY_MS = 60 * 1000;

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export async function createSession(
  db: Db,
  input: { kind: SessionKind; accountId?: number; staffUserId?: number; ip: string | null; userAgent: string | null },
  now: Date,
): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashToken(token),
      kind: input.kind,
      account_id: input.accountId ?? null,
      staff_user_id: input.staffUserId ?? null,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      last_seen_at: now.toISOString(),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface ParentSession {
  kind: 'parent';
  idHash: string;
  csrfToken: string;
  accountId: number;
  familyId: number;
  email: string;
}

export interface StaffSession {
  kind: 'staff';
  idHash: string;
  csrfToken: string;
  user: { id: number; email: string; firstName: string; lastName: string; role: StaffRole };
}

async function touch(db: Db, idHash: string, lastSeen: string, now: Date): Promise<void> {
  if (now.getTime() - new Date(lastSeen).getTime() < TOUCH_EVERY_MS) return;
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_IDLE_MS).toISOString() })
    .where('id_hash', '=', idHash)
    .execute();
}

// Read on every request: built once (precompiled.ts).
const parentSessionQuery = precompiled<{ idHash: string }>()((db, slot) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('portal_accounts as a', 'a.id', 's.account_id')
    .select(['s.id_hash', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'a.id as account_id', 'a.family_id', 'a.email'])
    .where('s.id_hash', '=', slot('idHash'))
    .where('s.kind', '=', 'parent'),
);

const staffSessionQuery = precompiled<{ idHash: string }>()((db, slot) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.staff_user_id')
    .select(['s.id_hash', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'u.id', 'u.email', 'u.first_name', 'u.last_name', 'u.role', 'u.active'])
    .where('s.id_hash', '=', slot('idHash'))
    .where('s.kind', '=', 'staff'),
);

export async function findParentSession(db: Db, token: string, now: Date): Promise<ParentSession | null> {
  const idHash = hashToken(token);
  const row = await parentSessionQuery.first(db, { idHash });
  if (!row || row.expires_at <= now.toISOString()) return null;
  await touch(db, idHash, row.last_seen_at, now);
  return {
    kind: 'parent',
    idHash,
    csrfToken: row.csrf_token,
    accountId: row.account_id,
    familyId: row.family_id,
    email: row.email,
  };
}

export async function findStaffSession(db: Db, token: string, now: Date): Promise<StaffSession | null> {
  const idHash = hashToken(token);
  const row = await staffSessionQuery.first(db, { idHash });
  if (!row || row.expires_at <= now.toISOString() || row.active !== 1) return null;
  await touch(db, idHash, row.last_seen_at, now);
  return {
    kind: 'staff',
    idHash,
    csrfToken: row.csrf_token,
    user: { id: row.id, email: row.email, firstName: row.first_name, lastName: row.last_name, role: row.role },
  };
}

export async function destroySession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
