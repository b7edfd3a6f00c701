import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from './migrate';
import { createTestDb, testDialects } from './test-db';

const TABLES = ['users', 'sessions', 'api_tokens', 'workspaces', 'members', 'invites', 'teams', 'team_members', 'spaces', 'space_members', 'statuses', 'item_types', 'items', 'item_keys', 'item_assignees', 'item_homes', 'labels', 'item_labels', 'item_links', 'fields', 'item_field_values', 'comments', 'views', 'events', 'item_search'];

describe.each(testDialects())('migrations on %s', (dialect) => {
  it('migrate an empty database up, create every table, and are idempotent', async () => {
    const w = await createTestDb(dialect);
    try {
      const rows =
        dialect === 'postgres'
          ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(w.db)).rows
          : (await sql<{ name: string }>`select name from sqlite_master where type in ('table')`.execute(w.db)).rows;
      const names = rows.map((r) => r.name);
      for (const t of TABLES) expect(names).toContain(t);
      expect(await migrateToLatest(w.db, dialect)).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('full-text search stems, matches and survives hostile input', async () => {
    const w = await createTestDb(dialect);
    try {
      await w.db.insertInto('item_search').values([
        { item_id: 'a', workspace_id: 'w', content: 'Foxes were jumping over the fence' },
        { item_id: 'b', workspace_id: 'w', content: 'Quarterly payroll' },
      ]).execute();
      const { itemMatchesText } = await import('./dialect');
      const q = (text: string) => w.db.selectFrom('item_search').select('item_id').where((eb) => itemMatchesText(dialect, eb.ref('item_id'), text)).execute();
      expect((await q('jumped foxes')).map((r) => r.item_id)).toEqual(['a']);
      expect(await q('payroll')).toHaveLength(1);
      for (const hostile of ['"', 'NEAR(a b)', "'; drop table items; --", 'a AND OR NOT', '*', '^foo', ':']) {
        await expect(q(hostile)).resolves.toBeDefined();
      }
      // Punctuation alone has no words: it matches nothing rather than everything.
      for (const none of ['*', "%' --", '"']) expect(await q(none)).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
