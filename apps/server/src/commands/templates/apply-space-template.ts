import { isUniqueViolation } from '@weft/db';
import { CreateSpaceInput, type SpaceTemplateContent, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx, Membership } from '../../context';
import type { Tx } from '../../tx';
import { createFieldTx } from '../config/create-field';
import { createViewTx } from '../config/create-view';
import { createSpaceTx } from '../spaces/create-space';
import { invalid } from '../spaces/space-checks';
import { EXTENSION_KEYS, spaceTemplateExtension } from './extensions';

type ApplyInput = { key?: string; name?: string; description?: string; visibility?: 'workspace' | 'members'; memberIds?: string[] };
type Content = z.output<typeof SpaceTemplateContent>;

/**
 * Creates a new space from a space template: the space with the template's workflow, then its
 * fields and shared views, then the extension parts (routines, forms) through their areas' handlers.
 */
export async function applySpaceTemplateTx(tx: Tx, ctx: Ctx, m: Membership, content: Content, input: ApplyInput) {
  for (const key of EXTENSION_KEYS) {
    if (content[key].length > 0 && !spaceTemplateExtension(key)) {
      throw new WeftError('TEMPLATE_UNSUPPORTED', `this template includes ${key}, which this server cannot create from a template yet`);
    }
  }
  const spaceInput = CreateSpaceInput.safeParse({
    key: input.key,
    name: input.name,
    kind: content.space.kind,
    description: input.description ?? content.space.description,
    visibility: input.visibility ?? content.space.visibility,
    memberIds: input.memberIds,
  });
  if (!spaceInput.success) invalid(spaceInput.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })));
  let created: Awaited<ReturnType<typeof createSpaceTx>>;
  try {
    created = await createSpaceTx(tx, ctx, m.workspaceId, spaceInput.data, content.statuses);
  } catch (e) {
    if (isUniqueViolation(e)) throw new WeftError('SPACE_KEY_TAKEN', `the key ${input.key} is already used in this workspace`, { fields: [{ path: 'body.key', message: 'taken' }] });
    throw e;
  }
  const { space } = created;
  const fields = [];
  for (const f of content.fields) fields.push((await createFieldTx(tx, m, m.workspaceId, { name: f.name, type: f.type, spaceId: space.id, options: f.options })).row);
  const views = [];
  for (const v of content.views) {
    views.push(await createViewTx(tx, m, m.workspaceId, { name: v.name, query: v.query, layout: v.layout, shared: v.shared, spaceId: space.id, options: v.options }));
  }
  const dropped = { labelIds: [] as string[], fieldIds: [] as string[], assigneeIds: [] as string[], calendarIds: [] as string[] };
  const made: Partial<Record<(typeof EXTENSION_KEYS)[number], Array<{ id: string; name: string }>>> = {};
  for (const key of EXTENSION_KEYS) {
    const ext = spaceTemplateExtension(key);
    if (!ext || content[key].length === 0) continue;
    const applied = await ext.apply(tx, ctx, m, space, content[key]);
    made[key] = applied.made;
    for (const k of Object.keys(dropped) as Array<keyof typeof dropped>) dropped[k] = [...new Set([...dropped[k], ...(applied.dropped?.[k] ?? [])])];
  }
  return { spaceId: space.id, itemId: null as string | null, space, fields, views, made, dropped };
}
