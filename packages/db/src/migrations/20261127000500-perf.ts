import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../dialect';

/**
 * What changes who may see what: a change to any of these columns (or a deleted row) bumps the
 * access epoch, so cached sessions, tokens, memberships and space access are re-read. Inserts of
 * sessions and tokens are left out (a new secret is a cache miss anyway), and so is
 * `api_tokens.last_used_at` (touched by reads, it changes no one's access).
 */
const WATCHED: Array<{ table: string; insert: boolean; columns: string[] }> = [
  { table: 'members', insert: true, columns: ['role', 'user_id', 'workspace_id'] },
  { table: 'space_members', insert: true, columns: ['space_id', 'user_id'] },
  { table: 'spaces', insert: false, columns: ['visibility', 'workspace_id'] },
  { table: 'api_tokens', insert: false, columns: ['user_id', 'token_hash', 'read_only', 'expires_at', 'revoked_at'] },
  { table: 'sessions', insert: false, columns: ['id', 'user_id', 'expires_at'] },
  { table: 'users', insert: false, columns: ['id'] },
  { table: 'workspaces', insert: false, columns: ['id'] },
];

/**
 * The benchmark targets of issue 3: an access epoch for the in-process access cache (bumped by
 * triggers in the same transaction as the change, so it cannot be forgotten by a code path, and
 * every server process sees it), and indexes for the board and the query language at 1M items.
 */
export function perfMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`create table access_epoch (id integer primary key, value integer not null)`.execute(db);
      await sql`insert into access_epoch (id, value) values (1, 1)`.execute(db);
      if (dialect === 'postgres') {
        await sql`create function bump_access_epoch() returns trigger language plpgsql as $$
          begin update access_epoch set value = value + 1 where id = 1; return null; end $$`.execute(db);
      }
      for (const w of WATCHED) {
        const events = [...(w.insert ? ['insert'] : []), 'delete', `update of ${w.columns.join(', ')}`];
        for (const [i, event] of events.entries()) {
          const name = sql.raw(`${w.table}_access_epoch_${i}`);
          const table = sql.raw(w.table);
          if (dialect === 'postgres') {
            // Row-level, like SQLite's: a statement-level trigger fires even when no row matched, so a
            // refused delete (404) would still write the epoch.
            await sql`create trigger ${name} after ${sql.raw(event)} on ${table} for each row execute function bump_access_epoch()`.execute(db);
          } else {
            await sql`create trigger ${name} after ${sql.raw(event)} on ${table} begin update access_epoch set value = value + 1 where id = 1; end`.execute(db);
          }
        }
      }
      await indexes(db, dialect);
    },
  };
}

/**
 * `space:KEY` queries list a space's items newest first: with (space_id, updated_at, id) the
 * planner walks one space in list order and stops at the end of the page (overdue in a space at
 * 1M items: 2 ms instead of 120–200 ms). The board reads (space_id, status_id, position), which
 * the core migration already has (items_board).
 */
async function indexes(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex('items_space_updated').on('items').columns(['space_id', 'updated_at', 'id']).execute();
}
