import {
  CreateRoutineInput,
  EditOccurrenceInput,
  IdParams,
  OccurrenceParams,
  PostponeOccurrenceInput,
  PreviewQuery,
  page,
  Routine,
  RoutineListQuery,
  RoutineOccurrence,
  RoutinePreview,
  UpdateRoutineInput,
} from '@weft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../app';
import { createRoutine } from '../commands/routines/create-routine';
import { deleteRoutine } from '../commands/routines/delete-routine';
import { clearOccurrence, editOccurrence, postponeOccurrence, skipOccurrence } from '../commands/routines/override-occurrence';
import { setRoutinePaused } from '../commands/routines/pause-routine';
import { updateRoutine } from '../commands/routines/update-routine';
import type { Deps } from '../context';
import { presentOccurrence, presentRoutine } from '../presenters/routines';
import { getRoutine, listOccurrences, listRoutines, previewRoutine } from '../queries/routines/routines';
import { ifMatchVersion } from './versions';
// Registers this area's space-template extension (save a space as a template → apply it).
import '../commands/routines/template-extension';

/** Routes of issue 4: routines (recurring work). */
export const routinesRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['routines'];
    app.get(
      '/spaces/:id/routines',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, querystring: RoutineListQuery, response: { 200: page(Routine) } } },
      async (req) => listRoutines(ctxOf(deps, req), req.params.id, req.query),
    );
    app.post(
      '/spaces/:id/routines',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, body: CreateRoutineInput, response: { 201: Routine } } },
      async (req, reply) => {
        const { routine, m, subject } = await createRoutine(ctxOf(deps, req), req.params.id, req.body);
        return reply.code(201).send(presentRoutine(routine, m, subject));
      },
    );
    app.get('/routines/:id', { config: { auth: 'user' }, schema: { tags, params: IdParams, response: { 200: Routine } } }, async (req) => getRoutine(ctxOf(deps, req), req.params.id));
    app.patch(
      '/routines/:id',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, body: UpdateRoutineInput, response: { 200: Routine } } },
      async (req) => {
        const { routine, m, subject } = await updateRoutine(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
        return presentRoutine(routine, m, subject);
      },
    );
    app.delete(
      '/routines/:id',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, response: { 204: z.null().describe('deleted; the items it created stay') } } },
      async (req, reply) => {
        await deleteRoutine(ctxOf(deps, req), req.params.id, ifMatchVersion(req));
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/routines/:id/preview',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, querystring: PreviewQuery, response: { 200: RoutinePreview } } },
      async (req) => previewRoutine(ctxOf(deps, req), req.params.id, req.query.count),
    );
    for (const [verb, paused] of [['pause', true], ['resume', false]] as const) {
      app.post(
        `/routines/:id/${verb}`,
        { config: { auth: 'user' }, schema: { tags, params: IdParams, response: { 200: Routine } } },
        async (req) => {
          const { routine, m, subject } = await setRoutinePaused(ctxOf(deps, req), req.params.id, paused, { version: ifMatchVersion(req) });
          return presentRoutine(routine, m, subject);
        },
      );
    }
    app.get(
      '/routines/:id/occurrences',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, querystring: RoutineListQuery, response: { 200: page(RoutineOccurrence) } } },
      async (req) => listOccurrences(ctxOf(deps, req), req.params.id, req.query),
    );
    app.post(
      '/routines/:id/occurrences/:occurrence/skip',
      { config: { auth: 'user' }, schema: { tags, params: OccurrenceParams, response: { 200: RoutineOccurrence } } },
      async (req) => presentOccurrence(await skipOccurrence(ctxOf(deps, req), req.params.id, req.params.occurrence), null),
    );
    app.post(
      '/routines/:id/occurrences/:occurrence/postpone',
      { config: { auth: 'user' }, schema: { tags, params: OccurrenceParams, body: PostponeOccurrenceInput, response: { 200: RoutineOccurrence } } },
      async (req) => presentOccurrence(await postponeOccurrence(ctxOf(deps, req), req.params.id, req.params.occurrence, req.body), null),
    );
    app.patch(
      '/routines/:id/occurrences/:occurrence',
      { config: { auth: 'user' }, schema: { tags, params: OccurrenceParams, body: EditOccurrenceInput, response: { 200: RoutineOccurrence } } },
      async (req) => presentOccurrence(await editOccurrence(ctxOf(deps, req), req.params.id, req.params.occurrence, req.body), null),
    );
    app.delete(
      '/routines/:id/occurrences/:occurrence',
      { config: { auth: 'user' }, schema: { tags, params: OccurrenceParams, response: { 204: z.null().describe('the skip, postpone or edit is cleared; the occurrence follows the series again') } } },
      async (req, reply) => {
        await clearOccurrence(ctxOf(deps, req), req.params.id, req.params.occurrence);
        return reply.code(204).send(null);
      },
    );
  };
