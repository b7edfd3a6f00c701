import { MAX_VERSION, WeftError } from '@weft/domain';
import type { FastifyRequest } from 'fastify';

/** Reads the version from `If-Match` (`"3"` or `3`, weak tags allowed); undefined when absent. */
export function ifMatchVersion(req: FastifyRequest): number | undefined {
  const h = req.headers['if-match'];
  if (h === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(String(h).trim());
  const v = m ? Number(m[1]) : Number.NaN;
  if (!(v >= 1 && v <= MAX_VERSION)) {
    throw new WeftError('VALIDATION_FAILED', `If-Match must carry a version number from 1 to ${MAX_VERSION}, e.g. "3"`, { fields: [{ path: 'headers.if-match', message: 'not a version' }] });
  }
  return v;
}
