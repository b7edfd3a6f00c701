import { type CreateItemInput, type TemplateItem, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx, Membership } from '../../context';
import { spaceAccess } from '../../queries/access';
import type { ItemRow } from '../../queries/items/item-rows';
import type { Tx } from '../../tx';
import { spaceReaders } from '../items/item-refs';
import { createItemsTx } from '../items/create-item';
import { walkTemplateItems } from './check-content';

type ApplyInput = { spaceId?: string; parentId?: string | null; statusId?: string; title?: string; assigneeIds?: string[] };
type Node = { node: TemplateItem; children: Node[] };
export type Dropped = { labelIds: string[]; fieldIds: string[]; assigneeIds: string[] };

/** `YYYY-MM-DD` of an instant in a time zone, moved by whole days. */
function localDatePlus(now: string, timeZone: string, days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function tree(root: TemplateItem): Node {
  return {
    node: root,
    children: [...(root.checklist ?? []).map((title) => ({ node: { title }, children: [] })), ...(root.subitems ?? []).map(tree)],
  };
}

/**
 * Creates the template's item in a space, then its subitems level by level (each level one
 * createItemsTx call: one counter bump, events and search rows as for any created item).
 * References that no longer apply here are left out and reported in `dropped`.
 */
export async function applyItemTemplateTx(tx: Tx, ctx: Ctx, m: Membership, content: { item: TemplateItem }, input: ApplyInput) {
  const { space } = await spaceAccess(tx.db, ctx.actor, input.spaceId as string);
  if (space.workspace_id !== m.workspaceId) throw new WeftError('SPACE_NOT_FOUND', 'space not found');
  const nodes = walkTemplateItems(content.item, 'item').map((n) => n.node);
  const all = (f: (n: TemplateItem) => string[]) => [...new Set(nodes.flatMap(f))];
  const [labels, fields, readers, ws] = await Promise.all([
    all((n) => n.labelIds ?? []).length ? tx.db.selectFrom('labels').select('id').where('workspace_id', '=', m.workspaceId).where('id', 'in', all((n) => n.labelIds ?? [])).execute() : [],
    all((n) => Object.keys(n.fields ?? {})).length
      ? tx.db.selectFrom('fields').select(['id', 'space_id']).where('workspace_id', '=', m.workspaceId).where('id', 'in', all((n) => Object.keys(n.fields ?? {}))).execute()
      : [],
    spaceReaders(tx.db, space, all((n) => n.assigneeIds ?? [])),
    tx.db.selectFrom('workspaces').select('time_zone').where('id', '=', m.workspaceId).executeTakeFirstOrThrow(),
  ]);
  const okLabels = new Set(labels.map((l) => l.id));
  const okFields = new Set(fields.filter((f) => f.space_id === null || f.space_id === space.id).map((f) => f.id));
  const dropped: Dropped = {
    labelIds: all((n) => n.labelIds ?? []).filter((id) => !okLabels.has(id)),
    fieldIds: all((n) => Object.keys(n.fields ?? {})).filter((id) => !okFields.has(id)),
    assigneeIds: all((n) => n.assigneeIds ?? []).filter((id) => !readers.has(id)),
  };

  const toInput = (n: TemplateItem, parentId: string | null, isRoot: boolean): z.output<typeof CreateItemInput> => ({
    title: isRoot && input.title ? input.title : n.title,
    description: n.description ?? '',
    type: n.type ?? 'task',
    priority: n.priority ?? 'none',
    assigneeIds: isRoot && input.assigneeIds ? input.assigneeIds : (n.assigneeIds ?? []).filter((id) => readers.has(id)),
    labelIds: (n.labelIds ?? []).filter((id) => okLabels.has(id)),
    fields: Object.fromEntries(Object.entries(n.fields ?? {}).filter(([id]) => okFields.has(id))) as z.output<typeof CreateItemInput>['fields'],
    ...(n.estimate !== undefined ? { estimate: n.estimate } : {}),
    ...(n.startInDays !== undefined ? { startAt: localDatePlus(tx.now, ws.time_zone, n.startInDays) } : {}),
    ...(n.dueInDays !== undefined ? { dueAt: localDatePlus(tx.now, ws.time_zone, n.dueInDays) } : {}),
    ...(isRoot && input.statusId ? { statusId: input.statusId } : {}),
    parentId,
  });

  const root = tree(content.item);
  const [item] = (await createItemsTx(tx, ctx, space.id, [toInput(root.node, input.parentId ?? null, true)], false)).items;
  const subitems: ItemRow[] = [];
  let level: Array<{ parent: ItemRow; node: Node }> = root.children.map((c) => ({ parent: item, node: c }));
  while (level.length > 0) {
    const { items } = await createItemsTx(
      tx,
      ctx,
      space.id,
      level.map((l) => toInput(l.node.node, l.parent.id, false)),
      false,
    );
    subitems.push(...items);
    level = level.flatMap((l, i) => l.node.children.map((c) => ({ parent: items[i], node: c })));
  }
  return { spaceId: space.id, itemId: item.id, item, subitems, dropped };
}
