import type { Item } from '@weft/domain';
import { buildItem, buildSpace, type FullMatrix, type SpaceJson } from '../factories';
import { buildMember, buildUser, buildWorkspace, call, type TestApp, type TestUser } from '../harness';
import { api, must, uniq } from './types';

/** A new empty space like the matrix's (workspace-visible, guestIn invited). */
export const freshSpace = (t: TestApp, w: FullMatrix): Promise<SpaceJson> => buildSpace(t, w.owner, w.ws.id, { memberIds: [w.guestIn.id] });

/** A new item of the matrix space, created by the owner (so guests neither created nor are assigned it). */
export const freshItem = (t: TestApp, w: FullMatrix): Promise<Item> => buildItem(t, w.owner, w.space.id);

/** A new plain member of the matrix workspace: a target for role changes and removals. */
export const freshMember = (t: TestApp, w: FullMatrix): Promise<TestUser> => buildMember(t, w.ws.id, 'member');

/** The current version of a record, read as the owner (the workspace cannot be made fresh). */
export async function versionOf(t: TestApp, w: FullMatrix, url: string): Promise<number> {
  return must(await call(t, w.owner, 'GET', url), 200, `read ${url}`).version;
}

const hosts = new WeakMap<FullMatrix, Promise<{ id: string; host: TestUser }>>();

/**
 * A workspace outside the matrix whose invite links anyone may follow: accepting one must not make
 * the matrix's outsider a member of the matrix workspace, or every later answer would change.
 */
export function sideWorkspace(t: TestApp, w: FullMatrix): Promise<{ id: string; host: TestUser }> {
  let p = hosts.get(w);
  if (!p) {
    p = (async () => {
      const host = await buildUser(t, { name: 'Host' });
      return { id: (await buildWorkspace(t, host, 'Side')).id, host };
    })();
    hosts.set(w, p);
  }
  return p;
}

/** A comment by the member on a new item of the matrix space. */
export async function memberComment(t: TestApp, w: FullMatrix): Promise<{ id: string; itemId: string }> {
  const it = await freshItem(t, w);
  const c = must(await call(t, w.member, 'POST', `${api}/items/${it.id}/comments`, { body: 'By the member' }), 201, 'comment');
  return { id: c.id, itemId: it.id };
}

/** A field scoped to the matrix space (so guestOut cannot even see it). */
export async function spaceField(t: TestApp, w: FullMatrix): Promise<{ id: string; version: number }> {
  return must(await call(t, w.owner, 'POST', `${api}/workspaces/${w.ws.id}/fields`, { name: `F${uniq()}`, type: 'text', spaceId: w.space.id }), 201, 'field');
}

export async function freshLabel(t: TestApp, w: FullMatrix): Promise<{ id: string; version: number }> {
  return must(await call(t, w.owner, 'POST', `${api}/workspaces/${w.ws.id}/labels`, { name: `L${uniq()}` }), 201, 'label');
}

/** A view shared in the matrix space, saved by the owner. */
export async function sharedView(t: TestApp, w: FullMatrix): Promise<{ id: string; version: number }> {
  const body = { name: `V${uniq()}`, query: 'status:todo', spaceId: w.space.id, shared: true };
  return must(await call(t, w.owner, 'POST', `${api}/workspaces/${w.ws.id}/views`, body), 201, 'shared view');
}

/** The member's personal (unshared, workspace-wide) view. */
export async function personalView(t: TestApp, w: FullMatrix): Promise<{ id: string; version: number }> {
  return must(await call(t, w.member, 'POST', `${api}/workspaces/${w.ws.id}/views`, { name: `P${uniq()}` }), 201, 'personal view');
}

export async function freshTeam(t: TestApp, w: FullMatrix): Promise<{ id: string; version: number }> {
  return must(await call(t, w.owner, 'POST', `${api}/workspaces/${w.ws.id}/teams`, { name: `T${uniq()}`, memberIds: [w.member.id] }), 201, 'team');
}
