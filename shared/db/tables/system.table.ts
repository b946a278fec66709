import type { Generated } from 'kysely';
import type { Bool, Id, IsoInstant } from './common';

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: IsoInstant;
}

export type StaffRole = 'admin' | 'agent' | 'animateur';

export interface StaffUsersTable {
  id: Id;
  email: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  role: StaffRole;
  active: Generated<Bool>;
  created_at: IsoInstant;
  last_login_at: IsoInstant | null;
}

export type SessionKind = 'parent' | 'staff';

export interface SessionsTable {
  id_hash: string;
  kind: SessionKind;
  account_id: number | null;
  staff_user_id: number | null;
  csrf_token: string;
  created_at: IsoInstant;
  expires_at: IsoInstant;
  last_seen_at: IsoInstant;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: IsoInstant;
  locked_until: IsoInstant | null;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface EmailOutboxTable {
  id: Id;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON: [{ filename, storageKey, contentType }] */
  attachments: string | null;
  status: OutboxStatus;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: IsoInstant;
  family_id: number | null;
  created_at: IsoInstant;
  sent_at: IsoInstant | null;
}

export type ActorType = 'parent' | 'staff' | 'system';

export interface AuditLogTable {
  id: Id;
  at: IsoInstant;
  actor_type: ActorType;
  actor_id: number | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: number | null;
  family_id: number | null;
  /** JSON: { field: [before, after] } */
  changes: string | null;
  ip: string | null;
}

export interface ScheduledJobsTable {
  name: string;
  last_run_at: IsoInstant | null;
  last_status: 'ok' | 'failed' | null;
  last_result: string | null;
  next_run_at: IsoInstant | null;
}

export interface SchemaMigrationsTable {
  id: string;
  applied_at: IsoInstant;
}
