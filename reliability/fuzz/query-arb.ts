import fc from 'fast-check';
import { NASTY_STRINGS } from './nasty';
import type { QueryParam } from './openapi';

/**
 * Query-language strings: real fields, operators and values shuffled with stray quotes, the
 * operators of other query languages (SQL, FTS5, tsquery) and random printable text, so both the
 * parser's error paths and the compiled SQL get exercised.
 */
const FIELDS = ['status', 'category', 'assignee', 'owner', 'label', 'labels', 'type', 'priority', 'space', 'due', 'start', 'created', 'updated', 'completed', 'parent', 'is', 'key', 'id', 'sort', 'group', 'Fuzz text 1', 'estimate', 'nope'];
const VALUES = ['me', 'none', 'today', 'tomorrow', '-7d', '-2w', '+3m', '2026-02-30', '2026-12-01', '2026-01-01..2026-12-31', '..', 'overdue', 'open', 'closed', 'blocked', 'high', 'urgent', 'todo', 'in_progress', 'done', 'bug', 'task', 'F1-1', 'f1-999999999999', 'priority-desc', 'due-asc', 'title', 'status'];
const NOISE = ['"', "'", '\\"', '\\', '(', ')', ',', ',,', ':', '::', '-', '--', '>=', '<=', '>', '<', '=', '*', '^', 'NEAR(', 'AND', 'OR', 'NOT', '&', '|', '!', '<->', ':*', '%', '_', ';', '/*', '*/', '$1', '?', '`'];

const printable = fc.string({ unit: 'grapheme-ascii', maxLength: 30 });
const token = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('', '-', '"'), fc.constantFrom(...FIELDS), fc.constantFrom(':', ':>', ':<=', ':=', ':>=', ''), fc.constantFrom(...VALUES)).map((p) => p.join('')) },
  { weight: 3, arbitrary: fc.constantFrom(...NOISE) },
  { weight: 2, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 2, arbitrary: printable },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 100)) },
);

export const queryLanguage: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.tuple(token, fc.constantFrom(' ', '', ' ', ',', '  ')), { maxLength: 10 }).map((ts) => ts.flat().join('')) },
  { weight: 2, arbitrary: printable },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom('a'.repeat(2000), 'a'.repeat(2001), 'label:x '.repeat(250), '"'.repeat(999), '('.repeat(1000), `${'-label:a '.repeat(200)}`) },
);

/** Percent-encodes like a browser would, or leaves text raw (malformed escapes, spaces, `#`). */
export function encodeQueryValue(v: string, raw: boolean): string {
  if (raw) return v.replaceAll('#', '%23');
  try {
    return encodeURIComponent(v);
  } catch {
    // lone surrogates: send the UTF-8 bytes a careless client would (CESU-style), a malformed escape
    return [...v].map((c) => (c.length === 1 && c >= '\uD800' && c <= '\uDFFF' ? '%ED%A0%80' : encodeURIComponent(c))).join('');
  }
}

/** A query string for an operation: its parameters valid, wrong or malformed, plus strays. */
export function queryStringArb(params: QueryParam[], valid: (p: QueryParam) => fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  const one = (p: QueryParam) =>
    fc.oneof(
      { weight: 4, arbitrary: valid(p).map(String) },
      { weight: 2, arbitrary: fc.constantFrom('', '-1', '0', '201', '1001', '1.5', '1e3', 'NaN', 'true', 'x'.repeat(501), '9'.repeat(30), '%zz', 'null') },
      { weight: 1, arbitrary: fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 200)) },
    );
  const pairs = params.map((p) =>
    fc.option(
      fc.tuple(one(p), fc.boolean(), fc.nat({ max: 9 })).map(([v, raw, dup]) => {
        const enc = encodeQueryValue(v, raw);
        // now and then the parameter twice (an array to the validator) or with a bracket suffix
        if (dup === 0) return `${p.name}=${enc}&${p.name}=${enc}`;
        if (dup === 1) return `${p.name}[]=${enc}`;
        return `${p.name}=${enc}`;
      }),
      { freq: 2 },
    ),
  );
  const stray = fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('unknown=1', '=', '&&', '%', 'a=%E0%A4%A', '__proto__=1', 'constructor[prototype]=1', 'x'.repeat(3000)) },
  );
  return fc.tuple(fc.tuple(...pairs), stray).map(([ps, s]) => [...ps, s].filter((x): x is string => !!x).join('&'));
}
