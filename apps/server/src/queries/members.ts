import { type PageQuery, WeftError } from '@weft/domain';
import type { Actor, Ctx, Db, Membership } from '../context';
import { atLeast } from '../policies/policy';
import { membershipOf } from './access';
import { afterKey, toPage } from './cursor';

export type MemberRow = { user_id: string; workspace_id: string; role: string; version: number; created_at: string; name: string; email: string };

function memberRows(db: Db) {
  return db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select(['members.user_id', 'members.workspace_id', 'members.role', 'members.version', 'members.created_at', 'users.name', 'users.email']);
}

/** One member of a workspace with their name and email, or undefined. */
export async function findMember(db: Db, workspaceId: string, userId: string): Promise<MemberRow | undefined> {
  return memberRows(db).where('members.workspace_id', '=', workspaceId).where('members.user_id', '=', userId).executeTakeFirst();
}

/** A page of a workspace's members; everyone in the workspace may see who else is in it. */
export async function listMembers(ctx: Ctx, workspaceId: string, page: PageQuery) {
  const db = ctx.deps.store.db;
  const m = await membershipOf(db, ctx.actor, workspaceId);
  const after = afterKey(page.cursor);
  const rows = await memberRows(db)
    .where('members.workspace_id', '=', workspaceId)
    .$if(after !== undefined, (q) => q.where('members.user_id', '>', after as string))
    .orderBy('members.user_id')
    .limit(page.limit + 1)
    .execute();
  return { m, ...toPage(rows, page.limit, (r) => r.user_id) };
}

/** Admins see every invite of the workspace; everyone else only the ones they sent. */
export function canSeeInvite(m: Membership, createdBy: string): boolean {
  return atLeast(m, 'admin') || createdBy === m.userId;
}

export async function listInvites(ctx: Ctx, workspaceId: string, page: PageQuery) {
  const db = ctx.deps.store.db;
  const m = await membershipOf(db, ctx.actor, workspaceId);
  const after = afterKey(page.cursor);
  const rows = await db
    .selectFrom('invites')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .$if(!atLeast(m, 'admin'), (q) => q.where('created_by', '=', m.userId))
    .$if(after !== undefined, (q) => q.where('id', '>', after as string))
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return { m, ...toPage(rows, page.limit, (r) => r.id) };
}

/** The member ids of each team, in one query. */
export async function teamMemberIds(db: Db, teamIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return out;
  const rows = await db.selectFrom('team_members').select(['team_id', 'user_id']).where('team_id', 'in', teamIds).orderBy('user_id').execute();
  for (const r of rows) out.get(r.team_id)?.push(r.user_id);
  return out;
}

export async function listTeams(ctx: Ctx, workspaceId: string, page: PageQuery) {
  const db = ctx.deps.store.db;
  const m = await membershipOf(db, ctx.actor, workspaceId);
  const after = afterKey(page.cursor);
  const rows = await db
    .selectFrom('teams')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .$if(after !== undefined, (q) => q.where('id', '>', after as string))
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  const p = toPage(rows, page.limit, (r) => r.id);
  const members = await teamMemberIds(db, p.data.map((r) => r.id));
  return { m, nextCursor: p.nextCursor, data: p.data.map((team) => ({ team, memberIds: members.get(team.id) ?? [] })) };
}

/** A team with the actor's membership in its workspace; a team of a workspace they are not in is not found. */
export async function teamAccess(db: Db, actor: Actor, teamId: string) {
  const team = await db.selectFrom('teams').selectAll().where('id', '=', teamId).executeTakeFirst();
  if (!team) throw new WeftError('TEAM_NOT_FOUND', 'team not found');
  const m = await membershipOf(db, actor, team.workspace_id).catch(() => {
    throw new WeftError('TEAM_NOT_FOUND', 'team not found');
  });
  return { team, m };
}
