import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';

/** Tables of issue 4: templates. */
export function templatesMigration(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('templates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('space_id', 'text', (c) => c.references('spaces.id').onDelete('cascade'))
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      // Lists go by workspace in name order (then id, for the cursor).
      await db.schema.createIndex('templates_ws_name').on('templates').columns(['workspace_id', 'name', 'id']).execute();
      await db.schema.createIndex('templates_space').on('templates').column('space_id').execute();
    },
  };
}
