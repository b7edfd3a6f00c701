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
  throw new WeftError('VALIDATION_FAILED', 'cursor is not valid; use nextCursor from the previous page', { fields: [{ path: 'querystring.cursor', message: 'invalid cursor' }] });
}

/** The key after which a key-ordered page starts (a cursor made by toPage), or undefined for page one. */
export function afterKey(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  return decodeCursor<[string]>(cursor, ['string'])[0];
}

/** Rows were fetched with `limit + 1`: the extra one only says that another page exists. */
export function toPage<T>(rows: T[], limit: number, keyOf: (r: T) => string): { data: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  return { data, nextCursor: more ? encodeCursor([keyOf(data[data.length - 1])]) : null };
}
