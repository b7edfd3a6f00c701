import { WeftError } from '@weft/domain';

/** An opaque page cursor: the sort key of the last row, base64url JSON. */
export function encodeCursor(parts: Array<string | number>): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor with these part types; anything else is a 400. */
export function decodeCursor<T extends Array<string | number>>(cursor: string, shape: Array<'string' | 'number'>): T {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === shape.length && v.every((x, i) => typeof x === shape[i])) return v as T;
  } catch {
    // fall through to the 400
  }
  throw new WeftError('VALIDATION_FAILED', 'cursor is not valid; use nextCursor from the previous page', { fields: [{ path: 'query.cursor', message: 'invalid cursor' }] });
}
