import { newId } from '@weft/db';
import type { Role } from '@weft/domain';
import { buildMember, buildUser, buildWorkspace, call, type TestApp, type TestUser } from '../test/harness';

/** A workspace with one person in each role, plus an outsider who owns a workspace of their own. */
export type Crew = { wsId: string; owner: TestUser; admin: TestUser; member: TestUser; guest: TestUser; outsider: TestUser; otherWsId: string };

export async function buildCrew(t: TestApp): Promise<Crew> {
  const owner = await buildUser(t, { name: 'Olive Owner' });
  const ws = await buildWorkspace(t, owner);
  const outsider = await buildUser(t, { name: 'Oscar Outsider' });
  const other = await buildWorkspace(t, outsider, 'Elsewhere');
  return {
    wsId: ws.id,
    owner,
    admin: await buildMember(t, ws.id, 'admin', { name: 'Ada Admin' }),
    member: await buildMember(t, ws.id, 'member', { name: 'Max Member' }),
    guest: await buildMember(t, ws.id, 'guest', { name: 'Gus Guest' }),
    outsider,
    otherWsId: other.id,
  };
}

export const ROLE_NAMES: Role[] = ['owner', 'admin', 'member', 'guest'];

let spaceSeq = 0;

/** Inserts a space directly (test setup only: the spaces API is not what these tests are about). */
export async function insertSpace(t: TestApp, workspaceId: string, opts: { visibility?: 'workspace' | 'members'; memberIds?: string[] } = {}): Promise<string> {
  spaceSeq += 1;
  const id = newId();
  const now = t.clock.now().toISOString();
  await t.deps.store.db
    .insertInto('spaces')
    .values({
      id,
      workspace_id: workspaceId,
      key: `PC${spaceSeq}`,
      name: `Space ${spaceSeq}`,
      kind: 'stream',
      description: '',
      visibility: opts.visibility ?? 'workspace',
      goal: null,
      start_date: null,
      target_date: null,
      lead_id: null,
      project_status: null,
      item_seq: 0,
      archived_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  for (const userId of opts.memberIds ?? []) await t.deps.store.db.insertInto('space_members').values({ space_id: id, user_id: userId, created_at: now }).execute();
  return id;
}

/** The same user, calling through a read-only API token instead of their session. */
export async function readOnly(t: TestApp, u: TestUser): Promise<TestUser> {
  const res = await call(t, u, 'POST', '/api/v1/tokens', { name: 'ro', readOnly: true });
  if (res.statusCode !== 201) throw new Error(`token failed: ${res.statusCode} ${res.body}`);
  return { ...u, headers: { authorization: `Bearer ${res.json().token}` } };
}

/** Events of one type in a workspace, oldest first, with their data parsed. */
export async function eventsOf(t: TestApp, workspaceId: string, type: string): Promise<Array<{ actorId: string | null; spaceId: string | null; data: Record<string, unknown> }>> {
  const rows = await t.deps.store.db.selectFrom('events').selectAll().where('workspace_id', '=', workspaceId).where('type', '=', type).orderBy('id').execute();
  return rows.map((r) => ({ actorId: r.actor_id, spaceId: r.space_id, data: JSON.parse(r.data) }));
}
