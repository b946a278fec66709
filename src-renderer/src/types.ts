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

// ---- Family accounts (issue 3) -------------------------------------------------------------

export type FamilyStatus =
  | 'email_unverified'
  | 'profile_incomplete'
  | 'awaiting_validation'
  | 'validated'
  | 'rejected'
  | 'suspended'
  | 'archived';

export interface FamilyListItem {
  id: number;
  displayName: string;
  status: FamilyStatus;
  email: string | null;
  phone: string | null;
  children: { id: number; firstName: string; lastName: string }[];
  /** ISO 8601 UTC */
  submittedAt: string | null;
}

/** `GET /api/staff/families`, `GET /api/staff/families/queue` */
export interface FamilyList {
  items: FamilyListItem[];
}

export type Civility = 'M.' | 'Mme';

export interface Guardian {
  id: number;
  role: 'responsable' | 'conjoint';
  civility: Civility | null;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  email: string | null;
  phoneMobile: string | null;
  phoneHome: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  employer: string | null;
  profession: string | null;
  phoneWork: string | null;
}

export type GuardianInput = Omit<Guardian, 'id' | 'role'>;

export type InvoiceDelivery = 'email_pdf' | 'email_link' | 'paper';

export interface Household {
  qf: number | null;
  qfValidUntil: string | null;
  cafNumber: string | null;
  allocataireName: string | null;
  dependantsCount: number | null;
  outsideCommune: boolean;
  invoiceDelivery: InvoiceDelivery;
}

export interface ChildSummary {
  id: number;
  lastName: string;
  firstName: string;
  birthDate: string;
  school: string | null;
  classLevel: string | null;
  sharedCustody: boolean;
}

export type Diet = 'standard' | 'sans_porc' | 'vegetarien' | 'sans_gluten' | 'autre';

export interface Medical {
  allergies: string | null;
  hasPai: boolean;
  paiDetails: string | null;
  paiDocumentId: number | null;
  diet: Diet;
  dietDetails: string | null;
  doctorName: string | null;
  doctorPhone: string | null;
  vaccinationsUpToDate: boolean | null;
  vaccinationNotes: string | null;
  otherNotes: string | null;
}

export type MedicalInput = Omit<Medical, 'paiDocumentId'>;

export interface AuthorizedPerson {
  id: number;
  lastName: string;
  firstName: string;
  mobile: string;
  relationship: string;
}

export type AuthorizedPersonInput = Omit<AuthorizedPerson, 'id'>;

export interface Child extends ChildSummary {
  sex: 'F' | 'M' | null;
  imageRights: boolean;
  mayLeaveAlone: boolean;
  notes: string | null;
  medical: Medical;
  authorizedPersons: AuthorizedPerson[];
}

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

export type MandateStatus = 'pending' | 'active' | 'revoked' | 'lapsed';

export interface Mandate {
  id: number;
  rum: string;
  ibanMasked: string;
  /** Staff only: the full IBAN. */
  iban?: string;
  bic: string;
  holderName: string;
  signatureDate: string;
  status: MandateStatus;
}

export type DocumentType =
  | 'attestation_responsabilite_civile'
  | 'rib'
  | 'mandat_sepa'
  | 'justificatif_qf'
  | 'pai'
  | 'certificat_medical'
  | 'autre';

export type DocumentStatus = 'transmitted' | 'accepted' | 'refused' | 'expired';

export interface FamilyDocument {
  id: number;
  type: DocumentType;
  childId: number | null;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  status: DocumentStatus;
  refusalReason: string | null;
  schoolYear: string | null;
  validUntil: string | null;
  /** ISO 8601 UTC */
  uploadedAt: string;
}

/** `GET /api/staff/documents?status=transmitted` items. */
export interface ReviewDocument extends FamilyDocument {
  familyId: number;
  familyName: string;
}

export interface DocumentList {
  items: ReviewDocument[];
}

export interface Completeness {
  complete: boolean;
  missing: string[];
}

/** `GET /api/staff/families/:id` and every write on a family file. */
export interface FamilyFile {
  family: {
    id: number;
    status: FamilyStatus;
    statusReason: string | null;
    statusMessage: string;
    reservationsOpen: boolean;
    submittedAt: string | null;
    validatedAt: string | null;
  };
  account: { email: string | null };
  responsable: Guardian | null;
  conjoint: Guardian | null;
  household: Household;
  children: ChildSummary[];
  mandates: Mandate[];
  documents: FamilyDocument[];
  completeness: Completeness;
}

/** `POST /api/staff/families` */
export interface NewFamilyBody {
  email: string | null;
  responsable: GuardianInput;
}

/** Body of `PUT /api/staff/families/:id/household`. */
export interface HouseholdInput {
  qf: number | null;
  qfValidUntil: string | null;
  cafNumber: string | null;
  allocataireName: string | null;
  dependantsCount: number | null;
  outsideCommune: boolean;
  invoiceDelivery: InvoiceDelivery;
}

export interface AuditItem {
  /** ISO 8601 UTC */
  at: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: number | null;
  changes: Record<string, [unknown, unknown]> | null;
}

export interface AuditList {
  items: AuditItem[];
}

/** `POST /api/staff/children/:id/families` */
export interface ChildFamilies {
  families: { id: number; displayName: string }[];
}
