import type { CheckinAnswersTable, CheckinCommentsTable, CheckinOccurrencesTable, CheckinsTable } from '@weft/db';
import type { CheckinVisibility, Recurrence } from '@weft/domain';
import type { Membership } from '../context';
import { type CheckinSubject, checkinCommentPolicy, checkinPolicy } from '../policies/checkins.policy';
import { abilitiesOf } from '../policies/policy';

/** A check-in in its API shape. */
export function presentCheckin(c: CheckinsTable, participantIds: readonly string[], m: Membership, subject: CheckinSubject) {
  return {
    id: c.id,
    workspaceId: c.workspace_id,
    name: c.name,
    question: c.question,
    recurrence: JSON.parse(c.recurrence) as Recurrence,
    participantIds: [...participantIds],
    teamId: c.team_id,
    spaceId: c.space_id,
    visibility: c.visibility as CheckinVisibility,
    agingDays: Number(c.aging_days),
    pausedAt: c.paused_at,
    createdBy: c.created_by,
    version: Number(c.version),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    abilities: abilitiesOf(checkinPolicy, m, subject),
  };
}

export type PromptState = 'pending' | 'answered' | 'skipped';
export type Counts = { answered: number; skipped: number; pending: number };

export function presentOccurrence(o: CheckinOccurrencesTable, counts: Counts, myState: PromptState | null) {
  return { id: o.id, checkinId: o.checkin_id, date: o.local_date, openedAt: o.opened_at, counts, myState };
}

export function presentCheckinComment(c: CheckinCommentsTable, m: Membership, checkin: CheckinSubject) {
  return {
    id: c.id,
    answerId: c.answer_id,
    authorId: c.author_id,
    body: c.body,
    version: Number(c.version),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    editedAt: c.edited_at,
    abilities: abilitiesOf(checkinCommentPolicy, m, { authorId: c.author_id, checkin }),
  };
}

export function presentAnswer(a: CheckinAnswersTable, comments: ReturnType<typeof presentCheckinComment>[], m: Membership) {
  return {
    id: a.id,
    occurrenceId: a.occurrence_id,
    userId: a.user_id,
    body: a.body,
    version: Number(a.version),
    createdAt: a.created_at,
    updatedAt: a.updated_at,
    editedAt: a.edited_at,
    comments,
    abilities: { update: !m.readOnly && a.user_id === m.userId },
  };
}
