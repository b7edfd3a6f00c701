/** A comparison operator; only ordered fields (priority, dates, number/date custom fields) take one other than `=`. */
export type QueryOp = '=' | '<' | '<=' | '>' | '>=';

/**
 * One `field:value` term. `field` is the canonical built-in name (`id:` becomes `key`) or, for a
 * custom field, its normalised name (lower case, spaces as underscores). `values` are ORed.
 * `position` is the offset of the field name in the input, so later stages can point at it.
 */
export type Clause = { field: string; op: QueryOp; values: string[]; negated: boolean; position: number };

export type SortSpec = { field: string; direction: 'asc' | 'desc' };

/** A parsed query: clauses and free text are ANDed; sort and group only shape the result. */
export type QueryAst = {
  clauses: Clause[];
  text: string[];
  sort: SortSpec[];
  /** a built-in field, or `field:<normalized name>` for a custom field */
  group: string | null;
  /** where the group's value is in the input (offset, length), for an error about it */
  groupAt?: [number, number];
};
