/**
 * The one error type the API renders: a machine code and a French sentence for the user.
 * Anything else thrown is a bug and becomes a generic 500 without details.
 */
export type ErrorCode =
  | 'validation'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'invalid_token'
  | 'forbidden'
  | 'csrf'
  | 'not_found'
  | 'conflict'
  | 'incomplete'
  | 'rate_limited'
  | 'maintenance'
  | 'internal';

export interface IssueDetail {
  path: string;
  message: string;
}

const statusOf: Record<ErrorCode, number> = {
  validation: 400,
  invalid_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_token: 400,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  incomplete: 400,
  rate_limited: 429,
  maintenance: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: IssueDetail[],
    readonly retryAfterSeconds?: number,
    /** More fields rendered beside `error` and `message`, e.g. `missing` for 'incomplete'. */
    readonly extra?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = statusOf[code];
  }
}

export const notFound = (what = 'Élément introuvable.'): AppError => new AppError('not_found', what);
export const forbidden = (why = "Vous n'avez pas les droits nécessaires pour cette action."): AppError =>
  new AppError('forbidden', why);
