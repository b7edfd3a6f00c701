import { type Expression, type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from './types';

/** The two storage engines. Every dialect difference lives in this file. */
export type Dialect = 'sqlite' | 'postgres';

/**
 * Turns free text into a safe full-text query: each word becomes a quoted term, so user syntax
 * (FTS5 operators, tsquery punctuation) never reaches the engine. Words are ANDed; a trailing
 * word also matches as a prefix on SQLite.
 */
export function ftsTerms(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}_]+/u)
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
    .slice(0, 32);
}

/**
 * A condition "this item's title, description or comments match the words", on either engine.
 * Text without a single letter or digit (`%'`, `--`) has no words to match and matches nothing:
 * matching everything would make a search for punctuation look like a filter that found it all.
 *
 * Two shapes on SQLite, same rows: `set` (few matches) turns the matches into item ids, which then
 * drive the query; `walk` (many matches) keeps the matches as a set of index rowids and checks each
 * item the list walks in its own order against it, so a first page stops after a few hundred items
 * instead of mapping and sorting every match (89k matches at 1M items: 17 ms instead of 500 ms).
 * PostgreSQL's planner chooses by itself from real statistics.
 */
export function itemMatchesText(dialect: Dialect, itemId: Expression<string>, text: string, shape: 'set' | 'walk' = 'set'): RawBuilder<SqlBool> {
  const terms = ftsTerms(text);
  if (terms.length === 0) return sql<SqlBool>`1 = 0`;
  if (dialect === 'postgres') {
    const q = terms.join(' ');
    return sql<SqlBool>`${itemId} in (select item_id from item_search where tsv @@ plainto_tsquery('english', ${q}))`;
  }
  const q = fts5Query(terms);
  if (shape === 'walk') {
    return sql<SqlBool>`(select s.id from item_search s where s.item_id = ${itemId}) in (select rowid from item_search_fts where item_search_fts match ${q})`;
  }
  return sql<SqlBool>`${itemId} in (select s.item_id from item_search s where s.id in (select rowid from item_search_fts where item_search_fts match ${q}))`;
}

const fts5Query = (terms: string[]) => terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');

/**
 * Does the text match at least `atLeast` indexed items (in any workspace)? Counts at most that
 * many, so it is cheap; it only picks the shape of `itemMatchesText`, never which rows match.
 */
export async function textMatchesMany(db: Kysely<Database>, dialect: Dialect, text: string, atLeast: number): Promise<boolean> {
  const terms = ftsTerms(text);
  if (dialect === 'postgres' || terms.length === 0) return false;
  const { rows } = await sql<{ n: number }>`select count(*) as n from (select rowid from item_search_fts where item_search_fts match ${fts5Query(terms)} limit ${atLeast})`.execute(db);
  return Number(rows[0]?.n ?? 0) >= atLeast;
}

/**
 * Serialises event appends on PostgreSQL until commit, so ids (max + 1 under this lock) are gapless
 * and commit in increasing order: a reader that resumes "after id N" can never later see a smaller
 * id appear. SQLite already has a single writer.
 */
export async function lockEventLog(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7715001)`.execute(db);
}

/** True when a database error is a unique-constraint violation, on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when a database error is a foreign-key violation, on either engine. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Case-insensitive equality that both engines index the same way. */
export function lowerEq(col: Expression<string>, value: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${col}) = ${value.toLowerCase()}`;
}

/**
 * `json_group_array(value order by …)` on SQLite, `json_agg(value order by …)` on PostgreSQL: a
 * JSON array of the rows of a (correlated) subquery, `[]` when there are none. Read the result
 * with `jsonValue`: SQLite returns JSON text, PostgreSQL an already parsed value.
 */
export function jsonArrayAgg(dialect: Dialect, value: RawBuilder<unknown> | Expression<unknown>, orderBy: RawBuilder<unknown>): RawBuilder<unknown> {
  if (dialect === 'postgres') return sql`coalesce(json_agg(${value} order by ${orderBy}), '[]'::json)`;
  return sql`json_group_array(${value} order by ${orderBy})`;
}

/** A JSON array of a few values (a tuple), for `jsonArrayAgg` of several columns. */
export function jsonTuple(dialect: Dialect, values: Array<RawBuilder<unknown> | Expression<unknown>>): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`json_build_array(${sql.join(values)})` : sql`json_array(${sql.join(values)})`;
}

/** A JSON column as a value: parses SQLite's text, passes PostgreSQL's parsed json through. */
export function jsonValue<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** The dialect a Kysely instance or transaction speaks (for helpers given only a handle). */
export function dialectOf(db: Kysely<Database>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
