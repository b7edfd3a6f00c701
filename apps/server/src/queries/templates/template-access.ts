import type { TemplatesTable } from '@weft/db';
import { WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { TemplateListQuery } from '@weft/domain';
import type { Actor, Ctx, Db, Membership } from '../../context';
import { canReadTemplate, type TemplateSubject } from '../../policies/templates.policy';
import { membershipOf, readableSpaceIds, spaceSubject } from '../access';
import { decodeCursor, encodeCursor } from '../cursor';

export type TemplateAccess = { template: TemplatesTable; m: Membership; subject: TemplateSubject };

const notFound = () => new WeftError('TEMPLATE_NOT_FOUND', 'template not found');

/** The policy subject of a template for one member. */
export async function templateSubject(db: Db, m: Membership, t: Pick<TemplatesTable, 'created_by' | 'space_id'>): Promise<TemplateSubject> {
  if (!t.space_id) return { createdBy: t.created_by, space: null };
  const space = await db.selectFrom('spaces').select(['id', 'visibility']).where('id', '=', t.space_id).executeTakeFirstOrThrow();
  return { createdBy: t.created_by, space: await spaceSubject(db, m, space) };
}

/** Loads a template the actor may read; missing, another workspace's, or unreadable answer 404 alike. */
export async function loadTemplateAccess(db: Db, actor: Actor, id: string): Promise<TemplateAccess> {
  const template = await db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!template) throw notFound();
  const m = await membershipOf(db, actor, template.workspace_id).catch(() => {
    throw notFound();
  });
  const subject = await templateSubject(db, m, template);
  if (!canReadTemplate(m, subject)) throw notFound();
  return { template, m, subject };
}

/**
 * The templates of a workspace the member may read, by name: workspace-wide ones (members and up)
 * and those scoped to spaces they can read. Cursor: the last (name, id).
 */
export async function listTemplates(ctx: Ctx, workspaceId: string, q: z.output<typeof TemplateListQuery>) {
  const db = ctx.deps.store.db;
  // Every member may list; the filter below keeps each one to the templates they may read.
  const m = await membershipOf(db, ctx.actor, workspaceId);
  return listReadable(db, m, q);
}

async function listReadable(db: Db, m: Membership, q: z.output<typeof TemplateListQuery>) {
  const spaces = await readableSpaceIds(db, m);
  const wide = canReadTemplate(m, { createdBy: '', space: null });
  let query = db
    .selectFrom('templates')
    .selectAll()
    .where('workspace_id', '=', m.workspaceId)
    .where((eb) => eb.or([...(wide ? [eb('space_id', 'is', null)] : []), ...(spaces.length ? [eb('space_id', 'in', spaces)] : []), eb.lit(false)]));
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.spaceId) query = query.where('space_id', '=', q.spaceId);
  if (q.cursor) {
    const [name, id] = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
    query = query.where((eb) => eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]));
  }
  const rows = await query.orderBy('name').orderBy('id').limit(q.limit + 1).execute();
  const more = rows.length > q.limit;
  const data = more ? rows.slice(0, q.limit) : rows;
  const last = data[data.length - 1];
  return { m, data, nextCursor: more && last ? encodeCursor([last.name, last.id]) : null };
}
