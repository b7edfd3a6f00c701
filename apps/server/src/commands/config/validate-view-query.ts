import { parseQuery } from '@weft/domain';

/**
 * A saved view's query must parse, so a broken view fails when saved, not each time it is opened.
 * The parser throws WeftError QUERY_INVALID with the position of the error.
 */
export async function validateViewQuery(q: string): Promise<void> {
  parseQuery(q);
}
