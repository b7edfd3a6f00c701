import { SaveSpaceAsTemplateInput } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx } from '../../context';
import { authorize } from '../../policies/policy';
import { spacePolicy } from '../../policies/space.policy';
import { spaceAccess } from '../../queries/access';
import { type Tx, withTx } from '../../tx';
import { insertTemplateTx } from './create-template';
import { EXTENSION_KEYS, spaceTemplateExtension } from './extensions';

/**
 * "Save this space as a template": its kind, description and visibility, its workflow (names,
 * categories, colours, in order), its own custom fields with their options, its shared views, and
 * whatever the registered extensions capture (routines, forms). Items, members and workspace-wide
 * fields are not part of it. The template is workspace-wide: it exists to start other spaces.
 */
export async function saveSpaceAsTemplate(ctx: Ctx, spaceId: string, raw: z.input<typeof SaveSpaceAsTemplateInput>) {
  const input = SaveSpaceAsTemplateInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { space, m, subject } = await spaceAccess(tx.db, ctx.actor, spaceId);
    authorize(spacePolicy, 'space.read', m, subject, { canRead: true, notFound: 'SPACE_NOT_FOUND' });
    const content = await captureSpace(tx, space.id, input.includeViews);
    content.space = { kind: space.kind, description: space.description, visibility: space.visibility };
    return insertTemplateTx(tx, m, { kind: 'space', name: input.name, description: input.description, spaceId: null, content }, 'body', { fromSpaceId: space.id });
  });
}

async function captureSpace(tx: Tx, spaceId: string, includeViews: boolean): Promise<Record<string, unknown>> {
  const [statuses, fields, views] = await Promise.all([
    tx.db.selectFrom('statuses').select(['name', 'category', 'color']).where('space_id', '=', spaceId).orderBy('position').orderBy('id').execute(),
    tx.db.selectFrom('fields').select(['name', 'type', 'options']).where('space_id', '=', spaceId).orderBy('position').orderBy('id').execute(),
    includeViews
      ? tx.db.selectFrom('views').select(['name', 'query', 'layout', 'options']).where('space_id', '=', spaceId).where('shared', '=', 1).orderBy('created_at').orderBy('id').execute()
      : [],
  ]);
  const content: Record<string, unknown> = {
    statuses: statuses.map((s) => ({ name: s.name, category: s.category, color: s.color })),
    fields: fields.map((f) => {
      // Option ids are the field's own; a new field gets new ones, so only names and colours travel.
      const options = (JSON.parse(f.options) as Array<{ name: string; color?: string }>).map((o) => ({ name: o.name, ...(o.color !== undefined ? { color: o.color } : {}) }));
      return { name: f.name, type: f.type, ...(options.length ? { options } : {}) };
    }),
    views: views.map((v) => ({ name: v.name, query: v.query, layout: v.layout, shared: true, options: JSON.parse(v.options) })),
  };
  for (const key of EXTENSION_KEYS) {
    const ext = spaceTemplateExtension(key);
    content[key] = ext ? await ext.capture(tx, spaceId) : [];
  }
  return content;
}
