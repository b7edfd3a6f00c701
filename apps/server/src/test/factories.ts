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

export const MATRIX_ACTORS = ['owner', 'admin', 'member', 'guestIn', 'guestOut', 'outsider', 'anonymous', 'readOnly'] as const;
export type MatrixActor = (typeof MATRIX_ACTORS)[number];

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

/** The user behind a matrix actor (null for anonymous). */
export function actorOf(w: RoleMatrix, a: MatrixActor): TestUser | null {
  return a === 'anonymous' ? null : w[a];
}
