// Response shapes of the portal listener (docs/API.md). Dates `YYYY-MM-DD`, timestamps ISO 8601 UTC.

export type Id = number;

/** Error body of every 4xx/5xx answer. */
export type ApiErrorCode =
  | 'validation'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'csrf'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'maintenance'
  | 'internal';

export interface ValidationIssue {
  path: string | Array<string | number>;
  message: string;
}

export interface ApiErrorBody {
  error: string;
  message: string;
  issues?: ValidationIssue[];
  /** `incomplete` (POST /api/family/submit): what the file still lacks. */
  missing?: string[];
}

// --- Public (no login) ---

export interface Commune {
  name: string;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
}

export interface Maintenance {
  enabled: boolean;
  message: string | null;
}

export interface ServiceContact {
  email: string | null;
  phone: string | null;
  url: string | null;
}

export interface PublicService {
  id: Id;
  code: string;
  name: string;
  description: string | null;
  contact: ServiceContact;
}

export interface ServiceRef {
  id: Id;
  name: string;
}

/** A file attached to a news item or an info page; `url` downloads it (same origin). */
export interface Attachment {
  id: Id;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  url: string;
}

export interface NewsItem {
  id: Id;
  title: string;
  /** "Mise en forme simple" text (shared/content/simple-text.ts), never HTML. */
  body: string;
  /** ISO 8601 UTC timestamp. */
  publishedAt: string;
  service: ServiceRef | null;
  attachments: Attachment[];
}

export interface InfoPageSummary {
  id: Id;
  slug: string;
  title: string;
  service: ServiceRef | null;
}

/** `GET /api/public/portal` */
export interface PublicPortal {
  commune: Commune;
  maintenance: Maintenance;
  services: PublicService[];
  /** Newest first. */
  news: NewsItem[];
  infoPages: InfoPageSummary[];
}

/** `GET /api/public/info-pages/:slug` — `body` is "mise en forme simple" text, never HTML. */
export interface InfoPage extends InfoPageSummary {
  body: string;
  attachments: Attachment[];
}

// --- Parents ---

export interface Account {
  id: Id;
  email: string;
}

export interface Credentials {
  email: string;
  password: string;
}

/** `POST /api/auth/login` */
export interface LoginResponse {
  account: Account;
  csrfToken: string;
}

/** `POST /api/auth/register` → 201, and the other account routes answering a sentence. */
export interface MessageResponse {
  message: string;
}

export type FamilyStatus =
  | 'email_unverified'
  | 'profile_incomplete'
  | 'awaiting_validation'
  | 'validated'
  | 'rejected'
  | 'suspended'
  | 'archived';

export interface Family {
  id: Id;
  status: FamilyStatus;
  displayName: string;
  reservationsOpen: boolean;
  statusMessage: string;
}

/** `GET /api/me` */
export interface Me {
  account: Account;
  family: Family;
  csrfToken: string;
}
