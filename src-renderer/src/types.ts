/** Response and request bodies of the staff API (docs/API.md). */

export type StaffRole = 'admin' | 'agent' | 'animateur';

export interface StaffUser {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  role: StaffRole;
}

/** `POST /api/staff/auth/login` and `GET /api/staff/me`. */
export interface StaffSession {
  user: StaffUser;
  csrfToken: string;
}

export interface LoginBody {
  email: string;
  password: string;
}

export interface PortalMaintenance {
  enabled: boolean;
  message: string | null;
}

/** `GET /api/staff/portal`, `PUT /api/staff/portal/maintenance`. */
export interface PortalStatus {
  published: boolean;
  url: string;
  maintenance: PortalMaintenance;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxItem {
  id: number;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  /** ISO 8601 UTC */
  createdAt: string;
  /** ISO 8601 UTC */
  sentAt: string | null;
  lastError: string | null;
}

/** `GET /api/staff/outbox` */
export interface OutboxList {
  items: OutboxItem[];
}

/** `GET /api/staff/outbox/:id` */
export interface OutboxMessage extends OutboxItem {
  textBody: string;
}

export interface Backup {
  file: string;
  /** ISO 8601 UTC */
  createdAt: string;
  sizeBytes: number;
}

/** `GET /api/staff/backups` */
export interface BackupList {
  items: Backup[];
}

/** `GET /api/staff/dashboard` */
export interface DashboardCounts {
  familiesAwaitingValidation: number;
  familiesValidated: number;
  children: number;
  pendingBookings: number;
  outboxPending: number;
}

/** Every error body: `{ error, message }` (+ `issues` for `validation`). */
export interface ApiErrorBody {
  error: string;
  message: string;
  issues?: ValidationIssue[];
}

export interface ValidationIssue {
  path: string | (string | number)[];
  message: string;
}
