/** One field a validation error names (`body.title`, `query.q`...). */
export type ProblemField = { path: string; message: string };

/** The RFC 9457 problem document every Weft error answers with. */
export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId: string;
  errors?: ProblemField[];
  position?: number;
  current?: unknown;
  [k: string]: unknown;
};

/** A non-2xx answer from the API; switch on `code` (stable), never on the message. */
export class WeftApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly detail: string;
  readonly fields: ProblemField[];
  readonly position: number | undefined;
  readonly requestId: string | undefined;
  /** For VERSION_CONFLICT: the record as it is now. */
  readonly current: unknown;
  readonly problem: ProblemDocument | null;

  constructor(status: number, problem: ProblemDocument | null, fallbackDetail = '') {
    const code = problem?.code ?? `HTTP_${status}`;
    const detail = problem?.detail ?? problem?.title ?? fallbackDetail;
    super(`${code}: ${detail}`);
    this.name = 'WeftApiError';
    this.code = code;
    this.status = status;
    this.detail = detail;
    this.fields = problem?.errors ?? [];
    this.position = problem?.position;
    this.requestId = problem?.requestId;
    this.current = problem?.current;
    this.problem = problem;
  }
}

/** The server could not be reached at all (refused, DNS, reset): no HTTP answer to read. */
export class WeftNetworkError extends Error {
  readonly url: string;
  constructor(url: string, cause: unknown) {
    super(`cannot reach ${url}: ${describeCause(cause)}`, { cause });
    this.name = 'WeftNetworkError';
    this.url = url;
  }
}

function describeCause(e: unknown): string {
  // undici wraps the socket error (ECONNREFUSED...) in `cause`; that is the useful part.
  const inner = (e as { cause?: { code?: string; message?: string } })?.cause;
  if (inner?.code) return inner.code;
  if (inner?.message) return inner.message;
  return e instanceof Error ? e.message : String(e);
}

/** Type guards that also work across copies of this package (they check the name, not the prototype). */
export function isWeftApiError(e: unknown): e is WeftApiError {
  return e instanceof Error && e.name === 'WeftApiError';
}
export function isWeftNetworkError(e: unknown): e is WeftNetworkError {
  return e instanceof Error && e.name === 'WeftNetworkError';
}
