import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';

/** Tables of issue 4: routines and the scheduler. */
export function routinesMigration(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('routines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('rrule', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('start_local', 'text', (c) => c.notNull())
        .addColumn('exdates', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('anchor', 'text', (c) => c.notNull())
        .addColumn('skip_while_open', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lead_days', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('rotation', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('run_as', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('paused_at', 'text')
        .addColumn('next_at', 'text')
        .addColumn('next_create_at', 'text')
        .addColumn('last_occurrence_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('routines_space').on('routines').columns(['space_id', 'id']).execute();
      // The scheduler's pass: routines whose next occurrence is due for creation.
      await db.schema.createIndex('routines_due').on('routines').columns(['next_create_at']).execute();
      await db.schema
        .createTable('routine_occurrences')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('routine_id', 'text', (c) => c.notNull().references('routines.id').onDelete('cascade'))
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('space_id', 'text', (c) => c.notNull())
        .addColumn('occurrence_at', 'text', (c) => c.notNull())
        .addColumn('local_date', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('create_at', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.references('items.id').onDelete('set null'))
        .addColumn('assignee_id', 'text')
        .addColumn('reason', 'text')
        .addColumn('override', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // Exactly once: two schedulers racing for one occurrence collide here; the loser does nothing.
        .addUniqueConstraint('routine_occurrences_once', ['routine_id', 'occurrence_at'])
        .execute();
      // Overrides waiting to be created (postponed or edited occurrences), by when they are due.
      await db.schema.createIndex('routine_occurrences_pending').on('routine_occurrences').columns(['state', 'create_at']).execute();
      await db.schema.createIndex('routine_occurrences_item').on('routine_occurrences').columns(['item_id']).execute();
    },
  };
}
