import type {
  ApiErrorBody,
  Credentials,
  InfoPage,
  LoginResponse,
  Me,
  PublicPortal,
  ValidationIssue,
} from './types';

export const NETWORK_ERROR_MESSAGE = 'Le serveur ne répond pas. Vérifiez votre connexion.';
const CSRF_COOKIE = 'marelle_csrf';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** An HTTP error answered by the server (`{ error, message }`), or `network` (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly issues: ValidationIssue[];
  /** `incomplete` answers: what the file still lacks (French sentences). */
  readonly missing: string[];

  constructor(status: number, code: string, message: string, issues: ValidationIssue[] = [], missing: string[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.missing = missing;
  }
}

/** Any thrown value as an ApiError (aborts and programming errors included). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'network', NETWORK_ERROR_MESSAGE);
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

// Token returned by login and /api/me, used only if the cookie cannot be read.
let lastCsrfToken: string | null = null;

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.error === 'string' && typeof v.message === 'string';
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Votre session a expiré. Reconnectez-vous.';
  if (status === 403) return 'Cette action ne vous est pas permise.';
  if (status === 404) return 'Élément introuvable.';
  if (status === 429) return 'Trop de tentatives. Réessayez dans quelques minutes.';
  if (status === 503) return 'Le portail est momentanément indisponible.';
  return 'Une erreur est survenue. Réessayez plus tard.';
}

function fallbackCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'validation',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    413: 'payload_too_large',
    429: 'rate_limited',
    503: 'maintenance',
  };
  return codes[status] ?? 'internal';
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const multipart = body instanceof FormData;
  // The browser sets the multipart boundary itself.
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (UNSAFE_METHODS.has(method)) {
    const token = readCookie(CSRF_COOKIE) ?? lastCsrfToken;
    if (token) headers['x-csrf-token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : multipart ? body : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network', NETWORK_ERROR_MESSAGE);
  }
  const data = await readJson(res).catch(() => null);
  if (!res.ok) {
    if (isErrorBody(data)) {
      throw new ApiError(res.status, data.error, data.message, data.issues ?? [], data.missing ?? []);
    }
    throw new ApiError(res.status, fallbackCode(res.status), fallbackMessage(res.status));
  }
  return data as T;
}

export const paths = {
  portal: '/api/public/portal',
  infoPage: (slug: string) => `/api/public/info-pages/${encodeURIComponent(slug)}`,
  me: '/api/me',
} as const;

export function getPortal(signal?: AbortSignal): Promise<PublicPortal> {
  return request<PublicPortal>('GET', paths.portal, undefined, signal);
}

export function getInfoPage(slug: string, signal?: AbortSignal): Promise<InfoPage> {
  return request<InfoPage>('GET', paths.infoPage(slug), undefined, signal);
}

export async function getMe(signal?: AbortSignal): Promise<Me> {
  const me = await request<Me>('GET', paths.me, undefined, signal);
  lastCsrfToken = me.csrfToken;
  return me;
}

/** Remembers the CSRF token of a session opened by something else than `login` (e-mail confirmation). */
export function rememberCsrfToken(token: string | null): void {
  lastCsrfToken = token;
}

export async function login(credentials: Credentials): Promise<LoginResponse> {
  const res = await request<LoginResponse>('POST', '/api/auth/login', credentials);
  lastCsrfToken = res.csrfToken;
  return res;
}

export async function logout(): Promise<void> {
  try {
    await request<null>('POST', '/api/auth/logout');
  } finally {
    lastCsrfToken = null;
  }
}
