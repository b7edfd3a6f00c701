import type { Db } from '../../context';

/**
 * Space-scoped references inside extension entries (routines, forms) cannot travel by id: applying
 * a template makes new fields, options and statuses with new ids. Capture writes them by name
 * (`{ "$field": "Severity" }`, option names, status names); apply resolves the names in the new
 * space. Workspace-wide fields keep their id (the template is applied in the same workspace).
 */
type FieldDef = { id: string; name: string; type: string; spaceId: string | null; options: Array<{ id: string; name: string }> };

async function fieldDefs(db: Db, where: { spaceId?: string; ids?: string[] }): Promise<FieldDef[]> {
  let q = db.selectFrom('fields').select(['id', 'name', 'type', 'space_id', 'options']);
  if (where.spaceId) q = q.where('space_id', '=', where.spaceId);
  if (where.ids) {
    if (where.ids.length === 0) return [];
    q = q.where('id', 'in', where.ids);
  }
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, type: r.type, spaceId: r.space_id, options: JSON.parse(r.options) as FieldDef['options'] }));
}

/** A field reference as stored in a template: a workspace-wide field's id, or a space field's name. */
export type FieldRef = { fieldId: string } | { field: string };

/** Turns `{ fieldId: value }` of the source space into `[{ ref, value }]` with option ids as option names. */
export async function captureFieldValues(db: Db, values: Record<string, unknown>): Promise<Array<FieldRef & { value: unknown }>> {
  const defs = new Map((await fieldDefs(db, { ids: Object.keys(values) })).map((d) => [d.id, d]));
  return Object.entries(values).flatMap(([id, value]) => {
    const d = defs.get(id);
    if (!d) return [];
    const optName = (v: unknown) => d.options.find((o) => o.id === v)?.name ?? v;
    const v = d.type === 'select' ? optName(value) : d.type === 'multi_select' && Array.isArray(value) ? value.map(optName) : value;
    return [d.spaceId === null ? { fieldId: id, value: v } : { field: d.name, value: v }];
  });
}

/** Captures one field id (forms map to a field): by name when it belongs to the space. */
export async function captureFieldRef(db: Db, id: string): Promise<FieldRef | null> {
  const [d] = await fieldDefs(db, { ids: [id] });
  if (!d) return null;
  return d.spaceId === null ? { fieldId: d.id } : { field: d.name };
}

/** Resolves captured references in the new space; `dropped` names what no longer resolves. */
export async function fieldResolver(db: Db, workspaceId: string, spaceId: string) {
  const own = await fieldDefs(db, { spaceId });
  const byName = new Map(own.map((d) => [d.name.toLowerCase(), d]));
  const shared = new Map<string, FieldDef | null>();
  const dropped = new Set<string>();
  const resolve = async (ref: FieldRef): Promise<FieldDef | null> => {
    if ('field' in ref) {
      const d = byName.get(String(ref.field).toLowerCase()) ?? null;
      if (!d) dropped.add(String(ref.field));
      return d;
    }
    if (!shared.has(ref.fieldId)) {
      const [d] = await fieldDefs(db, { ids: [ref.fieldId] });
      shared.set(ref.fieldId, d && d.spaceId === null && (await inWorkspace(db, d.id, workspaceId)) ? d : null);
    }
    const d = shared.get(ref.fieldId) ?? null;
    if (!d) dropped.add(ref.fieldId);
    return d;
  };
  /** Option name (as captured) to the new field's option id; unknown names stay as they are (the create validates). */
  const optionId = (d: FieldDef, v: unknown) => d.options.find((o) => o.name.toLowerCase() === String(v).toLowerCase())?.id ?? v;
  const values = async (entries: Array<FieldRef & { value: unknown }>): Promise<Record<string, unknown>> => {
    const out: Record<string, unknown> = {};
    for (const e of entries) {
      const d = await resolve(e);
      if (!d) continue;
      out[d.id] = d.type === 'select' ? optionId(d, e.value) : d.type === 'multi_select' && Array.isArray(e.value) ? e.value.map((v) => optionId(d, v)) : e.value;
    }
    return out;
  };
  return { resolve, optionId, values, dropped };
}

async function inWorkspace(db: Db, fieldId: string, workspaceId: string): Promise<boolean> {
  return !!(await db.selectFrom('fields').select('id').where('id', '=', fieldId).where('workspace_id', '=', workspaceId).executeTakeFirst());
}
