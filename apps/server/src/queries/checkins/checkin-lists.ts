import type { CheckinDraft, PageQuery } from '@weft/domain';
import { WeftError } from '@weft/domain';
import type { Ctx, Db, Membership } from '../../context';
import { checkinPolicy } from '../../policies/checkins.policy';
import { atLeast, authorize } from '../../policies/policy';
import { type Counts, type PromptState, presentAnswer, presentCheckin, presentCheckinComment, presentOccurrence } from '../../presenters/checkins';
import { membershipOf } from '../access';
import { afterKey, toPage } from '../cursor';
import { checkinSubject, loadAnswerAccess, loadCheckinAccess, loadOccurrence, participantsOf } from './checkin-access';

/**
 * The check-ins a member may read, newest first. The visibility rule of the policy runs in SQL
 * (so pages are never short): admins all; others those they created, take part in (listed, by
 * team, or asked before), and, for members, the workspace-visible ones.
 */
export async function listCheckins(ctx: Ctx, workspaceId: string, page: PageQuery) {
  const db = ctx.deps.store.db;
  const m = await membershipOf(db, ctx.actor, workspaceId);
  let q = db.selectFrom('checkins').selectAll().where('workspace_id', '=', workspaceId);
  if (!atLeast(m, 'admin')) {
    q = q.where((eb) =>
      eb.or([
        eb('created_by', '=', m.userId),
        eb('id', 'in', eb.selectFrom('checkin_participants').select('checkin_participants.checkin_id').where('checkin_participants.user_id', '=', m.userId)),
        eb('team_id', 'in', eb.selectFrom('team_members').select('team_members.team_id').where('team_members.user_id', '=', m.userId)),
        eb('id', 'in', eb.selectFrom('checkin_prompts').select('checkin_prompts.checkin_id').where('checkin_prompts.user_id', '=', m.userId)),
        ...(m.role === 'member' ? [eb('visibility', '=', 'workspace')] : []),
      ]),
    );
  }
  const after = afterKey(page.cursor);
  if (after) q = q.where('id', '<', after);
  const rows = await q.orderBy('id', 'desc').limit(page.limit + 1).execute();
  const { data, nextCursor } = toPage(rows, page.limit, (r) => r.id);
  const out = [];
  for (const c of data) {
    const participants = await participantsOf(db, c);
    out.push(presentCheckin(c, participants, m, checkinSubject(m, c, participants)));
  }
  return { data: out, nextCursor };
}

/** Per occurrence: how many answered, skipped, are pending; and the member's own state. */
async function states(db: Db, occurrenceIds: string[], userId: string) {
  const counts = new Map<string, Counts>(occurrenceIds.map((id) => [id, { answered: 0, skipped: 0, pending: 0 }]));
  const mine = new Map<string, PromptState>();
  if (occurrenceIds.length === 0) return { counts, mine };
  const rows = await db
    .selectFrom('checkin_prompts as p')
    .leftJoin('checkin_answers as a', (j) => j.onRef('a.occurrence_id', '=', 'p.occurrence_id').onRef('a.user_id', '=', 'p.user_id'))
    .select(['p.occurrence_id', 'p.user_id', 'p.skipped_at', 'a.id as answer_id'])
    .where('p.occurrence_id', 'in', occurrenceIds)
    .execute();
  for (const r of rows) {
    const state: PromptState = r.answer_id ? 'answered' : r.skipped_at ? 'skipped' : 'pending';
    (counts.get(r.occurrence_id) as Counts)[state] += 1;
    if (r.user_id === userId) mine.set(r.occurrence_id, state);
  }
  return { counts, mine };
}

/** The occurrences of a check-in, latest date first. */
export async function listOccurrences(ctx: Ctx, checkinId: string, page: PageQuery) {
  const db = ctx.deps.store.db;
  const { checkin, m, subject } = await loadCheckinAccess(db, ctx.actor, checkinId);
  authorize(checkinPolicy, 'checkin.read', m, subject, { canRead: true, notFound: 'CHECKIN_NOT_FOUND' });
  const after = afterKey(page.cursor);
  let q = db.selectFrom('checkin_occurrences').selectAll().where('checkin_id', '=', checkin.id);
  if (after) q = q.where('local_date', '<', after);
  const rows = await q.orderBy('local_date', 'desc').limit(page.limit + 1).execute();
  const { data, nextCursor } = toPage(rows, page.limit, (r) => r.local_date);
  const { counts, mine } = await states(db, data.map((o) => o.id), m.userId);
  return { data: data.map((o) => presentOccurrence(o, counts.get(o.id) as Counts, mine.get(o.id) ?? null)), nextCursor };
}

