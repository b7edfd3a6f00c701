import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TestApp } from '../../apps/server/src/test/harness';

/**
 * An exact digest of every row of every table (listed from the catalogue, so a table added later
 * is covered without touching this file), cheap enough to take around thousands of requests.
 *
 * harness.dbDigest reads 21 tables one query at a time; here PostgreSQL hashes each table on the
 * server in one round trip, and SQLite skips the work entirely while `total_changes()` has not
 * moved: that counter grows with every row any statement on the one connection inserts, updates
 * or deletes (rolled back or not), so an unmoved counter proves nothing was written.
 */
export type Digester = {
  /** The digest, from the cache unless something may have been written since it was taken. */
  current(): Promise<string>;
  /** The digest as the database is now: PostgreSQL always recomputes; SQLite only when rows changed. */
  fresh(): Promise<string>;
  /** Forget the cached digest (after a request that was allowed to write). */
  invalidate(): void;
};

export function digester(t: TestApp): Digester {
  const db = t.deps.store.db;
  let tables: string[] | null = null;
  let cached: { digest: string; changes: number } | null = null;

  const listTables = async (): Promise<string[]> => {
    if (tables) return tables;
    const q =
      t.dialect === 'sqlite'
        ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'create virtual%' order by name`
        : sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`;
    tables = (await q.execute(db)).rows.map((r) => r.name);
    return tables;
  };

  const changes = async (): Promise<number> => {
    if (t.dialect !== 'sqlite') return -1;
    const { rows } = await sql<{ n: number }>`select total_changes() as n`.execute(db);
    return Number(rows[0].n);
  };

  const compute = async (): Promise<string> => {
    const names = await listTables();
    if (t.dialect === 'postgres') {
      const cols = names.map((n) => `(select md5(coalesce(string_agg(r::text, chr(10) order by r::text), '')) from "${n}" r) as "${n}"`);
      const { rows } = await sql.raw<Record<string, string>>(`select ${cols.join(', ')}`).execute(db);
      return names.map((n) => `${n}:${rows[0][n]}`).join('\n');
    }
    const h = createHash('sha256');
    for (const n of names) {
      const { rows } = await sql.raw<Record<string, unknown>>(`select * from "${n}"`).execute(db);
      const lines = rows.map((r) => JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))).sort();
      h.update(`${n}:${lines.length}\n${lines.join('\n')}\n`);
    }
    return h.digest('hex');
  };

  const take = async (): Promise<string> => {
    const digest = await compute();
    cached = { digest, changes: await changes() };
    return digest;
  };

  return {
    async current() {
      if (cached && (t.dialect !== 'sqlite' || cached.changes === (await changes()))) return cached.digest;
      return take();
    },
    async fresh() {
      if (cached && t.dialect === 'sqlite' && cached.changes === (await changes())) return cached.digest;
      return take();
    },
    invalidate() {
      cached = null;
    },
  };
}
