import {
  CreateSpaceInput,
  CreateStatusInput,
  DeleteStatusInput,
  Id,
  IdParams,
  page,
  ReorderStatusesInput,
  Space,
  SpaceMembersInput,
  Status,
  UpdateSpaceInput,
  UpdateStatusInput,
} from '@weft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../app';
import { changeSpaceMembers } from '../commands/spaces/change-space-members';
import { createSpace } from '../commands/spaces/create-space';
import { createStatus } from '../commands/spaces/create-status';
import { deleteSpace } from '../commands/spaces/delete-space';
import { deleteStatus } from '../commands/spaces/delete-status';
import { reorderStatuses } from '../commands/spaces/reorder-statuses';
import { updateSpace } from '../commands/spaces/update-space';
import { updateStatus } from '../commands/spaces/update-status';
import type { Deps } from '../context';
import { presentOneSpace, presentStatus } from '../presenters/space';
import { getSpace, listSpaces, listStatuses, SpaceListQuery } from '../queries/spaces';
import { ifMatchVersion } from './versions';

const StatusParams = z.strictObject({ id: Id, statusId: Id });
const Statuses = z.object({ data: z.array(Status) });
const tags = ['spaces'];

/** Spaces (streams and projects), their members and their workflows. */
export const spacesRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = deps.store.db;
    app.post(
      '/workspaces/:id/spaces',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, body: CreateSpaceInput, response: { 201: Space } } },
      async (req, reply) => {
        const { space, m } = await createSpace(ctxOf(deps, req), req.params.id, req.body);
        return reply.code(201).send(await presentOneSpace(db, m, space));
      },
    );
    app.get(
      '/workspaces/:id/spaces',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, querystring: SpaceListQuery, response: { 200: page(Space) } } },
      async (req) => listSpaces(ctxOf(deps, req), req.params.id, req.query),
    );
    app.get('/spaces/:id', { config: { auth: 'user' }, schema: { tags, params: IdParams, response: { 200: Space } } }, async (req) => getSpace(ctxOf(deps, req), req.params.id));
    app.patch(
      '/spaces/:id',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, body: UpdateSpaceInput, response: { 200: Space } } },
      async (req) => {
        const { space, m } = await updateSpace(ctxOf(deps, req), req.params.id, { ...req.body, version: ifMatchVersion(req) ?? req.body.version });
        return presentOneSpace(db, m, space);
      },
    );
    app.delete('/spaces/:id', { config: { auth: 'user' }, schema: { tags, params: IdParams } }, async (req, reply) => {
      await deleteSpace(ctxOf(deps, req), req.params.id);
      return reply.code(204).send();
    });
    app.post(
      '/spaces/:id/members',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, body: SpaceMembersInput, response: { 200: Space } } },
      async (req) => {
        const { space, m } = await changeSpaceMembers(ctxOf(deps, req), req.params.id, req.body);
        return presentOneSpace(db, m, space);
      },
    );

    app.get('/spaces/:id/statuses', { config: { auth: 'user' }, schema: { tags, params: IdParams, response: { 200: Statuses } } }, async (req) => ({
      data: (await listStatuses(ctxOf(deps, req), req.params.id)).map(presentStatus),
    }));
    app.post(
      '/spaces/:id/statuses',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, body: CreateStatusInput, response: { 201: Status } } },
      async (req, reply) => reply.code(201).send(presentStatus(await createStatus(ctxOf(deps, req), req.params.id, req.body))),
    );
    app.put(
      '/spaces/:id/statuses/order',
      { config: { auth: 'user' }, schema: { tags, params: IdParams, body: ReorderStatusesInput, response: { 200: Statuses } } },
      async (req) => ({ data: (await reorderStatuses(ctxOf(deps, req), req.params.id, req.body)).map(presentStatus) }),
    );
    app.patch(
      '/spaces/:id/statuses/:statusId',
      { config: { auth: 'user' }, schema: { tags, params: StatusParams, body: UpdateStatusInput, response: { 200: Status } } },
      async (req) => presentStatus(await updateStatus(ctxOf(deps, req), req.params.id, req.params.statusId, req.body)),
    );
    app.delete(
      '/spaces/:id/statuses/:statusId',
      { config: { auth: 'user' }, schema: { tags, params: StatusParams, querystring: DeleteStatusInput } },
      async (req, reply) => {
        await deleteStatus(ctxOf(deps, req), req.params.id, req.params.statusId, req.query);
        return reply.code(204).send();
      },
    );
  };
