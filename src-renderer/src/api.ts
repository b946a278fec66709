/**
 * Typed client of the staff API (docs/API.md): same-origin fetch, JSON,
 * CSRF header on unsafe methods, errors as `ApiError`.
 */
import type {
  ApiErrorBody,
  Backup,
  BackupList,
  DashboardCounts,
  LoginBody,
  OutboxList,
  OutboxMessage,
  PortalMaintenance,
  PortalStatus,
  StaffSession,
  ValidationIssue,
} from './types';

export const NETWORK_ERROR_MESSAGE = 'Le serveur Marelle ne répond pas.';
const CSRF_COOKIE = 'marelle_staff_csrf';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ValidationIssue[];

  constructor(status: number, code: string, message: string, issues: ValidationIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

/** Any thrown value as an `ApiError` (for display). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'client', 'Une erreur inattendue est survenue dans le back-office.');
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Token returned by login and `/me`, used when the cookie cannot be read. */
let csrfTokenFallback: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  csrfTokenFallback = token;
}

function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}

function csrfToken(): string | null {
  return readCookie(CSRF_COOKIE) ?? csrfTokenFallback;
}

type UnauthenticatedListener = () => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/** Called when a request made within a session answers 401 (session expired). Returns an unsubscribe function. */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => {
    unauthenticatedListeners.delete(listener);
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseErrorBody(value: unknown): ApiErrorBody | null {
  if (!isRecord(value)) return null;
  const { error, message, issues } = value;
  if (typeof error !== 'string' || typeof message !== 'string') return null;
  const body: ApiErrorBody = { error, message };
  if (Array.isArray(issues)) {
    body.issues = issues.filter(
      (issue): issue is ValidationIssue => isRecord(issue) && typeof issue.message === 'string',
    );
  }
  return body;
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Votre session a expiré. Veuillez vous reconnecter.';
  if (status === 403) return 'Vous n’avez pas accès à cette partie du back-office.';
  if (status === 404) return 'Élément introuvable.';
  if (status === 429) return 'Trop de tentatives. Veuillez patienter avant de réessayer.';
  if (status === 502 || status === 503 || status === 504) return NETWORK_ERROR_MESSAGE;
  return `Erreur inattendue du serveur (HTTP ${status}).`;
}

interface RequestOptions {
  body?: unknown;
  /** A multipart body (file upload); the browser sets the content type with its boundary. */
  form?: FormData;
  /** Aborts a request whose answer is no longer wanted (search as you type). */
  signal?: AbortSignal;
  /** Sent without a session (login, session probe): no CSRF header, no `onUnauthenticated` notice on 401. */
  anonymous?: boolean;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  } else if (options.form) {
    init.body = options.form;
  }
  if (options.signal) init.signal = options.signal;
  if (method !== 'GET' && !options.anonymous) {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    if (options.signal?.aborted) throw new ApiError(0, 'aborted', 'Requête annulée.');
    throw new ApiError(0, 'network', NETWORK_ERROR_MESSAGE);
  }

  let payload: unknown = undefined;
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new ApiError(0, 'network', NETWORK_ERROR_MESSAGE);
  }
  if (text !== '') {
    try {
      payload = JSON.parse(text) as unknown;
    } catch {
      payload = undefined;
    }
  }

  if (!response.ok) {
    const body = parseErrorBody(payload);
    const error = body
      ? new ApiError(response.status, body.error, body.message, body.issues)
      : new ApiError(response.status, response.status === 401 ? 'unauthenticated' : 'http', fallbackMessage(response.status));
    if (response.status === 401 && !options.anonymous) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }

  if (response.status === 204 || text === '') return undefined as T;
  if (payload === undefined) {
    throw new ApiError(response.status, 'invalid_response', 'Réponse illisible du serveur Marelle.');
  }
  return payload as T;
}

export const api = {
  login: async (body: LoginBody): Promise<StaffSession> => {
    const session = await request<StaffSession>('POST', '/api/staff/auth/login', { body, anonymous: true });
    rememberCsrfToken(session.csrfToken);
    return session;
  },
  logout: async (): Promise<void> => {
    await request<undefined>('POST', '/api/staff/auth/logout');
    rememberCsrfToken(null);
  },
  me: async (): Promise<StaffSession> => {
    const session = await request<StaffSession>('GET', '/api/staff/me', { anonymous: true });
    rememberCsrfToken(session.csrfToken);
    return session;
  },
  dashboard: (): Promise<DashboardCounts> => {
    return request<DashboardCounts>('GET', '/api/staff/dashboard');
  },
  portal: (): Promise<PortalStatus> => {
    return request<PortalStatus>('GET', '/api/staff/portal');
  },
  setPortalMaintenance: (body: PortalMaintenance): Promise<PortalStatus> => {
    return request<PortalStatus>('PUT', '/api/staff/portal/maintenance', { body });
  },
  outbox: (): Promise<OutboxList> => {
    return request<OutboxList>('GET', '/api/staff/outbox');
  },
  outboxMessage: (id: number | string): Promise<OutboxMessage> => {
    return request<OutboxMessage>('GET', `/api/staff/outbox/${encodeURIComponent(String(id))}`);
  },
  backups: (): Promise<BackupList> => {
    return request<BackupList>('GET', '/api/staff/backups');
  },
  createBackup: (): Promise<Backup> => {
    return request<Backup>('POST', '/api/staff/backups');
  },
};
