/**
 * Response and request bodies of the staff API (docs/API.md).
 *
 * Where the server already declares the JSON it sends (presenters and services in `shared/`),
 * the type is re-exported from there, so the two cannot drift apart. Type-only imports: nothing
 * from `shared/` reaches the renderer bundle. What stays declared here is either built inline by
 * a route (no server type to point at) or deliberately differs (see the note on each).
 */
import type { StaffSession as ServerStaffSession } from '../../shared/auth/sessions';
import type { LoginInput } from '../../shared/schemas/auth';
import type { Maintenance } from '../../shared/settings/definitions';
import type { OutboxItem } from '../../shared/mail/outbox';
import type { BackupInfo } from '../../shared/db/backup';
import type { FamilyListItem } from '../../shared/validation/search';
import type {
  AuthorizedPersonDto,
  ChildDto,
  ChildSummaryDto,
  DocumentDto,
  GuardianDto,
  HouseholdDto,
  MandateDto,
  MedicalDto,
} from '../../shared/families/presenters';
import type { FamilyFile } from '../../shared/families/file';
import type { ReviewItem } from '../../shared/documents/service';
import type { AuditItem } from '../../shared/validation/audit';
import type { LinkedFamily } from '../../shared/validation/custody';

export type { StaffRole, OutboxStatus } from '../../shared/db/tables/system.table';
export type { FamilyStatus, DocumentType } from '../../shared/db/tables/families.table';
export type { DocumentStatus } from '../../shared/documents/rules';
export type { Completeness } from '../../shared/families/completeness';
export type { AuthorizedPersonInput } from '../../shared/schemas/family';
export type { OutboxItem, FamilyListItem, FamilyFile, AuditItem };

/** The `user` of a staff session, as `POST /api/staff/auth/login` and `GET /api/staff/me` send it. */
export type StaffUser = ServerStaffSession['user'];

/**
 * `POST /api/staff/auth/login` and `GET /api/staff/me`. Kept here: the route builds `{ user, csrfToken }`
 * inline; the server's `StaffSession` is the whole session (with `idHash`), never sent.
 */
export interface StaffSession {
  user: StaffUser;
  csrfToken: string;
}

export type LoginBody = LoginInput;

export type PortalMaintenance = Maintenance;

/** `GET /api/staff/portal`, `PUT /api/staff/portal/maintenance`. Kept here: built inline by the route. */
export interface PortalStatus {
  published: boolean;
  url: string;
  maintenance: PortalMaintenance;
}

/** `GET /api/staff/outbox` (kept here: the route wraps `listOutbox()` inline). */
export interface OutboxList {
  items: OutboxItem[];
}

/** `GET /api/staff/outbox/:id` (kept here: the route maps the row inline). */
export interface OutboxMessage extends OutboxItem {
  textBody: string;
}

export type Backup = BackupInfo;

/** `GET /api/staff/backups` (kept here: the route wraps `listBackups()` inline). */
export interface BackupList {
  items: Backup[];
}

/** `GET /api/staff/dashboard` (kept here: the route counts inline). */
export interface DashboardCounts {
  familiesAwaitingValidation: number;
  familiesValidated: number;
  children: number;
  pendingBookings: number;
  outboxPending: number;
}

/**
 * Every error body: `{ error, message }` (+ `issues` for `validation`). Kept here, wider than the
 * server's (`ErrorCode`, `IssueDetail`): it types a body read defensively, and `ValidationIssue`
 * also carries zod's own array paths for client-side checks.
 */
export interface ApiErrorBody {
  error: string;
  message: string;
  issues?: ValidationIssue[];
}

export interface ValidationIssue {
  path: string | (string | number)[];
  message: string;
}

// ---- Family accounts (issue 3) -------------------------------------------------------------

/** `GET /api/staff/families`, `GET /api/staff/families/queue` (kept here: the routes wrap the list inline). */
export interface FamilyList {
  items: FamilyListItem[];
}

export type Civility = NonNullable<GuardianDto['civility']>;

export type Guardian = GuardianDto;

/**
 * Body of `PUT …/profile` and `PUT …/conjoint`. Kept here: the server's `GuardianInput` is the
 * parsed schema output (every field optional, absent = unchanged); the back-office sends them all.
 */
export type GuardianInput = Omit<Guardian, 'id' | 'role'>;

export type InvoiceDelivery = HouseholdDto['invoiceDelivery'];

export type Household = HouseholdDto;

export type ChildSummary = ChildSummaryDto;

export type Diet = MedicalDto['diet'];

export type Medical = MedicalDto;

/** Body of `PUT …/children/:id/medical`. Kept here: the server's `MedicalInput` has every field optional. */
export type MedicalInput = Omit<Medical, 'paiDocumentId'>;

export type AuthorizedPerson = AuthorizedPersonDto;

export type Child = ChildDto;

/** Body of `POST/PUT …/children`. Kept here: the server's `ChildInput` has the optional fields optional. */
export interface ChildInput {
  lastName: string;
  firstName: string;
  birthDate: string;
  sex: 'F' | 'M' | null;
  school: string | null;
  classLevel: string | null;
  imageRights: boolean;
  mayLeaveAlone: boolean;
  notes: string | null;
}

export type MandateStatus = MandateDto['status'];

/** A mandate of the family file (`iban` in full for staff), or `POST …/mandates/:id/activate`. */
export type Mandate = FamilyFile['mandates'][number];

export type FamilyDocument = DocumentDto;

/** `GET /api/staff/documents?status=transmitted` items. */
export type ReviewDocument = ReviewItem;

/** `GET /api/staff/documents` (kept here: the route wraps the list inline). */
export interface DocumentList {
  items: ReviewDocument[];
}

/**
 * `POST /api/staff/families`. Kept here: the server's `DeskFamilyInput` is the parsed output
 * (optional `email`, optional guardian fields); the back-office sends them all.
 */
export interface NewFamilyBody {
  email: string | null;
  responsable: GuardianInput;
}

/**
 * Body of `PUT /api/staff/families/:id/household`. Kept here: the server's `HouseholdInput` has
 * every field optional (absent = unchanged); the back-office sends the whole household.
 */
export interface HouseholdInput {
  qf: number | null;
  qfValidUntil: string | null;
  cafNumber: string | null;
  allocataireName: string | null;
  dependantsCount: number | null;
  outsideCommune: boolean;
  invoiceDelivery: InvoiceDelivery;
}

/** `GET /api/staff/families/:id/audit` (kept here: the route wraps `familyAudit()` inline). */
export interface AuditList {
  items: AuditItem[];
}

/** `POST /api/staff/children/:id/families` (kept here: the route wraps `linkChildToFamily()` inline). */
export interface ChildFamilies {
  families: LinkedFamily[];
}
