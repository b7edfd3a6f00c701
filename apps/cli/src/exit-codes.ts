import { isWeftApiError, isWeftNetworkError } from '@weft/client';
import { ERROR_CATALOGUE } from '@weft/domain';

/** Exit statuses by meaning; scripts branch on these (documented in `weft --help`). */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  unauthenticated: 3,
  forbidden: 4,
  notFound: 5,
  conflict: 6,
  rateLimited: 7,
  unreachable: 8,
} as const;

/** The exit status of each API error code; any *_NOT_FOUND is 5, anything unlisted is 1. */
export const EXIT_BY_CODE: Readonly<Record<string, number>> = {
  USAGE: EXIT.usage,
  VALIDATION_FAILED: EXIT.usage,
  QUERY_INVALID: EXIT.usage,
  BAD_REQUEST: EXIT.usage,
  VERSION_REQUIRED: EXIT.usage,
  UNAUTHENTICATED: EXIT.unauthenticated,
  INVALID_CREDENTIALS: EXIT.unauthenticated,
  FORBIDDEN: EXIT.forbidden,
  TOKEN_READ_ONLY: EXIT.forbidden,
  VERSION_CONFLICT: EXIT.conflict,
  RATE_LIMITED: EXIT.rateLimited,
  UNREACHABLE: EXIT.unreachable,
  DATABASE_UNAVAILABLE: EXIT.unreachable,
};

export function exitCodeFor(code: string): number {
  if (code in EXIT_BY_CODE) return EXIT_BY_CODE[code];
  if (code.endsWith('_NOT_FOUND')) return EXIT.notFound;
  // Every other catalogued code exits by its HTTP status, so a new area's codes need no entry here.
  const status = (ERROR_CATALOGUE as Record<string, number>)[code];
  if (status === 409 || status === 410) return EXIT.conflict;
  if (status === 400 || status === 413 || status === 414 || status === 415 || status === 422 || status === 428) return EXIT.usage;
  if (status === 401) return EXIT.unauthenticated;
  if (status === 403) return EXIT.forbidden;
  if (status === 404) return EXIT.notFound;
  if (status === 429) return EXIT.rateLimited;
  return EXIT.internal;
}

/** Shown at the end of `weft --help`. */
export const EXIT_HELP = `Exit status:
  0  ok
  1  unknown or internal error
  2  usage error, VALIDATION_FAILED, QUERY_INVALID (any 400/422/428 answer)
  3  UNAUTHENTICATED, INVALID_CREDENTIALS (run \`weft login\`)
  4  FORBIDDEN, TOKEN_READ_ONLY
  5  *_NOT_FOUND (item, space, workspace...)
  6  VERSION_CONFLICT (someone changed it first; read it again), any other 409 conflict
  7  RATE_LIMITED
  8  cannot reach the server, or it cannot reach its database (DATABASE_UNAVAILABLE)
Errors print \`error CODE: detail\` on stderr.`;

/** A failure the CLI itself detects (bad arguments, nothing to change...). */
export class CliError extends Error {
  readonly code: string;
  constructor(code: string, detail: string) {
    super(detail);
    this.name = 'CliError';
    this.code = code;
  }
}

export const usage = (detail: string): CliError => new CliError('USAGE', detail);

/** The code and detail to print for anything an action threw. */
export function describeError(e: unknown, server: string): { code: string; detail: string } {
  if (e instanceof CliError) return { code: e.code, detail: e.message };
  if (isWeftNetworkError(e)) return { code: 'UNREACHABLE', detail: `${e.message} (is the server running? set --server or WEFT_SERVER)` };
  if (isWeftApiError(e)) {
    const where = e.position !== undefined ? ` (at position ${e.position})` : '';
    const hint = e.code === 'UNAUTHENTICATED' ? ` (run \`weft login --server ${server}\`, or set WEFT_TOKEN)` : '';
    return { code: e.code, detail: `${e.detail}${where}${hint}` };
  }
  // Server-side errors of the admin verbs (WeftError, the seed's refusal) carry a code too.
  const code = (e as { code?: unknown } | null)?.code;
  if (e instanceof Error && typeof code === 'string' && /^[A-Z][A-Z_]+$/.test(code)) return { code, detail: e.message };
  return { code: 'INTERNAL', detail: e instanceof Error ? e.message : String(e) };
}
