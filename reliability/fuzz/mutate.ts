import fc from 'fast-check';
import { anyJson, badBody, deepArray, deepObject, extraKey, hugeArray, nastyNumber, nastyString, Raw } from './nasty';
import type { JsonSchema } from './openapi';
import { validArb } from './schema-arb';
import { CurrentVersion, isPlainObject, Keyed, Ref, setOwn } from './world';

/** A request body: a JSON value (may hold Refs, Keyed and Raw fragments) or raw text. */
export type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; raw: string; contentType?: string };
export type Mutated = { body: Body; label: string };

type Path = Array<string | number>;
/** A place in a body: present (a value to replace or delete) or an optional property left out. */
type Slot = { path: Path; schema: JsonSchema | undefined; present: boolean };

const isLeaf = (v: unknown): boolean => v instanceof Ref || v instanceof Keyed || v instanceof Raw || v instanceof CurrentVersion;

function schemaOfType(s: JsonSchema | undefined, type: string): JsonSchema | undefined {
  if (!s) return undefined;
  if (s.anyOf) return s.anyOf.map((x) => schemaOfType(x, type)).find(Boolean);
  return s.type === type ? s : undefined;
}

/** Every place a mutation can land, down to depth 4. */
function slots(v: unknown, s: JsonSchema | undefined, path: Path = []): Slot[] {
  const out: Slot[] = [{ path, schema: s, present: true }];
  if (path.length >= 4 || isLeaf(v)) return out;
  if (Array.isArray(v)) {
    const items = schemaOfType(s, 'array')?.items;
    for (const [i, x] of v.slice(0, 3).entries()) out.push(...slots(x, items, [...path, i]));
  } else if (isPlainObject(v)) {
    const os = schemaOfType(s, 'object');
    for (const [k, x] of Object.entries(v)) out.push(...slots(x, os?.properties?.[k], [...path, k]));
    for (const [k, ps] of Object.entries(os?.properties ?? {})) if (!(k in v)) out.push({ path: [...path, k], schema: ps, present: false });
  }
  return out;
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(root as Record<string, unknown>)) setOwn(copy, k, x);
  setOwn(copy, String(head), setAt(copy[String(head)], rest, value));
  return copy;
}

function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) return setAt(root, path.slice(0, -1), parent.filter((_, i) => i !== last));
  const copy: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(parent as Record<string, unknown>)) if (k !== last) setOwn(copy, k, x);
  return setAt(root, path.slice(0, -1), copy);
}

/** A character the schema's pattern accepts, to build strings of exactly the boundary length. */
function fillChar(s: JsonSchema): string {
  if (!s.pattern) return 'a';
  const re = new RegExp(s.pattern);
  return ['a', 'A', '1', 'x'].find((c) => re.test(c.repeat(2))) ?? 'a';
}

/** Values just inside and just outside the schema's limits. */
function boundary(s: JsonSchema | undefined, name: string, path: string): fc.Arbitrary<unknown> {
  const str = schemaOfType(s, 'string');
  const num = schemaOfType(s, 'integer') ?? schemaOfType(s, 'number');
  const arr = schemaOfType(s, 'array');
  const options: fc.Arbitrary<unknown>[] = [];
  if (str) {
    const c = fillChar(str);
    const lens = [str.maxLength, str.maxLength === undefined ? undefined : str.maxLength + 1, str.minLength ? str.minLength - 1 : undefined, 0];
    options.push(fc.constantFrom(...lens.filter((n): n is number => n !== undefined).map((n) => c.repeat(n))));
  }
  if (num) {
    const edges = [num.minimum, num.maximum, num.minimum === undefined ? -1 : num.minimum - 1, num.maximum === undefined ? 2 ** 53 : num.maximum + 1, 0.5];
    options.push(fc.constantFrom(...edges.filter((n): n is number => n !== undefined)));
  }
  if (arr) {
    const max = arr.maxItems ?? 1000;
    const lengths = [max + 1, Math.max(0, (arr.minItems ?? 0) - 1), ...(max <= 100 ? [max] : [])];
    options.push(fc.tuple(fc.constantFrom(...lengths), validArb(arr.items ?? {}, name, path)).map(([n, el]) => Array(n).fill(el)));
  }
  return options.length ? fc.oneof(...options) : anyJson;
}

/** What replaces the value at a slot (or `delete` to remove it). */
function replacement(slot: Slot, path: string): fc.Arbitrary<{ value: unknown; label: string } | 'delete'> {
  const name = String(slot.path[slot.path.length - 1] ?? '');
  const tag = (label: string) => (value: unknown) => ({ value, label });
  const arbs = [
    { weight: 6, arbitrary: boundary(slot.schema, name, path).map(tag('boundary')) },
    { weight: 6, arbitrary: nastyString.map(tag('string')) },
    { weight: 3, arbitrary: nastyNumber.map(tag('number')) },
    { weight: 5, arbitrary: anyJson.map(tag('wrong type')) },
    { weight: 1, arbitrary: fc.constantFrom(deepArray(), deepObject()).map(tag('deep')) },
    { weight: 1, arbitrary: fc.constantFrom(hugeArray('"x"'), hugeArray('{}'), hugeArray('1')).map(tag('huge')) },
  ];
  if (slot.present && slot.path.length > 0) return fc.oneof(...arbs, { weight: 4, arbitrary: fc.constant('delete' as const) });
  return fc.oneof(...arbs);
}

const where = (p: Path) => (p.length ? p.join('.') : 'body');

/** Bodies for an operation's JSON schema: valid, or valid with one thing broken. */
export function bodyArb(schema: JsonSchema, path: string): fc.Arbitrary<Mutated> {
  return validArb(schema, '', path).chain((v) => {
    const all = slots(v, schema);
    const objects = all.filter((s) => s.present && isPlainObject(getAt(v, s.path)));
    const arbs: Array<fc.WeightedArbitrary<Mutated>> = [
      { weight: 12, arbitrary: fc.constant({ body: { kind: 'json', value: v }, label: 'valid' }) },
      {
        weight: 14,
        arbitrary: fc.constantFrom(...all).chain((slot) =>
          replacement(slot, path).map((r) =>
            r === 'delete'
              ? { body: { kind: 'json', value: deleteAt(v, slot.path) } as Body, label: `without ${where(slot.path)}` }
              : { body: { kind: 'json', value: setAt(v, slot.path, r.value) } as Body, label: `${r.label} at ${where(slot.path)}` },
          ),
        ),
      },
      { weight: 2, arbitrary: badBody.map((b) => ({ body: { kind: 'raw', ...b } as Body, label: 'bad body' })) },
    ];
    if (objects.length) {
      arbs.push({
        weight: 3,
        arbitrary: fc
          .tuple(fc.constantFrom(...objects), extraKey, anyJson)
          .map(([slot, k, x]) => ({ body: { kind: 'json', value: setAt(v, [...slot.path, k], x) } as Body, label: `extra ${JSON.stringify(k)} at ${where(slot.path)}` })),
      });
    }
    return fc.oneof(...arbs);
  });
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], root);
}

/** Bodies for an operation that takes none: mostly none, sometimes junk it must ignore or refuse. */
export const noBodyArb: fc.Arbitrary<Mutated> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Mutated>({ body: { kind: 'none' }, label: 'no body' }) },
  { weight: 1, arbitrary: anyJson.map<Mutated>((value) => ({ body: { kind: 'json', value }, label: 'unexpected JSON' })) },
  { weight: 1, arbitrary: badBody.map<Mutated>((b) => ({ body: { kind: 'raw', ...b }, label: 'unexpected bad body' })) },
);
