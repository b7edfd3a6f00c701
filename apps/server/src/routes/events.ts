import { Activity, Event, EventsQuery, IdParams, PageQuery, page } from '@weft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../app';
import type { Deps } from '../context';
import { listItemActivity } from '../queries/activity';
import { listWorkspaceEvents } from '../queries/events';

/** The event log as people and programs read it: one item's activity, and the workspace feed. */
export const eventsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/items/:id/activity',
      { config: { auth: 'user' }, schema: { tags: ['events'], params: IdParams, querystring: PageQuery, response: { 200: page(Activity) } } },
      async (req) => listItemActivity(ctxOf(deps, req), req.params.id, req.query),
    );
    app.get(
      '/workspaces/:id/events',
      {
        config: { auth: 'user' },
        schema: {
          tags: ['events'],
          description: 'Events after `since` (a seq), ascending, that the caller may see. Resume with `since=nextSince`.',
          params: IdParams,
          querystring: EventsQuery,
          response: { 200: z.object({ data: z.array(Event), nextSince: z.number() }) },
        },
      },
      async (req) => listWorkspaceEvents(ctxOf(deps, req), req.params.id, req.query),
    );
  };
