import { type Database, type Dialect, inWalkingListOrder, itemMatchesText, statusesHoldMany, textMatchesMany } from '@weft/db';
import {
  type Clause,
  CLOSED_CATEGORIES,
  dateComparisons,
  type DateValue,
  localDate,
  normalizeQueryName,
  parseDateValue,
  PRIORITY_RANK,
  type Priority,
  QUERY_FIELDS,
  type QueryAst,
  queryError,
} from '@weft/domain';
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { slaClause } from '../intake/sla-query';

export type QueryContext = { db: Kysely<Database>; dialect: Dialect; workspaceId: string; userId: string; now: Date; timeZone: string };
type Eb = ExpressionBuilder<Database, 'items'>;
type ValueEb = ExpressionBuilder<Database, 'items' | 'item_field_values'>;
type Cond = (eb: Eb) => Expression<SqlBool>;
export type CompiledQuery = { where: Cond; orderBy: Array<{ expr: string; direction: 'asc' | 'desc' }> };

type Field = { id: string; name: string; type: string; options: Array<{ id: string; name: string }> };
type Lookups = {
  statuses: Array<{ id: string; name: string }>;
  members: Array<{ id: string; name: string; email: string }>;
  labels: Array<{ id: string; name: string }>;
  spaces: Array<{ id: string; key: string }>;
  /** spaces of the workspace that some item is multi-homed into (item_homes) */
  homedSpaces: Set<string>;
  types: Array<{ key: string; name: string }>;
  fields: Field[];
  /** upper-cased item key (current or former) or raw item id → item id */
  items: Map<string, string>;
  /** status clauses broad enough to be checked in list order (see STATUS_WALK_AT) */
  walkStatus: Set<Clause>;
};

const SORT_COLUMNS: Record<string, string> = {
  priority: 'items.priority',
  due: 'items.due_at',
  start: 'items.start_at',
  created: 'items.created_at',
  updated: 'items.updated_at',
  completed: 'items.completed_at',
  title: 'items.title',
  // Keys sort as text ("OPS-10" < "OPS-2"); the number sorts as people expect.
  key: 'items.number',
  number: 'items.number',
  position: 'items.position',
  estimate: 'items.estimate',
};
const DATE_COLUMNS = {
  due: ['items.due_at', 'date'],
  start: ['items.start_at', 'date'],
  created: ['items.created_at', 'instant'],
  updated: ['items.updated_at', 'instant'],
  completed: ['items.completed_at', 'instant'],
} as const;
const BUILTIN = new Set<string>(QUERY_FIELDS);
const CLOSED = [...CLOSED_CATEGORIES];
const ALL_DAY = '____-__-__';
const NEVER = sql<SqlBool>`1 = 0`;
/** From this many full-text matches on, a first page is found faster by walking than by sorting. */
const TEXT_WALK_AT = 5_000;
/** From this many items in the wanted statuses, a first page is found faster by walking the list. */
const STATUS_WALK_AT = 2_000;
const lower = (s: string) => s.toLowerCase();

/**
 * Compiles a parsed query to a condition on `items`. Names are resolved to ids up front, within
 * ctx.workspaceId only; the caller adds the workspace, deleted and readable-space filters.
 */
