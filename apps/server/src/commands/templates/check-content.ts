import { type FieldError, ItemTemplateContent, parseQuery, SpaceTemplateContent, TEMPLATE_MAX_DEPTH, TEMPLATE_MAX_ITEMS, type TemplateItem, WeftError, isWeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Db } from '../../context';

type ItemContent = z.output<typeof ItemTemplateContent>;
type SpaceContent = z.output<typeof SpaceTemplateContent>;

/** Every node of an item template, depth-first in template order, with its body path and depth. */
export function walkTemplateItems(root: TemplateItem, path: string): Array<{ node: TemplateItem; path: string; depth: number }> {
  const out: Array<{ node: TemplateItem; path: string; depth: number }> = [];
  const visit = (node: TemplateItem, p: string, depth: number) => {
    out.push({ node, path: p, depth });
    (node.checklist ?? []).forEach((title, i) => {
      out.push({ node: { title }, path: `${p}.checklist.${i}`, depth: depth + 1 });
    });
    (node.subitems ?? []).forEach((child, i) => {
      visit(child, `${p}.subitems.${i}`, depth + 1);
    });
  };
  visit(root, path, 0);
  return out;
}

const fail = (errors: FieldError[]): never => {
  throw new WeftError('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { fields: errors });
};

/** Parses content for a kind, naming failing paths under `path` (zod issues become field errors). */
export function parseContent(kind: string, raw: unknown, path: string): ItemContent | SpaceContent {
  const r = (kind === 'item' ? ItemTemplateContent : SpaceTemplateContent).safeParse(raw);
  if (r.success) return r.data;
  return fail(r.error.issues.slice(0, 20).map((i) => ({ path: [path, ...i.path.map(String)].join('.'), message: i.message })));
}

/**
 * Checks an item template's references against its workspace: item types, labels, custom fields
 * (those of another space than the template's are refused) and people; and the size limits.
 * Field values are checked by type when the template is applied, against the target space.
 */
export async function checkItemContent(db: Db, workspaceId: string, content: ItemContent, path: string): Promise<void> {
  const nodes = walkTemplateItems(content.item, `${path}.item`);
  const errors: FieldError[] = [];
  if (nodes.length > TEMPLATE_MAX_ITEMS) errors.push({ path: `${path}.item`, message: `a template creates at most ${TEMPLATE_MAX_ITEMS} items (this one: ${nodes.length})` });
  const deep = nodes.find((n) => n.depth > TEMPLATE_MAX_DEPTH);
  if (deep) errors.push({ path: deep.path, message: `subitems nest at most ${TEMPLATE_MAX_DEPTH} levels deep` });
  if (errors.length) fail(errors);
  const uniq = (f: (n: TemplateItem) => string[]) => [...new Set(nodes.flatMap((n) => f(n.node)))];
  const types = uniq((n) => (n.type ? [n.type] : []));
  const labels = uniq((n) => n.labelIds ?? []);
  const fields = uniq((n) => Object.keys(n.fields ?? {}));
  const people = uniq((n) => n.assigneeIds ?? []);
  const [t, l, f, p] = await Promise.all([
    types.length ? db.selectFrom('item_types').select('key as id').where('workspace_id', '=', workspaceId).where('key', 'in', types).execute() : [],
    labels.length ? db.selectFrom('labels').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', labels).execute() : [],
    fields.length ? db.selectFrom('fields').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', fields).execute() : [],
    people.length ? db.selectFrom('members').select('user_id as id').where('workspace_id', '=', workspaceId).where('user_id', 'in', people).execute() : [],
  ]);
  const has = (rows: Array<{ id: string }>) => new Set(rows.map((r) => r.id));
  const [okTypes, okLabels, okPeople] = [has(t), has(l), has(p)];
  // Fields of any space of the workspace may be kept: applying into a space they do not apply to
  // leaves them out and says so (`dropped`), like a label deleted since.
  const okFields = new Set(f.map((x) => x.id));
  for (const { node, path: at } of nodes) {
    if (node.type && !okTypes.has(node.type)) errors.push({ path: `${at}.type`, message: `no item type "${node.type}" in this workspace` });
    const badLabels = (node.labelIds ?? []).filter((id) => !okLabels.has(id));
    if (badLabels.length) errors.push({ path: `${at}.labelIds`, message: `no such labels in this workspace: ${badLabels.join(', ')}` });
    for (const id of Object.keys(node.fields ?? {})) if (!okFields.has(id)) errors.push({ path: `${at}.fields.${id}`, message: 'no such field in this workspace' });
    const badPeople = (node.assigneeIds ?? []).filter((id) => !okPeople.has(id));
    if (badPeople.length) errors.push({ path: `${at}.assigneeIds`, message: `not members of this workspace: ${badPeople.join(', ')}` });
  }
  if (errors.length) fail(errors.slice(0, 50));
}

/** Checks a space template: unique field names and option names, and view queries that parse. */
export function checkSpaceContent(content: SpaceContent, path: string): void {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  content.fields.forEach((f, i) => {
    const n = f.name.toLowerCase();
    if (names.has(n)) errors.push({ path: `${path}.fields.${i}.name`, message: 'two fields of the template have this name' });
    names.add(n);
    if (f.options?.length && f.type !== 'select' && f.type !== 'multi_select') errors.push({ path: `${path}.fields.${i}.options`, message: 'only select and multi_select fields have options' });
    const opts = new Set<string>();
    (f.options ?? []).forEach((o, j) => {
      if (opts.has(o.name.toLowerCase())) errors.push({ path: `${path}.fields.${i}.options.${j}.name`, message: 'duplicate option name' });
      opts.add(o.name.toLowerCase());
    });
  });
  content.views.forEach((v, i) => {
    try {
      parseQuery(v.query);
    } catch (e) {
      errors.push({ path: `${path}.views.${i}.query`, message: isWeftError(e) ? e.message : 'invalid query' });
    }
  });
  if (errors.length) fail(errors);
}

/** Parses and checks content of either kind. */
export async function checkContent(db: Db, workspaceId: string, kind: string, raw: unknown, path: string) {
  const content = parseContent(kind, raw, path);
  if (kind === 'item') await checkItemContent(db, workspaceId, content as ItemContent, path);
  else checkSpaceContent(content as SpaceContent, path);
  return content;
}
