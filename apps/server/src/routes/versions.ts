import { WeftError } from '@weft/domain';
import type { FastifyRequest } from 'fastify';

/** Reads the version from `If-Match` (`"3"` or `3`, weak tags allowed); undefined when absent. */
export function ifMatchVersion(req: FastifyRequest): number | undefined {
  const h = req.headers['if-match'];
  if (h === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(String(h).trim());
  if (!m) throw new WeftError('VALIDATION_FAILED', 'If-Match must carry the version number, e.g. "3"', { fields: [{ path: 'headers.if-match', message: 'not a version' }] });
  return Number(m[1]);
}
