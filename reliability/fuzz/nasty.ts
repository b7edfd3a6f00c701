import fc from 'fast-check';

/**
 * Values chosen to break parsers, validators and SQL: boundary sizes, odd unicode, number edge
 * cases. Raw JSON fragments (which JSON.stringify cannot produce, like `1e999` or a 1,000-deep
 * nesting) travel as Raw and are spliced into the serialised body.
 */
export class Raw {
  constructor(
    readonly json: string,
    readonly label: string,
  ) {}
  toString(): string {
    return `Raw(${this.label})`;
  }
}

export const DEEP = 1000;
export const HUGE = 100_000;

export const deepArray = (depth = DEEP) => new Raw(`${'['.repeat(depth)}${']'.repeat(depth)}`, `[…] depth ${depth}`);
export const deepObject = (depth = DEEP) => new Raw(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, `{a:…} depth ${depth}`);
export const hugeArray = (element = '"x"', n = HUGE) => new Raw(`[${Array(n).fill(element).join(',')}]`, `[${element} × ${n}]`);

/** Strings at the edges: empty, long, unicode that renders oddly or is not well-formed. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '   \t\n  ',
  'a'.repeat(10_000),
  'a'.repeat(100_001),
  'é'.repeat(5_000),
  '\u202Eevil\u202C', // right-to-left override
  'مرحبا بالعالم',
  'שלום',
  '\u200B\u200C\u200D\uFEFF', // zero-width characters only
  'a\u200Bb',
  '👩‍👩‍👧‍👦🏳️‍🌈🇺🇦',
  '😀'.repeat(2_000),
  'e\u0301'.repeat(500), // combining marks
  'Z̴̡̛̖͙̈́a̷̞̋l̸̰̈g̶̱̿o̴͔̊',
  '\uD800', // lone high surrogate: JSON.stringify writes it as the escape "\ud800"
  '\uDFFF',
  'a\uDC00b\uD83D',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m\b\f\r\v',
  '\uFFFE\uFFFF',
  '\u{10FFFF}',
  'NaN',
  'Infinity',
  '-Infinity',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '1e309',
  '0x1F',
  '9007199254740993',
  '2026-02-30',
  '2026-13-01T25:61:61Z',
  '../../etc/passwd',
  '%00',
  '%',
  '__proto__',
  '{"a":1}',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '\\',
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

/** Numbers JSON can carry, and numeric literals only raw JSON can (huge exponents, negative zero). */
export const nastyNumber: fc.Arbitrary<number | Raw> = fc.oneof(
  fc.constantFrom(0, -1, -0.5, 1.5, 2 ** 31, 2 ** 31 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e21),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(
    new Raw('1e999', '1e999'),
    new Raw('-1e999', '-1e999'),
    new Raw('-0', '-0'),
    new Raw('1.0', '1.0'),
    new Raw('123456789012345678901234567890', '30 digits'),
    new Raw('0.0000000000000000000000000001', 'tiny'),
  ),
);

/** Any JSON value of a random type (a wrong type for most fields). */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, 1, -1, '', 'x', [], {}, [null], { '': null }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A whole body that is not the object a route wants, or not JSON at all. */
export const badBody: fc.Arbitrary<{ raw: string; contentType?: string }> = fc.oneof(
  fc.constantFrom('null', '[]', '"body"', '0', 'true', '[{}]', '{}'.repeat(2)).map((raw) => ({ raw })),
  fc.constantFrom('', '{', '{"a":}', '{"a":1,}', "{'a':1}", 'NaN', '\u0000', '{"a":"\\x00"}', '{"a":"\\ud800"}', '\uFEFF{}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":1,"a":2}').map((raw) => ({ raw })),
  fc.string({ unit: 'binary', maxLength: 50 }).map((raw) => ({ raw })),
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', 'application/vnd.api+json').map((contentType) => ({ raw: '{}', contentType })),
);

/** Property names an attacker would add to an object. */
export const extraKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'workspaceId', 'version ', 'createdBy', 'role', 'isAdmin', '', '\u0000', '$where'),
  fc.string({ maxLength: 12 }),
);

/** JSON text for a value that may contain Raw fragments anywhere. */
export function serialize(value: unknown): string {
  const raws: Raw[] = [];
  const text = JSON.stringify(value, (_k, v) => {
    if (v instanceof Raw) {
      raws.push(v);
      return `\u0001raw${raws.length - 1}\u0001`;
    }
    return v;
  });
  if (text === undefined) return '';
  return raws.length === 0 ? text : text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, i) => raws[Number(i)].json);
}
