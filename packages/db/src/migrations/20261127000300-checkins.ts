import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';

/** Tables of issue 4: check-ins, their occurrences, per-person prompts, answers and comments. */
export function checkinsMigration(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('checkins')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
        .addColumn('space_id', 'text', (c) => c.references('spaces.id').onDelete('set null'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('recurrence', 'text', (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('aging_days', 'integer', (c) => c.notNull().defaultTo(7))
        .addColumn('schedule_from', 'text', (c) => c.notNull())
        .addColumn('paused_at', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('checkins_ws').on('checkins').columns(['workspace_id', 'id']).execute();
      await db.schema
        .createTable('checkin_participants')
        .addColumn('checkin_id', 'text', (c) => c.notNull().references('checkins.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('checkin_participants_pk', ['checkin_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('checkin_occurrences')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('checkin_id', 'text', (c) => c.notNull().references('checkins.id').onDelete('cascade'))
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('local_date', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        // Exactly once: two schedulers opening the same date collide here.
        .addUniqueConstraint('checkin_occurrences_date', ['checkin_id', 'local_date'])
        .execute();
      await db.schema
        .createTable('checkin_prompts')
        .addColumn('occurrence_id', 'text', (c) => c.notNull().references('checkin_occurrences.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('checkin_id', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('draft', 'text', (c) => c.notNull())
        .addColumn('skipped_at', 'text')
        .addPrimaryKeyConstraint('checkin_prompts_pk', ['occurrence_id', 'user_id'])
        .execute();
      await db.schema.createIndex('checkin_prompts_user').on('checkin_prompts').columns(['checkin_id', 'user_id', 'due_at']).execute();
      await db.schema
        .createTable('checkin_answers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('occurrence_id', 'text', (c) => c.notNull().references('checkin_occurrences.id').onDelete('cascade'))
        .addColumn('checkin_id', 'text', (c) => c.notNull())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addUniqueConstraint('checkin_answers_one', ['occurrence_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('checkin_comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('answer_id', 'text', (c) => c.notNull().references('checkin_answers.id').onDelete('cascade'))
        .addColumn('checkin_id', 'text', (c) => c.notNull())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text')
        .addColumn('deleted_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('checkin_comments_answer').on('checkin_comments').columns(['answer_id', 'created_at']).execute();
    },
  };
}
