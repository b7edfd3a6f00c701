import { CHECKIN_ERRORS } from './areas/checkins';
import { INTAKE_ERRORS } from './areas/intake';
import { ROUTINE_ERRORS } from './areas/routines';
import { TEMPLATE_ERRORS } from './areas/templates';
/** Stable error codes and the HTTP status each maps to. Clients switch on the code, never the message. */
export const CORE_ERRORS = {
  VALIDATION_FAILED: 400,
  QUERY_INVALID: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  TOKEN_READ_ONLY: 403,
  CSRF_REJECTED: 403,
  SIGNUP_CLOSED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  WORKSPACE_NOT_FOUND: 404,
  SPACE_NOT_FOUND: 404,
  ITEM_NOT_FOUND: 404,
  STATUS_NOT_FOUND: 404,
  COMMENT_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  INVITE_NOT_FOUND: 404,
  TEAM_NOT_FOUND: 404,
  FIELD_NOT_FOUND: 404,
  LABEL_NOT_FOUND: 404,
  VIEW_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  VERSION_CONFLICT: 409,
  VERSION_REQUIRED: 428,
  ALREADY_EXISTS: 409,
  EMAIL_TAKEN: 409,
  SPACE_KEY_TAKEN: 409,
  LAST_OWNER: 409,
  DEPENDENCY_CYCLE: 409,
  PARENT_CYCLE: 409,
  STATUS_IN_USE: 409,
  LAST_STATUS: 409,
  INVITE_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** The database cannot be reached right now (restarting, refusing connections, locked): retry. */
  DATABASE_UNAVAILABLE: 503,
} as const;

/** Every error code and its HTTP status: the core's and each area's (issue 4 areas keep theirs in ./areas/). */
export const ERROR_CATALOGUE = { ...CORE_ERRORS, ...ROUTINE_ERRORS, ...INTAKE_ERRORS, ...CHECKIN_ERRORS, ...TEMPLATE_ERRORS } as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export type FieldError = { path: string; message: string };

/** The one error type every layer throws; the server turns it into an RFC 9457 problem document. */
export class WeftError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields?: FieldError[];
  readonly extra?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, opts: { fields?: FieldError[]; extra?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'WeftError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code];
    this.fields = opts.fields;
    this.extra = opts.extra;
  }
}

/** Type guard usable across package copies (checks shape, not prototype). */
export function isWeftError(e: unknown): e is WeftError {
  return typeof e === 'object' && e !== null && (e as { name?: string }).name === 'WeftError' && 'code' in e;
}
