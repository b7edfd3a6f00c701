import {
  CreatedInvite,
  CreateInviteInput,
  CreateTeamInput,
  Id,
  IdParams,
  Invite,
  Member,
  PageQuery,
  page,
  RoleSchema,
  Team,
  UpdateMemberInput,
  UpdateTeamInput,
} from '@weft/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../app';
import { createInvite } from '../commands/invites/create-invite';
import { revokeInvite } from '../commands/invites/revoke-invite';
import { removeMember } from '../commands/members/remove-member';
import { updateMemberRole } from '../commands/members/update-member-role';
import { createTeam } from '../commands/teams/create-team';
import { deleteTeam } from '../commands/teams/delete-team';
import { updateTeam } from '../commands/teams/update-team';
import { acceptInvite } from '../commands/workspaces/accept-invite';
import type { Deps } from '../context';
import { presentInvite, presentMember } from '../presenters/member';
import { presentTeam } from '../presenters/team';
import { listInvites, listMembers, listTeams } from '../queries/members';
import { ifMatchVersion } from './versions';

const MemberParams = z.strictObject({ id: Id, userId: Id });
const InviteParams = z.strictObject({ id: Id, inviteId: Id });
const TokenParams = z.strictObject({ token: z.string().min(1).max(200) });
const Accepted = z.object({ workspaceId: Id, role: RoleSchema });
const user = { auth: 'user' } as const;

/** The people of a workspace: members and their roles, invite links, teams. */
export const membersRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['members'];
    app.get('/workspaces/:id/members', { config: user, schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: page(Member) } } }, async (req) => {
      const { m, data, nextCursor } = await listMembers(ctxOf(deps, req), req.params.id, req.query);
      return { data: data.map((r) => presentMember(r, m)), nextCursor };
    });
    app.patch(
      '/workspaces/:id/members/:userId',
      { config: user, schema: { tags, params: MemberParams, body: UpdateMemberInput, response: { 200: Member } } },
      async (req) => {
        const body = { ...req.body, version: ifMatchVersion(req) ?? req.body.version };
        const { row, m } = await updateMemberRole(ctxOf(deps, req), req.params.id, req.params.userId, body);
        return presentMember(row, m);
      },
    );
    app.delete('/workspaces/:id/members/:userId', { config: user, schema: { tags, params: MemberParams } }, async (req, reply) => {
      await removeMember(ctxOf(deps, req), req.params.id, req.params.userId);
      return reply.code(204).send();
    });

    app.post(
      '/workspaces/:id/invites',
      { config: user, schema: { tags, params: IdParams, body: CreateInviteInput, response: { 201: CreatedInvite } } },
      async (req, reply) => {
        const { row, token, url } = await createInvite(ctxOf(deps, req), req.params.id, req.body);
        return reply.code(201).send({ ...presentInvite(row), token, url });
      },
    );
    app.get('/workspaces/:id/invites', { config: user, schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: page(Invite) } } }, async (req) => {
      const { data, nextCursor } = await listInvites(ctxOf(deps, req), req.params.id, req.query);
      return { data: data.map(presentInvite), nextCursor };
    });
    app.delete('/workspaces/:id/invites/:inviteId', { config: user, schema: { tags, params: InviteParams, response: { 200: Invite } } }, async (req) =>
      presentInvite(await revokeInvite(ctxOf(deps, req), req.params.id, req.params.inviteId)),
    );
    app.post('/invites/:token/accept', { config: user, schema: { tags, params: TokenParams, response: { 200: Accepted } } }, async (req) => {
      const r = await acceptInvite(ctxOf(deps, req), req.params.token);
      return { workspaceId: r.workspaceId, role: RoleSchema.parse(r.role) };
    });

    app.get('/workspaces/:id/teams', { config: user, schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: page(Team) } } }, async (req) => {
      const { m, data, nextCursor } = await listTeams(ctxOf(deps, req), req.params.id, req.query);
      return { data: data.map((r) => presentTeam(r.team, r.memberIds, m)), nextCursor };
    });
    app.post('/workspaces/:id/teams', { config: user, schema: { tags, params: IdParams, body: CreateTeamInput, response: { 201: Team } } }, async (req, reply) => {
      const { team, memberIds, m } = await createTeam(ctxOf(deps, req), req.params.id, req.body);
      return reply.code(201).send(presentTeam(team, memberIds, m));
    });
    app.patch('/teams/:id', { config: user, schema: { tags, params: IdParams, body: UpdateTeamInput, response: { 200: Team } } }, async (req) => {
      const body = { ...req.body, version: ifMatchVersion(req) ?? req.body.version };
      const { team, memberIds, m } = await updateTeam(ctxOf(deps, req), req.params.id, body);
      return presentTeam(team, memberIds, m);
    });
    app.delete('/teams/:id', { config: user, schema: { tags, params: IdParams } }, async (req, reply) => {
      await deleteTeam(ctxOf(deps, req), req.params.id);
      return reply.code(204).send();
    });
  };
