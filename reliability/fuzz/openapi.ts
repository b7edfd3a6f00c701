import type { TestApp } from '../../apps/server/src/test/harness';
import type { IdKind } from './world';

/** The subset of JSON Schema the API's OpenAPI document uses (zod → JSON Schema). */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  default?: unknown;
};

export type QueryParam = { name: string; required: boolean; schema: JsonSchema };

/** One operation of the OpenAPI document, with what a fuzzer needs to address it. */
export type Operation = {
  method: string;
  /** the OpenAPI path, `{id}` style */
  path: string;
  /** the route table's key, `METHOD /path/:id` */
  route: string;
  /** each path parameter and the kind of record whose id fills it */
  params: Array<{ name: string; kind: IdKind }>;
  query: QueryParam[];
  body: JsonSchema | null;
};

/**
 * The kind of id a path parameter takes: a named parameter maps directly; `{id}` takes the kind
 * of the collection segment before it. A route whose parameter is in neither table makes the
 * fuzz suite fail at setup, so a new resource cannot slip through unfuzzed.
 */
const BY_PARAM: Record<string, IdKind> = {
  userId: 'user',
  inviteId: 'invite',
  statusId: 'status',
  linkId: 'link',
  token: 'inviteToken',
  occurrence: 'routineOccurrence',
  publicId: 'formPublic',
  reference: 'reference',
  occurrenceId: 'checkinOccurrence',
};
const BY_COLLECTION: Record<string, IdKind> = {
  workspaces: 'workspace',
  spaces: 'space',
  items: 'item',
  comments: 'comment',
  fields: 'field',
  labels: 'label',
  views: 'view',
  teams: 'team',
  tokens: 'token',
  invites: 'inviteToken',
  routines: 'routine',
  forms: 'form',
  requests: 'request',
  calendars: 'calendar',
  'sla-policies': 'slaPolicy',
  templates: 'template',
  checkins: 'checkin',
  'checkin-answers': 'checkinAnswer',
  'checkin-comments': 'checkinComment',
};

function paramKind(path: string, name: string): IdKind {
  if (name !== 'id' && BY_PARAM[name]) return BY_PARAM[name];
  const segs = path.split('/');
  const at = segs.indexOf(`{${name}}`);
  const kind = at > 0 ? BY_COLLECTION[segs[at - 1]] : undefined;
  if (!kind) throw new Error(`fuzz: no id kind for path parameter {${name}} of ${path}: add it to reliability/fuzz/openapi.ts`);
  return kind;
}

type RawOp = {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
};

/** Every operation of the served OpenAPI document; fails if the route table has a route it lacks. */
export async function loadOperations(t: TestApp): Promise<Operation[]> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`openapi.json: ${res.statusCode}`);
  const doc = res.json() as { paths: Record<string, Record<string, RawOp>> };
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(byMethod)) {
      const method = m.toUpperCase();
      const route = `${method} ${path.replace(/\{([^}]+)\}/g, ':$1')}`;
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]);
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required, schema: p.schema }));
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      ops.push({ method, path, route, params: names.map((name) => ({ name, kind: paramKind(path, name) })), query, body });
    }
  }
  const documented = new Set(ops.map((o) => o.route));
  const missing = t.app.routeTable.map((r) => `${r.method} ${r.url}`).filter((r) => !documented.has(r) && r !== 'GET /api/v1/openapi.json');
  if (missing.length) throw new Error(`routes missing from the OpenAPI document (so unfuzzed): ${missing.join(', ')}`);
  return ops;
}