/** The occurrence page: who was asked and where each stands, every answer with its thread. */
export async function occurrenceDetails(ctx: Ctx, checkinId: string, occurrenceId: string) {
  const db = ctx.deps.store.db;
  const { checkin, m, subject } = await loadCheckinAccess(db, ctx.actor, checkinId);
  authorize(checkinPolicy, 'checkin.read', m, subject, { canRead: true, notFound: 'CHECKIN_NOT_FOUND' });
  const occ = await loadOccurrence(db, checkin.id, occurrenceId);
  const [prompts, answers, comments] = await Promise.all([
    db
      .selectFrom('checkin_prompts as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.user_id', 'p.time_zone', 'p.due_at', 'p.skipped_at', 'u.name'])
      .where('p.occurrence_id', '=', occ.id)
      .orderBy('u.name')
      .orderBy('p.user_id')
      .execute(),
    db.selectFrom('checkin_answers').selectAll().where('occurrence_id', '=', occ.id).orderBy('created_at').orderBy('id').execute(),
    db
      .selectFrom('checkin_comments')
      .selectAll()
      .where('answer_id', 'in', db.selectFrom('checkin_answers').select('id').where('occurrence_id', '=', occ.id))
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  const answeredBy = new Set(answers.map((a) => a.user_id));
  const withState = prompts.map((p) => ({
    userId: p.user_id,
    name: p.name,
    timeZone: p.time_zone,
    dueAt: p.due_at,
    state: (answeredBy.has(p.user_id) ? 'answered' : p.skipped_at ? 'skipped' : 'pending') as PromptState,
  }));
  const ids = (s: PromptState) => withState.filter((p) => p.state === s).map((p) => p.userId);
  const counts = { answered: ids('answered').length, skipped: ids('skipped').length, pending: ids('pending').length };
  return {
    ...presentOccurrence(occ, counts, withState.find((p) => p.userId === m.userId)?.state ?? null),
    question: checkin.question,
    prompts: withState,
    answered: ids('answered'),
    skipped: ids('skipped'),
    pending: ids('pending'),
    answers: answers.map((a) =>
      presentAnswer(
        a,
        comments.filter((c) => c.answer_id === a.id).map((c) => presentCheckinComment(c, m, subject)),
        m,
      ),
    ),
  };
}

/** The caller's own draft for an occurrence (computed when their prompt opened). */
export async function myDraft(ctx: Ctx, checkinId: string, occurrenceId: string): Promise<CheckinDraft> {
  const db = ctx.deps.store.db;
  const { checkin, m, subject } = await loadCheckinAccess(db, ctx.actor, checkinId);
  authorize(checkinPolicy, 'checkin.read', m, subject, { canRead: true, notFound: 'CHECKIN_NOT_FOUND' });
  const occ = await loadOccurrence(db, checkin.id, occurrenceId);
  const prompt = await db.selectFrom('checkin_prompts').select('draft').where('occurrence_id', '=', occ.id).where('user_id', '=', m.userId).executeTakeFirst();
  if (!prompt) throw new WeftError('FORBIDDEN', 'you were not asked in this occurrence, so you have no draft');
  return JSON.parse(prompt.draft) as CheckinDraft;
}

/** The thread under one answer, oldest first. */
export async function listAnswerComments(ctx: Ctx, answerId: string, page: PageQuery) {
  const db = ctx.deps.store.db;
  const { answer, m, subject } = await loadAnswerAccess(db, ctx.actor, answerId);
  authorize(checkinPolicy, 'checkin.read', m, subject, { canRead: true, notFound: 'ANSWER_NOT_FOUND' });
  const after = afterKey(page.cursor);
  let q = db.selectFrom('checkin_comments').selectAll().where('answer_id', '=', answer.id).where('deleted_at', 'is', null);
  if (after) q = q.where('id', '>', after);
  const rows = await q.orderBy('id').limit(page.limit + 1).execute();
  const { data, nextCursor } = toPage(rows, page.limit, (r) => r.id);
  return { data: data.map((c) => presentCheckinComment(c, m as Membership, subject)), nextCursor };
}
