import { SaveItemAsTemplateInput, TEMPLATE_MAX_DEPTH, TEMPLATE_MAX_ITEMS, type TemplateItem, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Ctx, Db } from '../../context';
import { itemPolicy } from '../../policies/item.policy';
import { authorize } from '../../policies/policy';
import { type ItemDetails, loadItemDetails, priorityName } from '../../presenters/item';
import type { ItemRow } from '../../queries/items/item-rows';
import { loadItemAccess } from '../../queries/items/load-item';
import { withTx } from '../../tx';
import { insertTemplateTx } from './create-template';

type Options = { includeSubitems: boolean; includeAssignees: boolean };

/**
 * "Save this item as a template": its title, description, type, priority, labels, custom field
 * values and estimate, and (by default) its live subitems, recursively. Dates, status and position
 * are not kept: they belong to the item, not to the kind of work it is.
 */
export async function saveItemAsTemplate(ctx: Ctx, idOrKey: string, raw: z.input<typeof SaveItemAsTemplateInput>) {
  const input = SaveItemAsTemplateInput.parse(raw);
  return withTx(ctx.deps, ctx.actor.userId, async (tx) => {
    const { item, m, subject } = await loadItemAccess(tx.db, ctx.actor, idOrKey);
    authorize(itemPolicy, 'item.read', m, subject, { canRead: true, notFound: 'ITEM_NOT_FOUND' });
    if (item.deleted_at) throw new WeftError('UNPROCESSABLE', 'this item is in the trash; restore it first');
    const root = await captureTree(tx.db, item, input);
    return insertTemplateTx(
      tx,
      m,
      { kind: 'item', name: input.name, description: input.description, spaceId: input.scope === 'space' ? item.space_id : null, content: { item: root } },
      'body',
      { fromItemId: item.id },
    );
  });
}

/** Reads the item and its live subitems level by level (one query per level for rows and details). */
async function captureTree(db: Db, root: ItemRow, o: Options): Promise<TemplateItem> {
  const nodes = new Map<string, TemplateItem>();
  let level: ItemRow[] = [root];
  let count = 0;
  for (let depth = 0; level.length > 0; depth += 1) {
    count += level.length;
    if (count > TEMPLATE_MAX_ITEMS) throw new WeftError('UNPROCESSABLE', `this item has more than ${TEMPLATE_MAX_ITEMS} items in its tree; a template holds at most that many`);
    const details = await loadItemDetails(db, level.map((r) => r.id));
    for (const row of level) {
      const node = toNode(row, details.get(row.id) as ItemDetails, o);
      nodes.set(row.id, node);
      if (row.parent_id && nodes.has(row.parent_id) && row.id !== root.id) {
        const parent = nodes.get(row.parent_id) as TemplateItem;
        parent.subitems = [...(parent.subitems ?? []), node];
      }
    }
    if (!o.includeSubitems || depth >= TEMPLATE_MAX_DEPTH) break;
    level = await db
      .selectFrom('items')
      .selectAll()
      .where(
        'parent_id',
        'in',
        level.map((r) => r.id),
      )
      .where('deleted_at', 'is', null)
      .orderBy('position')
      .orderBy('id')
      .execute();
  }
  return nodes.get(root.id) as TemplateItem;
}

function toNode(row: ItemRow, d: ItemDetails, o: Options): TemplateItem {
  const fields = Object.fromEntries(Object.entries(d.fields).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)));
  return {
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    type: row.type,
    priority: priorityName(Number(row.priority)),
    ...(d.labelIds.length ? { labelIds: d.labelIds } : {}),
    ...(o.includeAssignees && d.assigneeIds.length ? { assigneeIds: d.assigneeIds } : {}),
    ...(Object.keys(fields).length ? { fields } : {}),
    ...(row.estimate !== null ? { estimate: Number(row.estimate) } : {}),
  };
}
