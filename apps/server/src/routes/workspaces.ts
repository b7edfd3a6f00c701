import { CreateWorkspaceInput, IdParams, UpdateWorkspaceInput, Workspace } from '@weft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../app';
import { createWorkspace } from '../commands/workspaces/create-workspace';
import { updateWorkspace } from '../commands/workspaces/update-workspace';
import type { Deps } from '../context';
import { presentWorkspace } from '../presenters/workspace';
import { membershipOf } from '../queries/access';
import { listMyWorkspaces } from '../queries/workspaces';
import { ifMatchVersion } from './versions';

/** Workspaces: create, list mine, read, update. */
export const workspaceRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/workspaces', { config: { auth: 'user' }, schema: { tags: ['workspaces'], body: CreateWorkspaceInput, response: { 201: Workspace } } }, async (req, reply) => {
      const ctx = ctxOf(deps, req);
      const w = await createWorkspace(ctx, req.body);
      return reply.code(201).send(presentWorkspace(w, { workspaceId: w.id, userId: ctx.actor.userId, role: 'owner', readOnly: ctx.actor.readOnly }));
    });
    app.get('/workspaces', { config: { auth: 'user' }, schema: { tags: ['workspaces'], response: { 200: z.object({ data: z.array(Workspace) }) } } }, async (req) => ({
      data: (await listMyWorkspaces(ctxOf(deps, req))).map(({ w, m }) => presentWorkspace(w, m)),
    }));
    app.get('/workspaces/:id', { config: { auth: 'user' }, schema: { tags: ['workspaces'], params: IdParams, response: { 200: Workspace } } }, async (req) => {
      const ctx = ctxOf(deps, req);
      const m = await membershipOf(deps.store.db, ctx.actor, req.params.id);
      const w = await deps.store.db.selectFrom('workspaces').selectAll().where('id', '=', req.params.id).executeTakeFirstOrThrow();
      return presentWorkspace(w, m);
    });
    app.patch(
      '/workspaces/:id',
      { config: { auth: 'user' }, schema: { tags: ['workspaces'], params: IdParams, body: UpdateWorkspaceInput, response: { 200: Workspace } } },
      async (req) => {
        const ctx = ctxOf(deps, req);
        const { w, m } = await updateWorkspace(ctx, req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
        return presentWorkspace(w, m);
      },
    );
  };