export async function compileQuery(ast: QueryAst, ctx: QueryContext): Promise<CompiledQuery> {
  const lk = await loadLookups(ast, ctx);
  if (ast.group?.startsWith('field:') && !lk.fields.some((f) => `field:${normalizeQueryName(f.name)}` === ast.group)) {
    const [at, length] = ast.groupAt ?? [0, 0];
    throw queryError(`Cannot group by '${ast.group.slice('field:'.length)}': no such field`, at, length);
  }
  // Broad status filters (e.g. every space's "Todo") are checked while walking the list's order
  // (see inWalkingListOrder); narrow ones keep the status index. The default order only: a sort by
  // another column has to look at every match anyway.
  if (ast.sort.length === 0 && ctx.dialect === 'sqlite') {
    for (const c of ast.clauses) {
      if (c.field === 'status' && !c.negated && (await statusesHoldMany(ctx.db, statusIdsOf(c, lk), STATUS_WALK_AT))) lk.walkStatus.add(c);
    }
  }
  const conds: Cond[] = ast.clauses.map((c) => {
    const cond = compileClause(c, lk, ctx);
    // `is not true` rather than `not`: a comparison on a null column is NULL, and NOT NULL would
    // drop the item, yet `-owner:ann` must keep items with no owner.
    return c.negated ? (eb: Eb) => sql<SqlBool>`(${cond(eb)}) is not true` : cond;
  });
  const text = ast.text.join(' ').trim();
  if (text) {
    // Thousands of matches: check items in list order against the match set (see itemMatchesText).
    const shape = (await textMatchesMany(ctx.db, ctx.dialect, text, TEXT_WALK_AT)) ? 'walk' : 'set';
    conds.push((eb) => itemMatchesText(ctx.dialect, eb.ref('items.id'), text, shape));
  }
  const orderBy = ast.sort.map((s) => {
    const expr = SORT_COLUMNS[s.field];
    if (!expr) throw queryError(`Cannot sort by '${s.field}'`, 0, 0);
    return { expr, direction: s.direction };
  });
  return { where: (eb) => eb.and(conds.map((c) => c(eb))), orderBy };
}

async function loadLookups(ast: QueryAst, ctx: QueryContext): Promise<Lookups> {
  const { db, workspaceId: ws } = ctx;
  const uses = (...f: string[]) => ast.clauses.some((c) => f.includes(c.field));
  const valuesOf = (...f: string[]) => ast.clauses.filter((c) => f.includes(c.field)).flatMap((c) => c.values);
  const custom = ast.clauses.some((c) => !BUILTIN.has(c.field));
  // Grouping by a custom field needs the fields only (to check it exists), not the people.
  const customGroup = ast.group?.startsWith('field:') ?? false;
  const labelNames = valuesOf('label').map(lower);
  const keys = valuesOf('parent', 'key').filter((v) => lower(v) !== 'none');
  const upperKeys = keys.map((k) => k.toUpperCase());
  const none = Promise.resolve([]);
  const [statuses, members, labels, spaces, types, fields, items, oldKeys, homed] = await Promise.all([
    uses('status')
      ? db.selectFrom('statuses').innerJoin('spaces', 'spaces.id', 'statuses.space_id').where('spaces.workspace_id', '=', ws).select(['statuses.id', 'statuses.name']).execute()
      : none,
    uses('assignee', 'owner') || custom
      ? db.selectFrom('members').innerJoin('users', 'users.id', 'members.user_id').where('members.workspace_id', '=', ws).select(['users.id', 'users.name', 'users.email']).execute()
      : none,
    labelNames.length ? db.selectFrom('labels').where('workspace_id', '=', ws).where(sql<string>`lower(name)`, 'in', labelNames).select(['id', 'name']).execute() : none,
    uses('space') ? db.selectFrom('spaces').where('workspace_id', '=', ws).select(['id', 'key']).execute() : none,
    uses('type') ? db.selectFrom('item_types').where('workspace_id', '=', ws).select(['key', 'name']).execute() : none,
    custom || customGroup ? db.selectFrom('fields').where('workspace_id', '=', ws).select(['id', 'name', 'type', 'options']).execute() : none,
    keys.length
      ? db.selectFrom('items').where('workspace_id', '=', ws).where((eb) => eb.or([eb('key', 'in', upperKeys), eb('id', 'in', keys)])).select(['id', 'key']).execute()
      : none,
    keys.length ? db.selectFrom('item_keys').where('workspace_id', '=', ws).where('key', 'in', upperKeys).select(['item_id as id', 'key']).execute() : none,
    // One index probe per space: which spaces have items homed into them from elsewhere.
    uses('space')
      ? db
          .selectFrom('spaces')
          .where('workspace_id', '=', ws)
          .where((eb) => eb.exists(eb.selectFrom('item_homes as hh').select('hh.item_id').whereRef('hh.space_id', '=', 'spaces.id')))
          .select('id')
          .execute()
      : none,
  ]);
  const itemMap = new Map<string, string>();
  for (const r of [...oldKeys, ...items]) itemMap.set(r.key.toUpperCase(), r.id).set(r.id, r.id);
  const parsed = fields.map((f) => ({ ...f, options: parseOptions(f.options) }));
  return { statuses, members, labels, spaces, types, fields: parsed, items: itemMap, homedSpaces: new Set(homed.map((h) => h.id)), walkStatus: new Set() };
}

