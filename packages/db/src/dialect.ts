import { CompiledQuery, type Expression, type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';
import { createHash } from 'node:crypto';
import { pgPoolOf, sqliteHandleOf } from './connect';
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
 * `column in (values)` where the values match so many items that the list's own order (e.g. the
 * (workspace, updated_at) index) finds a first page sooner than the column's index would: on SQLite
 * a unary `+` keeps the planner off the column's index. Its estimates come from per-value averages,
 * so for an IN list over many spaces' statuses it fetched and sorted every match (20k rows at 100k
 * items: 50 ms) where walking the list and stopping at the page's end takes 8 ms.
 * PostgreSQL's planner chooses by itself from real statistics; there it is the plain condition.
 */
export function inWalkingListOrder(dialect: Dialect, column: Expression<string>, values: readonly string[]): RawBuilder<SqlBool> {
  return dialect === 'sqlite' ? sql<SqlBool>`+${column} in (${sql.join(values)})` : sql<SqlBool>`${column} in (${sql.join(values)})`;
}

/** Do at least `atLeast` items (trashed ones too) have one of these statuses? Counts at most that many, index only. */
export async function statusesHoldMany(db: Kysely<Database>, statusIds: readonly string[], atLeast: number): Promise<boolean> {
  if (statusIds.length === 0) return false;
  const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from items where status_id in (${sql.join(statusIds)}) limit ${atLeast})`.execute(db);
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

/** A parameter slot of a `preparedQuery`: the value the caller passes at position `i`. */
export const param = (i: number): string => `:weft-param-${i}:`;
/** Only values written into the query by code are compared with this, never what callers pass. */
const PARAM = /^:weft-param-(\d+):$/;

type Compiled = { sql: string; slots: Array<{ arg: number } | { value: unknown }>; name: string };
type Statement = { all(...params: unknown[]): unknown[] };

/**
 * A hot read compiled once instead of per request (building and compiling a Kysely query cost ~15%
 * of an item read). `build` writes the query with Kysely as usual, with `param(i)` where the
 * caller's i-th argument goes; it is compiled once per dialect and the slots are remembered.
 *
 * Execution: on SQLite, outside any transaction, the prepared better-sqlite3 statement runs at once
 * (no Kysely executor, no async hops). That is safe because better-sqlite3 runs each statement to
 * completion on the one connection, and `inTransaction` tells whether a transaction holds it: then
 * (and on a transaction handle) the compiled SQL goes through Kysely's executor like any query,
 * which waits its turn and sees what that transaction sees. On PostgreSQL outside a transaction it
 * runs as a named prepared statement on a pooled connection.
 */
export function preparedQuery<R>(build: (db: Kysely<Database>) => { compile(db: Kysely<Database>): { sql: string; parameters: readonly unknown[] } }) {
  const compiled = new Map<Dialect, Compiled>();
  const statements = new WeakMap<object, Statement>();
  const compile = (db: Kysely<Database>, dialect: Dialect): Compiled => {
    let c = compiled.get(dialect);
    if (!c) {
      const q = build(db).compile(db);
      c = {
        sql: q.sql,
        // A PostgreSQL prepared-statement name that only this SQL text can have.
        name: `weft_${createHash('sha256').update(q.sql).digest('hex').slice(0, 24)}`,
        slots: q.parameters.map((v) => {
          const m = typeof v === 'string' ? PARAM.exec(v) : null;
          return m ? { arg: Number(m[1]) } : { value: v };
        }),
      };
      compiled.set(dialect, c);
    }
    return c;
  };
  return async (db: Kysely<Database>, args: readonly unknown[]): Promise<R[]> => {
    const dialect = dialectOf(db);
    const c = compile(db, dialect);
    const values = c.slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
    const raw = dialect === 'sqlite' ? sqliteHandleOf(db) : undefined;
    if (raw?.open && !raw.inTransaction) {
      let stmt = statements.get(raw);
      if (!stmt) {
        stmt = raw.prepare(c.sql) as unknown as Statement;
        statements.set(raw, stmt);
      }
      return stmt.all(...values) as R[];
    }
    // PostgreSQL outside a transaction: a named statement, parsed and planned once per pooled
    // connection instead of on every call (the item read's seven aggregates took longer to plan
    // than to run). Inside a transaction the transaction's own connection runs it, through Kysely.
    const pool = dialect === 'postgres' ? pgPoolOf(db) : undefined;
    if (pool) return (await pool.query({ name: c.name, text: c.sql, values })).rows as R[];
    const r = await db.executeQuery<R>(CompiledQuery.raw(c.sql, values));
    return r.rows;
  };
}

/** Bound parameters one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER, PostgreSQL's protocol limit. */
const MAX_PARAMS: Record<Dialect, number> = { sqlite: 32_766, postgres: 65_535 };
const insertTexts = new Map<string, string>();

/**
 * Multi-row INSERT of many rows with as few statements as the parameter limit allows (1,000
 * items of 23 columns: one statement). The SQL text is built once per table, columns and row
 * count and reused (SQLite's statement cache then reuses the prepared statement), instead of a
 * Kysely insert builder whose per-value nodes cost ~10 ms per 1,000 rows. `table` and `columns`
 * are identifiers from code, never input; values are bound parameters.
 */
export async function insertRows(db: Kysely<Database>, table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): Promise<void> {
  if (rows.length === 0) return;
  const dialect = dialectOf(db);
  const per = Math.max(1, Math.floor(MAX_PARAMS[dialect] / columns.length));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.length <= per ? rows : rows.slice(i, i + per);
    const key = `${dialect}\u0000${table}\u0000${columns.join(',')}\u0000${chunk.length}`;
    let text = insertTexts.get(key);
    if (!text) {
      const n = columns.length;
      const tuple = (r: number) => `(${columns.map((_, c) => (dialect === 'postgres' ? `$${r * n + c + 1}` : '?')).join(',')})`;
      text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${Array.from({ length: chunk.length }, (_, r) => tuple(r)).join(',')}`;
      if (insertTexts.size >= 256) insertTexts.clear();
      insertTexts.set(key, text);
    }
    const params: unknown[] = [];
    for (const r of chunk) for (const v of r) params.push(v);
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

