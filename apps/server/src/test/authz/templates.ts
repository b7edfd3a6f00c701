import type { FullMatrix } from '../factories';
import { call, type TestApp } from '../harness';
import { freshItem } from './fixtures';
import { api, type AuthzCase, membersOnly, must, read, uniq, write } from './types';

/** A workspace-wide item template made by `who` (the member by default): only members and up see it. */
async function wideTemplate(t: TestApp, w: FullMatrix, who: 'member' | 'owner' = 'member'): Promise<{ id: string }> {
  const body = { kind: 'item', name: `T${uniq()}`, content: { item: { title: 'From a template', checklist: ['Step'] } } };
  return must(await call(t, w[who], 'POST', `${api}/workspaces/${w.ws.id}/templates`, body), 201, 'template');
}

/** An item template scoped to the matrix space (so guestIn reads it and guestOut does not). */
async function spaceTemplate(t: TestApp, w: FullMatrix): Promise<{ id: string }> {
  const body = { kind: 'item', name: `S${uniq()}`, spaceId: w.space.id, content: { item: { title: 'Scoped' } } };
  return must(await call(t, w.owner, 'POST', `${api}/workspaces/${w.ws.id}/templates`, body), 201, 'scoped template');
}

/** A workspace-wide space template by the owner. */
async function flowTemplate(t: TestApp, w: FullMatrix): Promise<{ id: string }> {
  const body = { kind: 'space', name: `F${uniq()}`, content: { statuses: [{ name: 'Open', category: 'todo' }, { name: 'Closed', category: 'done' }] } };
  return must(await call(t, w.owner, 'POST', `${api}/workspaces/${w.ws.id}/templates`, body), 201, 'space template');
}

const spaceKey = () => `K${uniq().toUpperCase()}`.slice(0, 10);

/**
 * Templates. Workspace-wide ones are for members and up; those scoped to a space follow the space
 * (guestIn reads the matrix space's). Members create; the creator or an admin changes or deletes.
 */
export const templatesCases: AuthzCase[] = [
  // Every member may list; each sees only what they may read.
  { route: 'GET /api/v1/workspaces/:id/templates', expect: read({ guestOut: 200 }), req: async (w) => ['GET', `${api}/workspaces/${w.ws.id}/templates`] },
  {
    route: 'POST /api/v1/workspaces/:id/templates',
    expect: membersOnly(201),
    req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/templates`, { kind: 'item', name: 'Wide', content: { item: { title: 'x' } } }],
  },
  {
    route: 'POST /api/v1/workspaces/:id/templates',
    variant: 'scoped to the matrix space',
    expect: membersOnly(201, 404),
    req: async (w) => ['POST', `${api}/workspaces/${w.ws.id}/templates`, { kind: 'item', name: 'Scoped', spaceId: w.space.id, content: { item: { title: 'x' } } }],
  },
  { route: 'GET /api/v1/templates/:id', expect: read({ guestIn: 404, guestOut: 404 }), req: async (w, t) => ['GET', `${api}/templates/${(await wideTemplate(t, w)).id}`] },
  { route: 'GET /api/v1/templates/:id', variant: 'scoped to the matrix space', expect: read(), req: async (w, t) => ['GET', `${api}/templates/${(await spaceTemplate(t, w)).id}`] },
  {
    route: 'PATCH /api/v1/templates/:id',
    expect: write(200, { guestIn: 404 }),
    req: async (w, t) => ['PATCH', `${api}/templates/${(await wideTemplate(t, w)).id}`, { version: 1, name: 'Renamed' }],
  },
  {
    // Someone else's template: only its creator (the owner here) and admins change it.
    route: 'PATCH /api/v1/templates/:id',
    variant: "the owner's template",
    expect: write(200, { guestIn: 404, member: 403 }),
    req: async (w, t) => ['PATCH', `${api}/templates/${(await wideTemplate(t, w, 'owner')).id}`, { version: 1, name: 'Renamed' }],
  },
  { route: 'DELETE /api/v1/templates/:id', expect: write(204, { guestIn: 404 }), req: async (w, t) => ['DELETE', `${api}/templates/${(await wideTemplate(t, w)).id}`] },
  {
    route: 'DELETE /api/v1/templates/:id',
    variant: 'scoped to the matrix space',
    expect: write(204, { guestIn: 403, member: 403 }),
    req: async (w, t) => ['DELETE', `${api}/templates/${(await spaceTemplate(t, w)).id}`],
  },
  {
    route: 'POST /api/v1/items/:id/save-as-template',
    expect: membersOnly(201, 404),
    req: async (w, t) => ['POST', `${api}/items/${(await freshItem(t, w)).id}/save-as-template`, { name: 'Saved' }],
  },
  { route: 'POST /api/v1/spaces/:id/save-as-template', expect: membersOnly(201, 404), req: async (w) => ['POST', `${api}/spaces/${w.space.id}/save-as-template`, { name: 'Saved space' }] },
  {
    // Applying an item template creates items: whoever may create items in the space and read the template.
    route: 'POST /api/v1/templates/:id/apply',
    expect: write(201),
    req: async (w, t) => ['POST', `${api}/templates/${(await spaceTemplate(t, w)).id}/apply`, { spaceId: w.space.id }],
  },
  {
    route: 'POST /api/v1/templates/:id/apply',
    variant: 'a space template',
    expect: membersOnly(201, 404, { guestIn: 404 }),
    req: async (w, t) => ['POST', `${api}/templates/${(await flowTemplate(t, w)).id}/apply`, { key: spaceKey(), name: 'From a template' }],
  },
];