function parseOptions(raw: unknown): Field['options'] {
  try {
    const v = typeof raw === 'string' ? JSON.parse(raw) : raw;
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

/** The ids of the statuses a `status:` clause names, in every space of the workspace. */
function statusIdsOf(c: Clause, lk: Lookups): string[] {
  const wanted = new Set(c.values.map(normalizeQueryName));
  return lk.statuses.filter((s) => wanted.has(normalizeQueryName(s.name))).map((s) => s.id);
}

function compileClause(c: Clause, lk: Lookups, ctx: QueryContext): Cond {
  const lowered = c.values.map(lower);
  const hasNone = lowered.includes('none');
  switch (c.field) {
    case 'status': {
      const ids = statusIdsOf(c, lk);
      if (!ids.length) return () => NEVER;
      if (lk.walkStatus.has(c)) return (eb) => inWalkingListOrder(ctx.dialect, eb.ref('items.status_id'), ids);
      return (eb) => eb('items.status_id', 'in', ids);
    }
    case 'category':
      return (eb) => eb('items.status_category', 'in', lowered);
    case 'assignee': {
      const ids = people(lowered, lk, ctx);
      const assigned = (eb: Eb) => eb.selectFrom('item_assignees as a').select('a.user_id').whereRef('a.item_id', '=', 'items.id');
      return (eb) =>
        eb.or([...(ids.length ? [eb.exists(assigned(eb).where('a.user_id', 'in', ids))] : []), ...(hasNone ? [eb.not(eb.exists(assigned(eb)))] : [])]);
    }
    case 'owner': {
      const ids = people(lowered, lk, ctx);
      return (eb) => eb.or([...(ids.length ? [eb('items.owner_id', 'in', ids)] : []), ...(hasNone ? [eb('items.owner_id', 'is', null)] : [])]);
    }
    case 'label': {
      const ids = lk.labels.filter((l) => lowered.includes(lower(l.name))).map((l) => l.id);
      const labelled = (eb: Eb) => eb.selectFrom('item_labels as l').select('l.label_id').whereRef('l.item_id', '=', 'items.id');
      return (eb) =>
        eb.or([...(ids.length ? [eb.exists(labelled(eb).where('l.label_id', 'in', ids))] : []), ...(hasNone ? [eb.not(eb.exists(labelled(eb)))] : [])]);
    }
    case 'type': {
      // Match the key as typed too, so types missing from item_types still filter.
      const keys = new Set(lowered);
      for (const t of lk.types) if (lowered.includes(lower(t.name)) || lowered.includes(lower(t.key))) keys.add(t.key);
      return (eb) => eb('items.type', 'in', [...keys]);
    }
    case 'priority': {
      const ranks = lowered.map((p) => PRIORITY_RANK[p as Priority]);
      if (ranks.some((r) => r === undefined)) throw queryError(`Unknown priority in '${c.values.join(',')}'`, c.position, 8);
      return (eb) => (c.op === '=' ? eb('items.priority', 'in', ranks) : eb('items.priority', c.op, ranks[0]));
    }
    case 'space': {
      // An item also shows in the spaces it is homed in, so `space:` matches those too.
      const ids = lk.spaces.filter((s) => lowered.includes(lower(s.key))).map((s) => s.id);
      if (!ids.length) return () => NEVER;
      // No item is homed into these spaces from elsewhere: a plain `space_id in`, which lets the
      // planner walk the (space_id, updated_at) index in list order and stop at the page's end.
      if (!ids.some((id) => lk.homedSpaces.has(id))) return (eb) => eb('items.space_id', 'in', ids);
      // One id set (own items UNION homed ones) rather than `space_id in … OR exists(…)`: an OR
      // across two tables keeps the planner from using either index (measured: a full scan at 1M).
      return (eb) =>
        eb(
          'items.id',
          'in',
          eb
            .selectFrom('items as si')
            .select('si.id')
            .where('si.space_id', 'in', ids)
            .unionAll(eb.selectFrom('item_homes as h').select('h.item_id as id').where('h.space_id', 'in', ids)),
        );
    }
    case 'parent':
    case 'key': {
      const ids = c.values.flatMap((v) => lk.items.get(v.toUpperCase()) ?? lk.items.get(v) ?? []);
      const col = c.field === 'parent' ? 'items.parent_id' : 'items.id';
      return (eb) => eb.or([...(ids.length ? [eb(col, 'in', ids)] : []), ...(hasNone && c.field === 'parent' ? [eb(col, 'is', null)] : [])]);
    }
    case 'is':
      return (eb) => eb.or(lowered.map((v) => isCond(v, ctx, c)(eb)));
    case 'sla':
      return slaClause(c, ctx.now);
    case 'due':
    case 'start':
    case 'created':
    case 'updated':
    case 'completed': {
      const [col, kind] = DATE_COLUMNS[c.field];
      const parts = c.values.map((value): Cond => {
        const d = dateValue(value, c);
        if (d.kind === 'none') return (eb) => eb(col, 'is', null);
        if (d.kind === 'overdue') return overdue(ctx);
        const bounds = dateComparisons(d, c.op, kind, ctx.now, ctx.timeZone);
        return (eb) => eb.and(bounds.map(([op, b]) => eb(col, op, b)));
      });
      return (eb) => eb.or(parts.map((p) => p(eb)));
    }
    default:
      return customClause(c, lk, ctx);
  }
}

function people(lowered: string[], lk: Lookups, ctx: QueryContext): string[] {
  const ids = new Set<string>();
  for (const v of lowered) {
    if (v === 'me') ids.add(ctx.userId);
    else for (const m of lk.members) if (lower(m.email) === v || lower(m.name) === v || lower(m.name).split(/\s+/)[0] === v) ids.add(m.id);
  }
  return [...ids];
}

function isCond(v: string, ctx: QueryContext, c: Clause): Cond {
  switch (v) {
    case 'open':
      return (eb) => eb('items.status_category', 'not in', CLOSED);
    case 'closed':
      return (eb) => eb('items.status_category', 'in', CLOSED);
    case 'overdue':
      return overdue(ctx);
    case 'subitem':
      return (eb) => eb('items.parent_id', 'is not', null);
    case 'blocked':
      // Blocked: some open, live item links to this one with kind 'blocks'.
      return (eb) =>
        eb.exists(
          eb
            .selectFrom('item_links as bl')
            .innerJoin('items as blocker', 'blocker.id', 'bl.from_item_id')
            .select('bl.id')
            .whereRef('bl.to_item_id', '=', 'items.id')
            .where('bl.kind', '=', 'blocks')
            .where('blocker.status_category', 'not in', CLOSED)
            .where('blocker.deleted_at', 'is', null),
        );
    default:
      throw queryError(`Unknown 'is:' value '${v}'`, c.position, 2);
  }
}

/** Open and past due: an all-day date once that day is over in the reader's zone, an instant once passed. */
function overdue(ctx: QueryContext): Cond {
  const today = localDate(ctx.now, ctx.timeZone);
  const now = ctx.now.toISOString();
  return (eb) =>
    eb.and([
      eb('items.status_category', 'not in', CLOSED),
      eb.or([
        eb.and([eb('items.due_at', 'like', ALL_DAY), eb('items.due_at', '<', today)]),
        eb.and([eb('items.due_at', 'not like', ALL_DAY), eb('items.due_at', '<', now)]),
      ]),
    ]);
}

function dateValue(value: string, c: Clause): DateValue {
  const d = parseDateValue(value);
  if (!d) throw queryError(`'${value}' is not a date`, c.position, c.field.length);
  return d;
}

const TRUE_WORDS = ['true', 'yes', '1', 'on', 'checked'];
const FALSE_WORDS = ['false', 'no', '0', 'off', 'unchecked'];

function customClause(c: Clause, lk: Lookups, ctx: QueryContext): Cond {
  const fields = lk.fields.filter((f) => normalizeQueryName(f.name) === c.field);
  const length = c.field.length + (/[^\w.-]/.test(c.field) ? 2 : 0);
  const fail = (msg: string) => queryError(msg, c.position, length);
  if (!fields.length) throw fail(`Unknown field '${c.field}'`);
  const values = c.values.filter((v) => lower(v) !== 'none');
  if (c.op !== '=' && values.length < c.values.length) throw fail("'none' cannot be compared");
  const ids = fields.map((f) => f.id);
  const has = (f: Field | null, pred?: (e: ValueEb) => Expression<SqlBool>) => (eb: Eb) => {
    let q = eb.selectFrom('item_field_values').select('item_field_values.item_id').whereRef('item_field_values.item_id', '=', 'items.id');
    q = f ? q.where('item_field_values.field_id', '=', f.id) : q.where('item_field_values.field_id', 'in', ids);
    // A scalar `(… limit 1) is not null`, same truth as EXISTS: SQLite turns an EXISTS into a join
    // with a Bloom filter built over every value of the field first (60 ms at 1M items, each time).
    return eb((pred ? q.where(pred) : q).limit(1), 'is not', null);
  };
  const parts: Cond[] = values.length < c.values.length ? [(eb) => eb.not(has(null)(eb))] : [];
  for (const f of values.length ? fields : []) {
    const ordered = f.type === 'number' || f.type === 'date';
    if (c.op !== '=' && !ordered) throw fail(`'${f.name}' is a ${f.type} field: it takes no '${c.op}'`);
    if (f.type === 'number') {
      const nums = values.map(Number);
      if (nums.some(Number.isNaN)) throw fail(`'${f.name}' takes numbers`);
      parts.push(has(f, (e) => (c.op === '=' ? e('item_field_values.num_value', 'in', nums) : e('item_field_values.num_value', c.op, nums[0]))));
    } else if (f.type === 'date') {
      for (const v of values) {
        const bounds = dateComparisons(dateValue(v, c), c.op, 'date', ctx.now, ctx.timeZone);
        parts.push(has(f, (e) => e.and(bounds.map(([op, b]) => e('item_field_values.text_value', op, b)))));
      }
    } else if (f.type === 'checkbox') {
      const checked = has(f, (e) => e('item_field_values.num_value', '=', 1));
      for (const v of values.map(lower)) {
        if (TRUE_WORDS.includes(v)) parts.push(checked);
        else if (FALSE_WORDS.includes(v)) parts.push((eb) => eb.not(checked(eb)));
        else throw fail(`'${f.name}' takes true or false`);
      }
    } else {
      // select options are stored by id; person fields by user id; text compares case-insensitively.
      const wanted = values.map(lower);
      const stored =
        f.type === 'select' || f.type === 'multi_select'
          ? f.options.filter((o) => wanted.includes(lower(o.name)) || values.includes(o.id)).map((o) => o.id)
          : f.type === 'person'
            ? people(wanted, lk, ctx)
            : null;
      if (stored) parts.push(stored.length ? has(f, (e) => e('item_field_values.text_value', 'in', stored)) : () => NEVER);
      else parts.push(has(f, (e) => e(sql<string>`lower(${e.ref('item_field_values.text_value')})`, 'in', wanted)));
    }
  }
  return (eb) => eb.or(parts.map((p) => p(eb)));
}
