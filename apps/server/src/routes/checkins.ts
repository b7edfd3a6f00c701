import {
  Checkin,
  CheckinAnswer,
  CheckinComment,
  CheckinCommentInput,
  CheckinDraft,
  CheckinOccurrence,
  CheckinOccurrenceDetails,
  CheckinOccurrenceParams,
  CreateCheckinInput,
  IdParams,
  Instant,
  PageQuery,
  PutAnswerInput,
  page,
  UpdateCheckinCommentInput,
  UpdateCheckinInput,
} from '@weft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../app';
import { createCheckin } from '../commands/checkins/create-checkin';
import { createCheckinComment } from '../commands/checkins/create-checkin-comment';
import { deleteCheckin } from '../commands/checkins/delete-checkin';
import { deleteCheckinComment } from '../commands/checkins/delete-checkin-comment';
import { askNow } from '../commands/checkins/open-occurrence';
import { putAnswer } from '../commands/checkins/put-answer';
import { skipOccurrence } from '../commands/checkins/skip-occurrence';
import { updateCheckin } from '../commands/checkins/update-checkin';
import { updateCheckinComment } from '../commands/checkins/update-checkin-comment';
import type { Deps } from '../context';
import { presentAnswer, presentCheckin, presentCheckinComment, presentOccurrence } from '../presenters/checkins';
import { loadCheckinAccess } from '../queries/checkins/checkin-access';
import { listAnswerComments, listCheckins, listOccurrences, myDraft, occurrenceDetails } from '../queries/checkins/checkin-lists';
import { ifMatchVersion } from './versions';

const tags = ['checkins'];
const user = { auth: 'user' } as const;
const occ = '/checkins/:id/occurrences/:occurrenceId';

/** Check-ins: recurring questions, their occurrences, answers (one per person), skips and threads. */
export const checkinsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/workspaces/:id/checkins', { config: user, schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: page(Checkin) } } }, async (req) =>
      listCheckins(ctxOf(deps, req), req.params.id, req.query),
    );
    app.post('/workspaces/:id/checkins', { config: user, schema: { tags, params: IdParams, body: CreateCheckinInput, response: { 201: Checkin } } }, async (req, reply) => {
      const { row, m, participants, subject } = await createCheckin(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(201).send(presentCheckin(row, participants, m, subject));
    });
    app.get('/checkins/:id', { config: user, schema: { tags, params: IdParams, response: { 200: Checkin } } }, async (req) => {
      const { checkin, m, subject, participants } = await loadCheckinAccess(deps.store.db, ctxOf(deps, req).actor, req.params.id);
      return presentCheckin(checkin, participants, m, subject);
    });
    app.patch('/checkins/:id', { config: user, schema: { tags, params: IdParams, body: UpdateCheckinInput, response: { 200: Checkin } } }, async (req) => {
      const { row, m, participants, subject } = await updateCheckin(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
      return presentCheckin(row, participants, m, subject);
    });
    app.delete('/checkins/:id', { config: user, schema: { tags, params: IdParams, response: { 204: z.null().describe('deleted') } } }, async (req, reply) => {
      await deleteCheckin(ctxOf(deps, req), req.params.id);
      return reply.code(204).send(null);
    });

    app.get('/checkins/:id/occurrences', { config: user, schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: page(CheckinOccurrence) } } }, async (req) =>
      listOccurrences(ctxOf(deps, req), req.params.id, req.query),
    );
    // "Ask now": open today's occurrence for everyone without waiting for the schedule.
    app.post('/checkins/:id/occurrences', { config: user, schema: { tags, params: IdParams, response: { 201: CheckinOccurrence } } }, async (req, reply) => {
      const { occurrence } = await askNow(ctxOf(deps, req), req.params.id);
      const details = await occurrenceDetails(ctxOf(deps, req), req.params.id, occurrence.id);
      return reply.code(201).send(presentOccurrence(occurrence, details.counts, details.myState));
    });
    app.get(occ, { config: user, schema: { tags, params: CheckinOccurrenceParams, response: { 200: CheckinOccurrenceDetails } } }, async (req) =>
      occurrenceDetails(ctxOf(deps, req), req.params.id, req.params.occurrenceId),
    );
    app.get(`${occ}/draft`, { config: user, schema: { tags, params: CheckinOccurrenceParams, response: { 200: CheckinDraft } } }, async (req) =>
      myDraft(ctxOf(deps, req), req.params.id, req.params.occurrenceId),
    );
    app.put(`${occ}/answer`, { config: user, schema: { tags, params: CheckinOccurrenceParams, body: PutAnswerInput, response: { 200: CheckinAnswer, 201: CheckinAnswer } } }, async (req, reply) => {
      const { answer, m, created } = await putAnswer(ctxOf(deps, req), req.params.id, req.params.occurrenceId, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
      const comments = created ? [] : (await occurrenceDetails(ctxOf(deps, req), req.params.id, req.params.occurrenceId)).answers.find((a) => a.id === answer.id)?.comments ?? [];
      return reply.code(created ? 201 : 200).send(presentAnswer(answer, comments, m));
    });
    app.post(`${occ}/skip`, { config: user, schema: { tags, params: CheckinOccurrenceParams, response: { 200: z.object({ occurrenceId: z.string(), skippedAt: Instant }) } } }, async (req) => {
      const { occ: o, skippedAt } = await skipOccurrence(ctxOf(deps, req), req.params.id, req.params.occurrenceId);
      return { occurrenceId: o.id, skippedAt };
    });

    app.get('/checkin-answers/:id/comments', { config: user, schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: page(CheckinComment) } } }, async (req) =>
      listAnswerComments(ctxOf(deps, req), req.params.id, req.query),
    );
    app.post('/checkin-answers/:id/comments', { config: user, schema: { tags, params: IdParams, body: CheckinCommentInput, response: { 201: CheckinComment } } }, async (req, reply) => {
      const { comment, m, subject } = await createCheckinComment(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(201).send(presentCheckinComment(comment, m, subject));
    });
    app.patch('/checkin-comments/:id', { config: user, schema: { tags, params: IdParams, body: UpdateCheckinCommentInput, response: { 200: CheckinComment } } }, async (req) => {
      const { comment, m, subject } = await updateCheckinComment(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
      return presentCheckinComment(comment, m, subject);
    });
    app.delete('/checkin-comments/:id', { config: user, schema: { tags, params: IdParams, response: { 204: z.null().describe('deleted') } } }, async (req, reply) => {
      await deleteCheckinComment(ctxOf(deps, req), req.params.id);
      return reply.code(204).send(null);
    });
  };
