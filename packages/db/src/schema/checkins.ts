/** Tables of issue 4: check-ins. Same conventions as ../types.ts (ISO text instants, 0/1 booleans, JSON text). */
export type CheckinsTable = {
  id: string;
  workspace_id: string;
  team_id: string | null;
  space_id: string | null;
  name: string;
  question: string;
  /** The recurrence (rrule, timeZone, start, exdates) as JSON text; evaluated per participant zone. */
  recurrence: string;
  /** 'workspace' | 'participants' */
  visibility: string;
  aging_days: number;
  /** Occurrences open only for instants after this (creation, or the last change of the recurrence). */
  schedule_from: string;
  paused_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
};
export type CheckinParticipantsTable = { checkin_id: string; user_id: string };
/** One per check-in and local date (unique): the job opens each exactly once. */
export type CheckinOccurrencesTable = { id: string; checkin_id: string; workspace_id: string; local_date: string; opened_at: string };
/** One per person asked in an occurrence (primary key occurrence + user), due at their local time. */
export type CheckinPromptsTable = {
  occurrence_id: string;
  user_id: string;
  checkin_id: string;
  time_zone: string;
  due_at: string;
  /** The draft (CheckinDraft) computed when the prompt opened, JSON text. */
  draft: string;
  skipped_at: string | null;
};
export type CheckinAnswersTable = {
  id: string;
  occurrence_id: string;
  checkin_id: string;
  workspace_id: string;
  user_id: string;
  body: string;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
  version: number;
};
export type CheckinCommentsTable = {
  id: string;
  answer_id: string;
  checkin_id: string;
  workspace_id: string;
  author_id: string;
  body: string;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  version: number;
};

export type CheckinsDatabase = {
  checkins: CheckinsTable;
  checkin_participants: CheckinParticipantsTable;
  checkin_occurrences: CheckinOccurrencesTable;
  checkin_prompts: CheckinPromptsTable;
  checkin_answers: CheckinAnswersTable;
  checkin_comments: CheckinCommentsTable;
};
