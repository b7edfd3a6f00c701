import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect';

/** Tables of issue 4: intake forms, requests, SLAs, calendars. */
export function intakeMigration(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('working_calendars')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('hours', 'text', (c) => c.notNull())
        .addColumn('holidays', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('working_calendars_ws').on('working_calendars').columns(['workspace_id', 'id']).execute();
      await db.schema
        .createTable('sla_policies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('space_id', 'text', (c) => c.notNull().unique().references('spaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        // No cascade: a calendar in use cannot be deleted (the command says so with a 409).
        .addColumn('calendar_id', 'text', (c) => c.notNull().references('working_calendars.id'))
        .addColumn('targets', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .createTable('intake_forms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
        .addColumn('public_id', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('access', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('item_type', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('triage_status_id', 'text')
        .addColumn('assignee_rule', 'text', (c) => c.notNull())
        .addColumn('rr_turn', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('intake_forms_space').on('intake_forms').columns(['space_id', 'id']).execute();
      await db.schema
        .createTable('intake_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
        .addColumn('form_id', 'text', (c) => c.notNull().references('intake_forms.id').onDelete('cascade'))
        .addColumn('item_id', 'text', (c) => c.notNull().unique().references('items.id').onDelete('cascade'))
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('requester_email', 'text', (c) => c.notNull())
        .addColumn('requester_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('ip_hash', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('decline_reason', 'text')
        .addColumn('merged_into_id', 'text', (c) => c.references('intake_requests.id').onDelete('set null'))
        .addColumn('triaged_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('triaged_at', 'text')
        .addColumn('sla_policy_id', 'text', (c) => c.references('sla_policies.id').onDelete('set null'))
        .addColumn('first_response_due_at', 'text')
        .addColumn('first_response_risk_at', 'text')
        .addColumn('first_response_at', 'text')
        .addColumn('resolution_due_at', 'text')
        .addColumn('resolution_risk_at', 'text')
        .addColumn('resolved_at', 'text')
        .addColumn('first_response_risk_event_at', 'text')
        .addColumn('first_response_breach_event_at', 'text')
        .addColumn('resolution_risk_event_at', 'text')
        .addColumn('resolution_breach_event_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      // Queue lists: a space's requests in a triage state, newest first.
      await db.schema.createIndex('intake_requests_queue').on('intake_requests').columns(['space_id', 'state', 'id']).execute();
      // Rate limits count recent submissions per address and per client (public forms).
      await db.schema.createIndex('intake_requests_email').on('intake_requests').columns(['requester_email', 'created_at']).execute();
      await db.schema.createIndex('intake_requests_ip').on('intake_requests').columns(['ip_hash', 'created_at']).execute();
      // The SLA job scans open clocks by due time.
      await db.schema.createIndex('intake_requests_fr_due').on('intake_requests').columns(['first_response_at', 'first_response_due_at']).execute();
      await db.schema.createIndex('intake_requests_res_due').on('intake_requests').columns(['resolved_at', 'resolution_due_at']).execute();
    },
  };
}
