import { PRIORITIES } from '../workflow';
import type { Clause, QueryAst, SortSpec } from './ast';
import { parseDateValue } from './dates';
import {
  builtinField,
  CATEGORY_VALUES,
  DATE_FIELDS,
  GROUP_FIELDS,
  IS_VALUES,
  normalizeQueryName,
  QUERY_FIELD_ALIASES,
  SLA_QUERY_VALUES,
  SORT_FIELDS,
} from './fields';
import { queryError, type RawValue, type Term, tokenize } from './tokenize';

type FieldTerm = Extract<Term, { kind: 'field' }>;

/**
 * `customFields`: the workspace's custom field names. When given, a field that is neither built in
 * nor among them is rejected here; when omitted (the server), the compiler rejects it instead.
 */
export type ParseOptions = { customFields?: readonly string[] };

const includes = (list: readonly string[], v: string) => list.includes(v);
const isOrdered = (field: string | null) => field === null || field === 'priority' || includes(DATE_FIELDS, field);

/** Parses a query (pure): throws WeftError QUERY_INVALID with the offset and length of the problem. */
export function parseQuery(input: string, opts: ParseOptions = {}): QueryAst {
  const ast: QueryAst = { clauses: [], text: [], sort: [], group: null };
  let groupTerm: FieldTerm | null = null;
  for (const term of tokenize(input)) {
    if (term.kind === 'text') {
      ast.text.push(term.text);
      continue;
    }
    const field = builtinField(term.name);
    if (field === 'sort' || field === 'group') {
      if (term.negated) throw queryError(`'${field}:' cannot be negated`, term.position - 1, term.length + 1);
      if (term.op !== '=') throw queryError(`'${field}:' takes no operator`, term.opPosition, term.op.length);
      if (field === 'sort') {
        ast.sort.push(...term.values.map(parseSort));
        continue;
      }
      if (groupTerm) throw queryError("Only one 'group:' is allowed", term.position, term.length);
      if (term.values.length > 1) throw queryError("'group:' takes one value", term.values[1].position, term.values[1].length);
      ast.group = parseGroup(term.values[0], opts);
      ast.groupAt = [term.values[0].position, term.values[0].length];
      groupTerm = term;
      continue;
    }
    ast.clauses.push(...buildClauses(term, field, opts));
  }
  return ast;
}

function buildClauses(term: FieldTerm, field: string | null, opts: ParseOptions): Clause[] {
  const name = field ?? normalizeQueryName(term.name);
  if (field === null && opts.customFields && !opts.customFields.some((f) => normalizeQueryName(f) === name)) {
    throw queryError(`Unknown field '${term.name}'`, term.position, term.length);
  }
  const base = { field: name, negated: term.negated, position: term.position };
  if (term.op !== '=') {
    if (!isOrdered(field)) throw queryError(`'${term.name}:' does not take '${term.op}'`, term.opPosition, term.op.length);
    if (term.values.length > 1) throw queryError('A comparison takes one value', term.values[1].position, term.values[1].length);
    return [{ ...base, op: term.op, values: [checkValue(field, term.values[0], term.op)] }];
  }
  const only = term.values.length === 1 ? term.values[0] : null;
  if (only && !only.quoted && isOrdered(field) && only.text.includes('..')) return rangeClauses(term, field, only, base);
  return [{ ...base, op: '=', values: term.values.map((v) => checkValue(field, v, '=')) }];
}

// `due:2026-12-01..2026-12-31` is both bounds, inclusive; its negation would be an OR, which a
// flat list of ANDed clauses cannot say, so it is refused rather than silently mis-read.
function rangeClauses(term: FieldTerm, field: string | null, v: RawValue, base: Omit<Clause, 'op' | 'values'>): Clause[] {
  if (term.negated) throw queryError('A range cannot be negated: use two comparisons', term.position - 1, v.position + v.length - term.position + 1);
  const cut = v.text.indexOf('..');
  const lo: RawValue = { text: v.text.slice(0, cut), position: v.position, length: cut, quoted: false };
  const hi: RawValue = { text: v.text.slice(cut + 2), position: v.position + cut + 2, length: v.length - cut - 2, quoted: false };
  for (const side of [lo, hi]) {
    if (side.text === '' || side.text.includes('..')) throw queryError('A range needs a value on each side of ..', v.position, v.length);
  }
  return [
    { ...base, op: '>=', values: [checkValue(field, lo, '>=')] },
    { ...base, op: '<=', values: [checkValue(field, hi, '<=')] },
  ];
}

