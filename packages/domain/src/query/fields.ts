import { STATUS_CATEGORIES } from '../workflow';

/** The built-in field names, for docs and autocomplete. Anything else is read as a custom field. */
export const QUERY_FIELDS = [
  'status',
  'category',
  'assignee',
  'owner',
  'label',
  'type',
  'priority',
  'space',
  'due',
  'start',
  'created',
  'updated',
  'completed',
  'parent',
  'is',
  'key',
  'id',
  'sla',
  'sort',
  'group',
] as const;

/** Alternative spellings people type; each maps to a canonical field. */
export const QUERY_FIELD_ALIASES: Readonly<Record<string, string>> = {
  id: 'key',
  assignees: 'assignee',
  labels: 'label',
};

export const DATE_FIELDS = ['due', 'start', 'created', 'updated', 'completed'] as const;
export const IS_VALUES = ['open', 'closed', 'blocked', 'overdue', 'subitem'] as const;
/** `sla:` values: the state of an item's intake request (issue 4, docs/intake.md). */
export const SLA_QUERY_VALUES = ['breached', 'at_risk', 'on_track'] as const;
export const SORT_FIELDS = ['priority', 'due', 'start', 'created', 'updated', 'completed', 'title', 'key', 'number', 'position', 'estimate'] as const;
export const GROUP_FIELDS = ['status', 'assignee', 'priority', 'label', 'type', 'space', 'owner', 'none'] as const;
export const CATEGORY_VALUES: readonly string[] = STATUS_CATEGORIES;

/**
 * Field and status names compare loosely: case-insensitive, with runs of spaces, hyphens and
 * underscores equal, so `customer_tier` finds "Customer tier" and `in_progress` finds "In Progress".
 */
export function normalizeQueryName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, '_');
}

/** The canonical built-in name for a field as typed, or null when it is not built in. */
export function builtinField(name: string): string | null {
  const n = normalizeQueryName(name);
  const canonical = QUERY_FIELD_ALIASES[n] ?? n;
  return (QUERY_FIELDS as readonly string[]).includes(canonical) ? canonical : null;
}
