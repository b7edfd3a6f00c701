/** Tables of issue 4: routines and the scheduler. Same conventions as ../types.ts (ISO text instants, 0/1 booleans, JSON text). */

/** Recurring work in a space: a rule in a zone and a template for the items it makes. */
export type RoutinesTable = {
  id: string;
  workspace_id: string;
  space_id: string;
  name: string;
  /** RFC 5545 RRULE value, normalised (no DTSTART) */
  rrule: string;
  time_zone: string;
  /** local 'YYYY-MM-DDTHH:mm' in time_zone */
  start_local: string;
  /** JSON: local 'YYYY-MM-DD'[] */
  exdates: string;
  /** 'schedule' | 'completion' */
  anchor: string;
  skip_while_open: number;
  lead_days: number;
  /** JSON: RoutineTemplate */
  template: string;
  /** JSON: user id[] (round-robin) */
  rotation: string;
  /** whose rights the scheduler creates items with: the last person who created, edited or resumed it */
  run_as: string;
  paused_at: string | null;
  /** the next occurrence not yet handled, and when to create it (the scheduler's due index) */
  next_at: string | null;
  next_create_at: string | null;
  /** occurrences at or before this instant have been handled (created, skipped or missed) */
  last_occurrence_at: string | null;
  last_error: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
};

/**
 * One occurrence that was created, skipped, or overridden before creation. UNIQUE (routine_id,
 * occurrence_at) makes creation exactly-once across server processes: the row is the claim.
 */
export type RoutineOccurrencesTable = {
  id: string;
  routine_id: string;
  workspace_id: string;
  space_id: string;
  /** the instant the rule made (UTC ISO) */
  occurrence_at: string;
  /** its local date in the routine's zone */
  local_date: string;
  /** 'created' | 'skipped' | 'pending' (an override waiting to be created) */
  state: string;
  due_at: string;
  create_at: string;
  item_id: string | null;
  /** who rotation picked (the next pick follows this person in the list) */
  assignee_id: string | null;
  /** 'user' | 'previous_open' for skipped ones */
  reason: string | null;
  /** JSON: a partial template for this occurrence only, or null */
  override: string | null;
  created_at: string;
  updated_at: string;
};

export type RoutinesDatabase = {
  routines: RoutinesTable;
  routine_occurrences: RoutineOccurrencesTable;
};
