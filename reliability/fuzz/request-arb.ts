import fc from 'fast-check';
import { type Body, bodyArb, type Mutated, noBodyArb } from './mutate';
import { serialize } from './nasty';
import type { Operation } from './openapi';
import { encodeQueryValue, queryLanguage, queryStringArb } from './query-arb';
import { ref, validArb } from './schema-arb';
import { ID_KINDS, type IdKind, Ref, type World } from './world';

/** One generated request; Refs in it are resolved against the world when it is sent. */
export type FuzzRequest = {
  op: Operation;
  params: Array<Ref | string>;
  query: string;
  body: Body;
  label: string;
  /** a header value, or CURRENT for the addressed record's version */
  ifMatch?: string;
};

export const CURRENT = '<current>';

/** Path parameters that are not ids of the right kind: traversal, encodings, sizes, other shapes. */
const GARBAGE_IDS: readonly string[] = [
  encodeURIComponent('../../etc/passwd'),
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '..%5C..%5C',
  '%00',
  'a%00b',
  '%',
  '%zz',
  '%C0%AF',
  'x'.repeat(64),
  'x'.repeat(65),
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(5000),
  encodeURIComponent('🙂'),
  encodeURIComponent("' OR 1=1 --"),
  encodeURIComponent('OPS-1/../2'),
  '%20',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '-',
  '_',
  '0',
  'F1-0',
  'F1-99999999999999999999',
  'f1-1',
  '01ffffffffffffffffffffffffffffff',
];

function paramArb(kind: IdKind): fc.Arbitrary<Ref | string> {
  return fc.oneof(
    { weight: 16, arbitrary: ref(kind) },
    { weight: 2, arbitrary: fc.constantFrom(...ID_KINDS).chain((k) => ref(k)) },
    { weight: 1, arbitrary: fc.uuid().map((u) => u.replaceAll('-', '')) },
    { weight: 2, arbitrary: fc.constantFrom(...GARBAGE_IDS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map((s) => encodeQueryValue(s, false)) },
  );
}

const IF_MATCH = ['"1"', '1', 'W/"2"', '*', 'abc', '"-1"', '"0"', '""', '"1", "2"', '"2147483648"', '"99999999999999999999999"', '"9007199254740993"', ' "3" '];
const takesVersion = (op: Operation) => op.method === 'PATCH' || op.method === 'DELETE' || /\/(restore|move)$/.test(op.path);

/** Requests to one operation, as the workspace owner. */
export function requestArb(op: Operation): fc.Arbitrary<FuzzRequest> {
  const body: fc.Arbitrary<Mutated> = op.body ? bodyArb(op.body, op.path) : noBodyArb;
  const query = op.query.length ? fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 3, arbitrary: queryStringArb(op.query, (p) => validArb(p.schema, p.name, op.path)) }) : fc.constant('');
  const ifMatch = takesVersion(op)
    ? fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constant(CURRENT) }, { weight: 1, arbitrary: fc.constantFrom(...IF_MATCH) })
    : fc.constant(undefined);
  return fc
    .record({ params: fc.tuple(...op.params.map((p) => paramArb(p.kind))), query, body, ifMatch })
    .map(({ params, query: q, body: b, ifMatch: im }) => printable({ op, params, query: q, body: b.body, label: b.label, ...(im === undefined ? {} : { ifMatch: im }) }));
}

/** fast-check prints counterexamples; the operation's whole schema and 100k-element bodies would drown the report. */
function printable(req: FuzzRequest): FuzzRequest {
  return Object.defineProperty(req, fc.toStringMethod, { value: () => describeRequest(req), enumerable: false });
}

/** Query-language strings against the workspace item query (and saved as view queries). */
export function queryLanguageArb(list: Operation, save: Operation): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(queryLanguage, fc.boolean(), fc.nat({ max: 3 })).map(([q, raw, how]) =>
    printable(
      how === 0
        ? { op: save, params: [new Ref('workspace', 0)], query: '', body: { kind: 'json', value: { name: 'Fuzzed query', query: q } }, label: 'view query' }
        : { op: list, params: [new Ref('workspace', 0)], query: `q=${encodeQueryValue(q, raw)}`, body: { kind: 'none' }, label: raw ? 'raw q' : 'q' },
    ),
  );
}

export type Wire = { method: string; url: string; payload?: string; headers: Record<string, string> };

/** What the request looks like on the wire, with the world's current ids and versions. */
export async function wire(req: FuzzRequest, world: World): Promise<Wire> {
  const resolved = req.params.map((p, i) => ({ kind: req.op.params[i].kind, id: p instanceof Ref ? world.resolve(p) : p, ref: p instanceof Ref }));
  let i = 0;
  const path = req.op.path.replace(/\{[^}]+\}/g, () => {
    const p = resolved[i++];
    return p.ref ? encodeURIComponent(p.id) : p.id;
  });
  const version = await world.versionAt(resolved.filter((p) => p.ref));
  const url = req.query ? `${path}?${req.query}` : path;
  const headers: Record<string, string> = { ...world.owner.headers };
  if (req.ifMatch !== undefined) headers['if-match'] = req.ifMatch === CURRENT ? `"${version}"` : req.ifMatch;
  if (req.body.kind === 'none') return { method: req.op.method, url, headers };
  if (req.body.kind === 'raw') {
    if (req.body.contentType !== '') headers['content-type'] = req.body.contentType ?? 'application/json';
    return { method: req.op.method, url, headers, payload: req.body.raw };
  }
  headers['content-type'] = 'application/json';
  return { method: req.op.method, url, headers, payload: serialize(world.materialize(req.body.value, version)) };
}

function bodyText(b: Body): string {
  if (b.kind === 'raw') return `${b.contentType ?? ''} ${b.raw}`;
  if (b.kind === 'none') return '';
  try {
    return serialize(b.value);
  } catch {
    return String(b.value);
  }
}

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

/** A short description for failure reports (bodies of 100k elements are clipped). */
export function describeRequest(req: FuzzRequest, w?: Wire): string {
  const shown = w ?? { method: req.op.method, url: `${req.op.path}${req.query ? `?${req.query}` : ''} ${req.params.map(String).join(' ')}`, payload: bodyText(req.body) };
  return `${shown.method} ${clip(shown.url, 200)} [${req.label}]${req.ifMatch ? ` If-Match: ${req.ifMatch}` : ''}${shown.payload ? `\n  body: ${clip(shown.payload)}` : ''}`;
}

export { serialize };
