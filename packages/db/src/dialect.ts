import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
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
 */
export function itemMatchesText(dialect: Dialect, itemId: Expression<string>, text: string): RawBuilder<SqlBool> {
  const terms = ftsTerms(text);
  if (terms.length === 0) return sql<SqlBool>`1 = 0`;
  if (dialect === 'postgres') {
    const q = terms.join(' ');
    return sql<SqlBool>`${itemId} in (select item_id from item_search where tsv @@ plainto_tsquery('english', ${q}))`;
  }
  const q = terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');
  return sql<SqlBool>`${itemId} in (select s.item_id from item_search s where s.id in (select rowid from item_search_fts where item_search_fts match ${q}))`;
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
