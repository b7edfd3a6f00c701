import { seg, type Transport } from '../transport';
import type {
  AcceptedInvite,
  CreatedInvite,
  CreateInviteInput,
  CreateTeamInput,
  CreateWorkspaceInput,
  Invite,
  Member,
  Page,
  PageParams,
  Team,
  UpdateMemberInput,
  UpdateTeamInput,
  UpdateWorkspaceInput,
  Workspace,
} from '../types';

const ws = (id: string) => `/workspaces/${seg(id)}`;

export function workspacesResource(t: Transport) {
  return {
    list: () => t.request<{ data: Workspace[] }>('GET', '/workspaces'),
    create: (input: CreateWorkspaceInput) => t.request<Workspace>('POST', '/workspaces', { body: input }),
    get: (id: string) => t.request<Workspace>('GET', ws(id)),
    update: (id: string, input: UpdateWorkspaceInput) => t.request<Workspace>('PATCH', ws(id), { body: input }),
  };
}

export function membersResource(t: Transport) {
  return {
    list: (workspaceId: string, page: PageParams = {}) => t.request<Page<Member>>('GET', `${ws(workspaceId)}/members`, { query: page }),
    update: (workspaceId: string, userId: string, input: UpdateMemberInput) =>
      t.request<Member>('PATCH', `${ws(workspaceId)}/members/${seg(userId)}`, { body: input }),
    remove: (workspaceId: string, userId: string) => t.request<void>('DELETE', `${ws(workspaceId)}/members/${seg(userId)}`),
  };
}

export function invitesResource(t: Transport) {
  return {
    list: (workspaceId: string, page: PageParams = {}) => t.request<Page<Invite>>('GET', `${ws(workspaceId)}/invites`, { query: page }),
    /** The link's secret is in `token` and `url`, shown this once. */
    create: (workspaceId: string, input: CreateInviteInput = {}) => t.request<CreatedInvite>('POST', `${ws(workspaceId)}/invites`, { body: input }),
    revoke: (workspaceId: string, inviteId: string) => t.request<Invite>('DELETE', `${ws(workspaceId)}/invites/${seg(inviteId)}`),
    accept: (token: string) => t.request<AcceptedInvite>('POST', `/invites/${seg(token)}/accept`),
  };
}

export function teamsResource(t: Transport) {
  return {
    list: (workspaceId: string, page: PageParams = {}) => t.request<Page<Team>>('GET', `${ws(workspaceId)}/teams`, { query: page }),
    create: (workspaceId: string, input: CreateTeamInput) => t.request<Team>('POST', `${ws(workspaceId)}/teams`, { body: input }),
    update: (id: string, input: UpdateTeamInput) => t.request<Team>('PATCH', `/teams/${seg(id)}`, { body: input }),
    remove: (id: string) => t.request<void>('DELETE', `/teams/${seg(id)}`),
  };
}
