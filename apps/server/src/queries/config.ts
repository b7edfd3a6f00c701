import type { SpacesTable } from '@weft/db';
import { type PageQuery, WeftError } from '@weft/domain';
import type { Actor, Ctx, Db, Membership } from '../context';
import { canReadView, type ViewSubject } from '../policies/config.policy';
import { canReadSpace, type SpaceSubject } from '../policies/space.policy';
import { membershipOf, readableSpaceIds, spaceSubject } from './access';
import { afterKey, toPage } from './cursor';

/** A space of this workspace the member can read, or SPACE_NOT_FOUND (also for other workspaces' spaces). */
export async function readableSpaceIn(db: Db, m: Membership, spaceId: string): Promise<{ space: SpacesTable; subject: SpaceSubject }> {
  const space = await db.selectFrom('spaces').selectAll().where('id', '=', spaceId).where('workspace_id', '=', m.workspaceId).executeTakeFirst();
  const subject = space ? await spaceSubject(db, m, space) : null;
  if (!space || !subject || !canReadSpace(m, subject)) throw new WeftError('SPACE_NOT_FOUND', 'space not found');
  return { space, subject };
}

/** A record of a workspace the actor is not in answers as not found, like one that does not exist. */
async function membershipOr404(db: Db, actor: Actor, workspaceId: string, code: 'FIELD_NOT_FOUND' | 'LABEL_NOT_FOUND' | 'VIEW_NOT_FOUND') {
  return membershipOf(db, actor, workspaceId).catch(() => {
    throw new WeftError(code, 'not found');
  });
}

/** A field the actor can see: workspace-wide ones, and space-scoped ones of spaces they can read. */
export async function fieldAccess(db: Db, actor: Actor, fieldId: string) {
  const field = await db.selectFrom('fields').selectAll().where('id', '=', fieldId).executeTakeFirst();
  if (!field) throw new WeftError('FIELD_NOT_FOUND', 'field not found');
  const m = await membershipOr404(db, actor, field.workspace_id, 'FIELD_NOT_FOUND');
  if (field.space_id) await readableSpaceIn(db, m, field.space_id).catch(() => {
    throw new WeftError('FIELD_NOT_FOUND', 'field not found');
  });
  return { field, m };
}

export async function labelAccess(db: Db, actor: Actor, labelId: string) {
  const label = await db.selectFrom('labels').selectAll().where('id', '=', labelId).executeTakeFirst();
  if (!label) throw new WeftError('LABEL_NOT_FOUND', 'label not found');
  return { label, m: await membershipOr404(db, actor, label.workspace_id, 'LABEL_NOT_FOUND') };
}

/** A view with its policy subject; one the actor may not read (someone's personal view) is not found. */
export async function viewAccess(db: Db, actor: Actor, viewId: string) {
  const view = await db.selectFrom('views').selectAll().where('id', '=', viewId).executeTakeFirst();
  if (!view) throw new WeftError('VIEW_NOT_FOUND', 'view not found');
  const m = await membershipOr404(db, actor, view.workspace_id, 'VIEW_NOT_FOUND');
  const space = view.space_id ? await db.selectFrom('spaces').select(['id', 'visibility']).where('id', '=', view.space_id).executeTakeFirst() : undefined;
  const subject: ViewSubject = { ownerId: view.owner_id, shared: view.shared === 1, space: space ? await spaceSubject(db, m, space) : null };
  if (!canReadView(m, subject)) throw new WeftError('VIEW_NOT_FOUND', 'view not found');
  return { view, m, subject };
}

/** Workspace-wide fields and those of readable spaces; with `spaceId`, the fields that apply in that space. */
export async function listFields(ctx: Ctx, workspaceId: string, page: PageQuery & { spaceId?: string }) {
  const db = ctx.deps.store.db;
  const m = await membershipOf(db, ctx.actor, workspaceId);
  const spaceIds = page.spaceId ? [(await readableSpaceIn(db, m, page.spaceId)).space.id] : await readableSpaceIds(db, m);
  const after = afterKey(page.cursor);
  const rows = await db
    .selectFrom('fields')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => (spaceIds.length > 0 ? eb.or([eb('space_id', 'is', null), eb('space_id', 'in', spaceIds)]) : eb('space_id', 'is', null)))
    .$if(after !== undefined, (q) => q.where('id', '>', after as string))
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return { m, ...toPage(rows, page.limit, (r) => r.id) };
}

export async function listLabels(ctx: Ctx, workspaceId: string, page: PageQuery) {
  const db = ctx.deps.store.db;
  const m = await membershipOf(db, ctx.actor, workspaceId);
  const after = afterKey(page.cursor);
  const rows = await db
    .selectFrom('labels')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .$if(after !== undefined, (q) => q.where('id', '>', after as string))
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return { m, ...toPage(rows, page.limit, (r) => r.id) };
}

/** Item types by key (keys are short lowercase words, so they serve as the cursor). */
export async function listItemTypes(ctx: Ctx, workspaceId: string, page: PageQuery) {
  const db = ctx.deps.store.db;
  await membershipOf(db, ctx.actor, workspaceId);
  const after = afterKey(page.cursor);
  const rows = await db
    .selectFrom('item_types')
    .select(['key', 'name'])
    .where('workspace_id', '=', workspaceId)
    .$if(after !== undefined, (q) => q.where('key', '>', after as string))
    .orderBy('key')
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit, (r) => r.key);
}

/** Shared views in readable spaces (or workspace-wide) plus the caller's personal ones. */
export async function listViews(ctx: Ctx, workspaceId: string, page: PageQuery & { spaceId?: string }) {
  const db = ctx.deps.store.db;
  const m = await membershipOf(db, ctx.actor, workspaceId);
  const readable = page.spaceId ? [(await readableSpaceIn(db, m, page.spaceId)).space.id] : await readableSpaceIds(db, m);
  const after = afterKey(page.cursor);
  const rows = await db
    .selectFrom('views')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => {
      if (page.spaceId) return eb('space_id', '=', page.spaceId);
      return readable.length > 0 ? eb.or([eb('space_id', 'is', null), eb('space_id', 'in', readable)]) : eb('space_id', 'is', null);
    })
    .where((eb) => eb.or([eb('shared', '=', 1), eb('owner_id', '=', m.userId)]))
    .$if(after !== undefined, (q) => q.where('id', '>', after as string))
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  const p = toPage(rows, page.limit, (r) => r.id);
  const spaces = new Map<string, SpaceSubject>();
  for (const v of p.data) {
    if (v.space_id && !spaces.has(v.space_id)) {
      const s = await db.selectFrom('spaces').select(['id', 'visibility']).where('id', '=', v.space_id).executeTakeFirstOrThrow();
      spaces.set(v.space_id, await spaceSubject(db, m, s));
    }
  }
  const data = p.data.map((view) => ({ view, subject: { ownerId: view.owner_id, shared: view.shared === 1, space: view.space_id ? (spaces.get(view.space_id) ?? null) : null } }));
  return { m, data, nextCursor: p.nextCursor };
}
