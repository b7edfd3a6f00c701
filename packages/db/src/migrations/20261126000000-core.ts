import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect';

/** The core schema: identity, workspaces, spaces, items, conversation, views, events, search. */
export function coreMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('read_only', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();
      await db.schema
        .createTable('workspaces')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .createTable('members')
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addPrimaryKeyConstraint('members_pk', ['workspace_id', 'user_id'])
        .execute();
      await db.schema.createIndex('members_user').on('members').column('user_id').execute();
      await db.schema
        .createTable('invites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('space_ids', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('accepted_at', 'text')
        .addColumn('accepted_by', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('invites_workspace').on('invites').column('workspace_id').execute();
      await db.schema
        .createTable('teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('teams_workspace').on('teams').column('workspace_id').execute();
      await db.schema
        .createTable('team_members')
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('spaces')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('goal', 'text')
        .addColumn('start_date', 'text')
        .addColumn('target_date', 'text')
        .addColumn('lead_id', 'text', (c) => c.references('users.id'))
        .addColumn('project_status', 'text')
        .addColumn('item_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('archived_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addUniqueConstraint('spaces_key', ['workspace_id', 'key'])
        .execute();
      await db.schema
        .createTable('space_members')
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('space_members_pk', ['space_id', 'user_id'])
        .execute();
      await db.schema.createIndex('space_members_user').on('space_members').column('user_id').execute();
      await db.schema
        .createTable('statuses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('color', 'text')
        .execute();
      await db.schema.createIndex('statuses_space').on('statuses').columns(['space_id', 'position']).execute();
      await db.schema
        .createTable('item_types')
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('item_types_pk', ['workspace_id', 'key'])
        .execute();
      await db.schema
        .createTable('items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status_id', 'text', (c) => c.notNull().references('statuses.id'))
        .addColumn('status_category', 'text', (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('owner_id', 'text', (c) => c.references('users.id'))
        .addColumn('parent_id', 'text', (c) => c.references('items.id'))
        .addColumn('start_at', 'text')
        .addColumn('due_at', 'text')
        .addColumn('estimate', 'double precision')
        // Fractional keys must sort byte by byte: "C" collation on PostgreSQL (SQLite's default is binary).
        .addColumn('position', dialect === 'postgres' ? sql`text collate "C"` : 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .addColumn('deleted_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addUniqueConstraint('items_space_number', ['space_id', 'number'])
        .execute();
      await db.schema.createIndex('items_ws_key').on('items').columns(['workspace_id', 'key']).unique().execute();
      await db.schema.createIndex('items_board').on('items').columns(['space_id', 'status_id', 'position']).execute();
      // Default list order is updated_at desc, id desc: with id in the index a limit walks it.
      await db.schema.createIndex('items_ws_updated').on('items').columns(['workspace_id', 'updated_at', 'id']).execute();
      // "End of this column" and neighbour lookups go by status alone.
      await db.schema.createIndex('items_status_position').on('items').columns(['status_id', 'position']).execute();
      await db.schema.createIndex('items_ws_due').on('items').columns(['workspace_id', 'due_at']).execute();
      await db.schema.createIndex('items_ws_category').on('items').columns(['workspace_id', 'status_category']).execute();
      // Partial: most items have no parent, and with statistics a full index looked so unselective
      // that SQLite scanned all items in each step of the subitem tree walk.
      await db.schema.createIndex('items_parent').on('items').column('parent_id').where(sql.ref('parent_id'), 'is not', null).execute();
      await db.schema.createIndex('items_owner').on('items').column('owner_id').execute();
      await db.schema
        .createTable('item_keys')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('item_keys_pk', ['workspace_id', 'key'])
        .execute();
      await db.schema
        .createTable('item_assignees')
        .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addPrimaryKeyConstraint('item_assignees_pk', ['item_id', 'user_id'])
        .execute();
      await db.schema.createIndex('item_assignees_user').on('item_assignees').columns(['user_id', 'item_id']).execute();
      await db.schema
        .createTable('item_homes')
        .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('item_homes_pk', ['item_id', 'space_id'])
        .execute();
      await db.schema.createIndex('item_homes_space').on('item_homes').columns(['space_id', 'item_id']).execute();
      await db.schema
        .createTable('labels')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('color', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      // Case-insensitive: "Bug" and "bug" are one label (both engines index lower()).
      await sql`create unique index labels_name on labels (workspace_id, lower(name))`.execute(db);
      await db.schema
        .createTable('item_labels')
        .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('label_id', 'text', (c) => c.notNull().references('labels.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('item_labels_pk', ['item_id', 'label_id'])
        .execute();
      await db.schema.createIndex('item_labels_label').on('item_labels').columns(['label_id', 'item_id']).execute();
      await db.schema
        .createTable('item_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('from_item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('to_item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('item_links_pair', ['from_item_id', 'to_item_id', 'kind'])
        .execute();
      await db.schema.createIndex('item_links_to').on('item_links').column('to_item_id').execute();
      await db.schema
        .createTable('fields')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('space_id', 'text', (c) => c.references('spaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('fields_workspace').on('fields').column('workspace_id').execute();
      await db.schema
        .createTable('item_field_values')
        .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('field_id', 'text', (c) => c.notNull().references('fields.id').onDelete('cascade'))
        .addColumn('ord', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('text_value', 'text')
        .addColumn('num_value', 'double precision')
        .addPrimaryKeyConstraint('item_field_values_pk', ['item_id', 'field_id', 'ord'])
        .execute();
      await db.schema.createIndex('ifv_text').on('item_field_values').columns(['field_id', 'text_value']).execute();
      await db.schema.createIndex('ifv_num').on('item_field_values').columns(['field_id', 'num_value']).execute();
      await db.schema
        .createTable('comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('mention_ids', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text')
        .addColumn('deleted_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('comments_item').on('comments').columns(['item_id', 'created_at']).execute();
      await db.schema
        .createTable('views')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('space_id', 'text', (c) => c.references('spaces.id').onDelete('cascade'))
        .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('layout', 'text', (c) => c.notNull())
        .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('views_workspace').on('views').column('workspace_id').execute();
      await db.schema
        .createTable('events')
        // Ids are assigned by appendEvent under the event-log lock (max + 1), not by a sequence:
        // a PostgreSQL sequence leaves gaps when a transaction rolls back, and readers resume by id.
        .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('space_id', 'text')
        .addColumn('item_id', 'text')
        .addColumn('actor_id', 'text')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_workspace').on('events').columns(['workspace_id', 'id']).execute();
      await db.schema.createIndex('events_item').on('events').columns(['item_id', 'id']).execute();
      if (dialect === 'postgres') {
        await sql`create table item_search (
          item_id text primary key,
          workspace_id text not null,
          content text not null,
          tsv tsvector generated always as (to_tsvector('english', content)) stored)`.execute(db);
        await sql`create index item_search_tsv on item_search using gin (tsv)`.execute(db);
        await sql`create index item_search_ws on item_search (workspace_id)`.execute(db);
      } else {
        // A plain table (indexed by item_id, so rewriting one item's text is a lookup, not a scan)
        // feeding an external-content FTS5 index kept in sync by triggers.
        await sql`create table item_search (
          id integer primary key,
          item_id text not null unique,
          workspace_id text not null,
          content text not null)`.execute(db);
        await sql`create virtual table item_search_fts using fts5(
          content, content = 'item_search', content_rowid = 'id', tokenize = 'porter unicode61')`.execute(db);
        await sql`create trigger item_search_ai after insert on item_search begin
          insert into item_search_fts (rowid, content) values (new.id, new.content); end`.execute(db);
        await sql`create trigger item_search_ad after delete on item_search begin
          insert into item_search_fts (item_search_fts, rowid, content) values ('delete', old.id, old.content); end`.execute(db);
        await sql`create trigger item_search_au after update on item_search begin
          insert into item_search_fts (item_search_fts, rowid, content) values ('delete', old.id, old.content);
          insert into item_search_fts (rowid, content) values (new.id, new.content); end`.execute(db);
      }
    },
    async down(): Promise<void> {
      throw new Error('the core migration is not reversible');
    },
  };
}
