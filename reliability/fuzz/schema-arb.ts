import fc from 'fast-check';
import type { JsonSchema } from './openapi';
import { queryLanguage } from './query-arb';
import { CurrentVersion, type IdKind, Keyed, Ref } from './world';

/**
 * Valid values for a JSON schema of the API: what a well-behaved client would send. Id-shaped
 * fields mostly carry references to real records of the right kind (resolved at send time), so
 * well-formed requests get past lookups and exercise the writes, not just the validators.
 */

const ID_PATTERN = '^[A-Za-z0-9_-]+$';

/** Which kind of record an id-valued property names (by property name; context for the ambiguous ones). */
export function idKind(name: string, path: string): IdKind | null {
  switch (name) {
    case 'statusId':
    case 'moveItemsTo':
    case 'order':
      return 'status';
    case 'beforeId':
      return path.includes('/statuses') ? 'status' : 'item';
    case 'afterId':
    case 'itemId':
    case 'itemIds':
    case 'parentId':
      return 'item';
    case 'labelIds':
    case 'addLabelIds':
    case 'removeLabelIds':
      return 'label';
    case 'assigneeIds':
    case 'addAssigneeIds':
    case 'removeAssigneeIds':
    case 'memberIds':
    case 'add':
    case 'remove':
    case 'leadId':
    case 'ownerId':
      return 'person';
    case 'spaceId':
    case 'spaceIds':
    case 'alsoInSpaceIds':
      return 'space';
    case 'fields':
      return 'field';
    case 'inviteToken':
      return 'inviteToken';
    case 'calendarId':
      return 'calendar';
    case 'routineId':
      return 'routine';
    case 'formId':
      return 'form';
    case 'templateId':
      return 'template';
    case 'into':
      return path.includes('/requests') ? 'reference' : null;
    default:
      return null;
  }
}

export const ref = (kind: IdKind): fc.Arbitrary<Ref> => fc.nat({ max: 7 }).map((n) => new Ref(kind, n));

/** A string that fits the schema's length and pattern. */
function stringArb(s: JsonSchema, name: string, path: string): fc.Arbitrary<unknown> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 60, 60);
  const fits = (x: string) => x.length >= min && x.length <= (s.maxLength ?? Number.POSITIVE_INFINITY);
  if (s.format === 'date') return fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'date-time') return fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'email') return fc.oneof(fc.nat().map((n) => `fuzz${n}@example.test`), fc.emailAddress());
  if (name === 'timeZone') return fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Mars/Olympus_Mons');
  if (name === 'query' || name === 'q') return queryLanguage;
  if (name === 'color') return fc.constantFrom('#ff0000', '#00ff0080', 'red', 'blue', '');
  if (name === 'type' && s.pattern) return fc.oneof({ weight: 4, arbitrary: fc.constant('task') }, { weight: 1, arbitrary: fc.constantFrom('bug', 'story', 'nope') });
  if (s.pattern === ID_PATTERN) {
    const kind = idKind(name, path);
    const shaped = fc.stringMatching(new RegExp(ID_PATTERN)).filter(fits);
    return kind ? fc.oneof({ weight: 4, arbitrary: ref(kind) }, { weight: 1, arbitrary: shaped }) : shaped;
  }
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).map((x) => x.slice(0, s.maxLength ?? x.length)).filter(fits);
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: Math.max(min, max) }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.max(min, max) }) },
  );
}

function numberArb(s: JsonSchema, name: string, integer: boolean): fc.Arbitrary<number> {
  if (name === 'version') return fc.oneof({ weight: 6, arbitrary: fc.constant(new CurrentVersion() as unknown as number) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 1000 }) });
  const min = Math.max(s.minimum ?? -1e6, -1e6);
  const max = Math.min(s.maximum ?? 1e6, 1e6);
  return integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** The arbitrary of valid values for `s`; `name` is the property it sits in, `path` the route. */
export function validArb(s: JsonSchema, name: string, path: string): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf) return fc.oneof(...s.anyOf.map((x) => validArb(x, name, path)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringArb(s, name, path);
    case 'integer':
      return numberArb(s, name, true);
    case 'number':
      return numberArb(s, name, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validArb(s.items ?? {}, name, path), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)) });
    case 'object':
      return objectArb(s, name, path);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArb(s: JsonSchema, name: string, path: string): fc.Arbitrary<unknown> {
  if (s.properties) {
    // Every required property and a few optional ones: with a dozen optional fields all present,
    // one of them is nearly always semantically off and the write path would go untested.
    const required = s.required ?? [];
    const optional = Object.keys(s.properties).filter((k) => !required.includes(k));
    const props = s.properties;
    return fc.subarray(optional, { maxLength: Math.min(3, optional.length) }).chain((picked) => {
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const k of [...required, ...picked]) model[k] = validArb(props[k], k, path);
      return fc.record(model);
    });
  }
  const extra = s.additionalProperties;
  if (extra && typeof extra === 'object' && Object.keys(extra).length > 0) {
    const kind = idKind(name, path);
    const key: fc.Arbitrary<unknown> = kind ? ref(kind) : validArb(s.propertyNames ?? { type: 'string', maxLength: 20 }, '', path);
    return fc.array(fc.tuple(key, validArb(extra, '', path)), { maxLength: 3 }).map((pairs) => new Keyed(pairs as Array<[string | Ref, unknown]>));
  }
  return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });
}
