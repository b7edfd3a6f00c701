import type { Item } from '@weft/domain';
import { buildMember, buildUser, buildWorkspace, call, type TestApp, type TestUser } from './harness';

/** A space as the API returns it (the fields tests use most; the rest is there too). */
export type SpaceJson = {
  id: string;
  workspaceId: string;
  key: string;
  name: string;
  kind: 'stream' | 'project';
  statuses: Array<{ id: string; name: string; category: string; position: number }>;
  memberIds: string[];
  version: number;
  [k: string]: unknown;
};

let spaceSeq = 0;
let itemSeq = 0;

/** Creates a space through the API as `user` (a unique key unless overridden). */
export async function buildSpace(t: TestApp, user: TestUser, workspaceId: string, overrides: Record<string, unknown> = {}): Promise<SpaceJson> {
  spaceSeq += 1;
  const payload = { key: `S${spaceSeq}`, name: `Space ${spaceSeq}`, ...overrides };
  const res = await call(t, user, 'POST', `/api/v1/workspaces/${workspaceId}/spaces`, payload);
  if (res.statusCode !== 201) throw new Error(`buildSpace failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Creates an item through the API as `user` in a space. */
export async function buildItem(t: TestApp, user: TestUser, spaceId: string, overrides: Record<string, unknown> = {}): Promise<Item> {
  itemSeq += 1;
  const res = await call(t, user, 'POST', `/api/v1/spaces/${spaceId}/items`, { title: `Item ${itemSeq}`, ...overrides });
  if (res.statusCode !== 201) throw new Error(`buildItem failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The id of the space's first status in a category (e.g. 'done'). */
export function statusIn(space: SpaceJson, category: string): string {
  const s = space.statuses.find((x) => x.category === category);
  if (!s) throw new Error(`space ${space.key} has no ${category} status`);
  return s.id;
}

/** Everyone an authorization test needs, around one workspace-visible space. */
export type RoleMatrix = {
  ws: { id: string };
  space: SpaceJson;
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  /** a guest invited to `space` */
  guestIn: TestUser;
  /** a guest of the workspace not invited to `space` */
  guestOut: TestUser;
  /** owner of another workspace */
  outsider: TestUser;
  /** the member, through a read-only API token */
  readOnly: TestUser;
};

export async function buildRoleMatrix(t: TestApp): Promise<RoleMatrix> {
  const owner = await buildUser(t, { name: 'Owner' });
  const ws = await buildWorkspace(t, owner);
  const admin = await buildMember(t, ws.id, 'admin', { name: 'Admin' });
  const member = await buildMember(t, ws.id, 'member', { name: 'Member' });
  const guestIn = await buildMember(t, ws.id, 'guest', { name: 'Guest In' });
  const guestOut = await buildMember(t, ws.id, 'guest', { name: 'Guest Out' });
  const outsider = await buildUser(t, { name: 'Outsider' });
  await buildWorkspace(t, outsider, 'Elsewhere');
  const space = await buildSpace(t, owner, ws.id, { memberIds: [guestIn.id] });
  const tok = await call(t, member, 'POST', '/api/v1/tokens', { name: 'ro', readOnly: true });
  if (tok.statusCode !== 201) throw new Error(`token failed: ${tok.statusCode} ${tok.body}`);
  const readOnly: TestUser = { ...member, cookie: '', headers: { authorization: `Bearer ${tok.json().token}` } };
  return { ws, space, owner, admin, member, guestIn, guestOut, outsider, readOnly };
}


/** The role matrix plus `revoked`: an API token of the member, revoked before any test runs. */
export type FullMatrix = RoleMatrix & { revoked: TestUser };

/** Every kind of caller the whole-API authorization matrix checks, in the order it reports them. */
export const FULL_ACTORS = ['anonymous', 'revoked', 'outsider', 'guestOut', 'guestIn', 'member', 'admin', 'owner', 'readOnly'] as const;
export type FullActor = (typeof FULL_ACTORS)[number];

export async function buildFullMatrix(t: TestApp): Promise<FullMatrix> {
  const w = await buildRoleMatrix(t);
  const tok = await call(t, w.member, 'POST', '/api/v1/tokens', { name: 'to be revoked' });
  if (tok.statusCode !== 201) throw new Error(`token failed: ${tok.statusCode} ${tok.body}`);
  const gone = await call(t, w.member, 'DELETE', `/api/v1/tokens/${tok.json().id}`);
  if (gone.statusCode !== 200) throw new Error(`revoke failed: ${gone.statusCode} ${gone.body}`);
  const revoked: TestUser = { ...w.member, cookie: '', headers: { authorization: `Bearer ${tok.json().token}` } };
  return { ...w, revoked };
}

/** The user behind a full-matrix actor (null for anonymous). */
export function fullActorOf(w: FullMatrix, a: FullActor): TestUser | null {
  return a === 'anonymous' ? null : w[a];
}