/** Validates one value of a built-in field and returns it in canonical form. */
function checkValue(field: string | null, v: RawValue, op: string): string {
  const lower = v.text.toLowerCase();
  const fail = (msg: string) => queryError(msg, v.position, v.length);
  switch (field) {
    case 'category': {
      const c = lower === 'cancelled' ? 'canceled' : normalizeQueryName(lower);
      if (!includes(CATEGORY_VALUES, c)) throw fail(`Unknown category '${v.text}': use ${CATEGORY_VALUES.join(', ')}`);
      return c;
    }
    case 'sla': {
      const state = normalizeQueryName(lower);
      if (!includes(SLA_QUERY_VALUES, state)) throw fail(`Unknown 'sla:' value '${v.text}': use ${SLA_QUERY_VALUES.join(', ')}`);
      return state;
    }
    case 'is':
      if (!includes(IS_VALUES, lower)) throw fail(`Unknown 'is:' value '${v.text}': use ${IS_VALUES.join(', ')}`);
      return lower;
    case 'priority':
      if (!includes(PRIORITIES, lower)) throw fail(`Unknown priority '${v.text}': use ${PRIORITIES.join(', ')}`);
      return lower;
    case 'due':
    case 'start':
    case 'created':
    case 'updated':
    case 'completed': {
      const d = parseDateValue(v.text);
      if (!d) throw fail(`'${v.text}' is not a date: use YYYY-MM-DD, today, tomorrow, yesterday or -7d, -2w, -1m, -12h`);
      if (d.kind === 'overdue' && field !== 'due') throw fail(`'overdue' applies only to 'due:'`);
      if ((d.kind === 'none' || d.kind === 'overdue') && op !== '=') throw fail(`'${lower}' cannot be compared`);
      return d.kind === 'date' || d.kind === 'instant' || d.kind === 'relative' ? v.text : lower;
    }
    default:
      return v.text;
  }
}

function parseSort(v: RawValue): SortSpec {
  let text = v.text.toLowerCase();
  let direction: SortSpec['direction'] = 'asc';
  const suffix = /^(.*):(asc|desc)$/.exec(text);
  if (suffix) [, text, direction] = suffix as unknown as [string, string, SortSpec['direction']];
  if (text.startsWith('-')) {
    if (suffix) throw queryError("Use either '-field' or 'field:desc', not both", v.position, v.length);
    direction = 'desc';
    text = text.slice(1);
  }
  const field = QUERY_FIELD_ALIASES[text] ?? text;
  if (!includes(SORT_FIELDS, field)) throw queryError(`Cannot sort by '${v.text}': use ${SORT_FIELDS.join(', ')}`, v.position, v.length);
  return { field, direction };
}

/**
 * A built-in field, or `field:<name>` (normalized) for a custom field: checked against
 * `opts.customFields` when given, else by the compiler (which knows the workspace's fields).
 */
function parseGroup(v: RawValue, opts: ParseOptions): string {
  const n = normalizeQueryName(v.text);
  const field = QUERY_FIELD_ALIASES[n] ?? n;
  if (includes(GROUP_FIELDS, field)) return field;
  const known = opts.customFields === undefined || opts.customFields.some((f) => normalizeQueryName(f) === n);
  if (!known || builtinField(v.text) !== null) throw queryError(`Cannot group by '${v.text}': use ${GROUP_FIELDS.join(', ')} or a custom field`, v.position, v.length);
  return `field:${n}`;
}
