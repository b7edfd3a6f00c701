import type { CheckinsDatabase } from './schema/checkins';
import type { IntakeDatabase } from './schema/intake';
import type { RoutinesDatabase } from './schema/routines';
import type { TemplatesDatabase } from './schema/templates';

/**
 * Table types. Conventions that keep both dialects identical:
 * instants are ISO-8601 UTC text, booleans are 0/1 integers, JSON is text.
 */
export type UsersTable = {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  time_zone: string;
  created_at: string;
  updated_at: string;
  version: number;
};
export type SessionsTable = { id: string; user_id: string; created_at: string; expires_at: string };
export type ApiTokensTable = {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  read_only: number;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
};
export type WorkspacesTable = {
  id: string;
  name: string;
  slug: string;
  time_zone: string;
  created_at: string;
  updated_at: string;
  version: number;
};
export type MembersTable = {
  workspace_id: string;
  user_id: string;
  role: string;
  created_at: string;
  version: number;
};
export type InvitesTable = {
  id: string;
  workspace_id: string;
  token_hash: string;
  role: string;
  email: string | null;
  space_ids: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
};
export type TeamsTable = { id: string; workspace_id: string; name: string; created_at: string; updated_at: string; version: number };
export type TeamMembersTable = { team_id: string; user_id: string };
export type SpacesTable = {
  id: string;
  workspace_id: string;
  key: string;
  name: string;
  kind: string;
  description: string;
  visibility: string;
  goal: string | null;
  start_date: string | null;
  target_date: string | null;
  lead_id: string | null;
  project_status: string | null;
  item_seq: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
};
export type SpaceMembersTable = { space_id: string; user_id: string; created_at: string };
export type StatusesTable = {
  id: string;
  space_id: string;
  name: string;
  category: string;
  position: number;
  color: string | null;
};
export type ItemTypesTable = { workspace_id: string; key: string; name: string };
export type ItemsTable = {
  id: string;
  workspace_id: string;
  space_id: string;
  number: number;
  key: string;
  type: string;
  title: string;
  description: string;
  status_id: string;
  /** denormalised from the status so lists and the query language filter without a join */
  status_category: string;
  priority: number;
  owner_id: string | null;
  parent_id: string | null;
  start_at: string | null;
  due_at: string | null;
  estimate: number | null;
  position: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  deleted_at: string | null;
  version: number;
};
/** Keys an item had in spaces it moved out of, so old links keep resolving. */
export type ItemKeysTable = { workspace_id: string; key: string; item_id: string };
export type ItemAssigneesTable = { item_id: string; user_id: string };
export type ItemHomesTable = { item_id: string; space_id: string };
export type LabelsTable = { id: string; workspace_id: string; name: string; color: string | null; created_at: string; version: number };
export type ItemLabelsTable = { item_id: string; label_id: string };
export type ItemLinksTable = { id: string; workspace_id: string; from_item_id: string; to_item_id: string; kind: string; created_at: string };
export type FieldsTable = {
  id: string;
  workspace_id: string;
  space_id: string | null;
  name: string;
  type: string;
  options: string;
  position: number;
  created_at: string;
  version: number;
};
/** One row per value (multi-select and person fields have several), typed into text or number. */
export type ItemFieldValuesTable = {
  item_id: string;
  field_id: string;
  ord: number;
  text_value: string | null;
  num_value: number | null;
};
export type CommentsTable = {
  id: string;
  workspace_id: string;
  item_id: string;
  author_id: string;
  body: string;
  mention_ids: string;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  version: number;
};
export type ViewsTable = {
  id: string;
  workspace_id: string;
  space_id: string | null;
  owner_id: string | null;
  name: string;
  query: string;
  layout: string;
  shared: number;
  options: string;
  created_at: string;
  updated_at: string;
  version: number;
};
export type EventsTable = {
  id: number;
  workspace_id: string;
  space_id: string | null;
  item_id: string | null;
  actor_id: string | null;
  type: string;
  data: string;
  created_at: string;
};
/** The searchable text of an item: title, description and its comments. */
export type ItemSearchTable = { item_id: string; workspace_id: string; content: string };
// (SQLite adds an integer `id` for its FTS5 index; it is never read or written by hand.)

/** The tables of the core (issue 2). */
export type CoreDatabase = {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  workspaces: WorkspacesTable;
  members: MembersTable;
  invites: InvitesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  spaces: SpacesTable;
  space_members: SpaceMembersTable;
  statuses: StatusesTable;
  item_types: ItemTypesTable;
  items: ItemsTable;
  item_keys: ItemKeysTable;
  item_assignees: ItemAssigneesTable;
  item_homes: ItemHomesTable;
  labels: LabelsTable;
  item_labels: ItemLabelsTable;
  item_links: ItemLinksTable;
  fields: FieldsTable;
  item_field_values: ItemFieldValuesTable;
  comments: CommentsTable;
  views: ViewsTable;
  events: EventsTable;
  item_search: ItemSearchTable;
};

/** Every table: the core plus one type per area, each in its own file under ./schema/. */
export type Database = CoreDatabase & RoutinesDatabase & IntakeDatabase & CheckinsDatabase & TemplatesDatabase;
