import type { FieldError } from '@weft/domain';
import type { Db } from '../../context';
import { type FieldValue, fieldValueOf } from '../../presenters/item';
import type { Tx } from '../../tx';

export type StoredValue = { ord: number; text_value: string | null; num_value: number | null };
/** A checked custom field value, ready to store (no rows = cleared) and to show. */
export type CheckedField = { fieldId: string; type: string; rows: StoredValue[]; value: FieldValue };

type FieldDef = { id: string; type: string; space_id: string | null; options: string };

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function optionIds(raw: string): Set<string> {
  try {
    const v = JSON.parse(raw);
    return new Set(Array.isArray(v) ? v.map((o: { id?: unknown }) => String(o?.id)) : []);
  } catch {
    return new Set();
  }
}

const text = (s: string, ord = 0): StoredValue => ({ ord, text_value: s, num_value: null });
const num = (n: number): StoredValue => ({ ord: 0, text_value: null, num_value: n });

/** Checks one value against its field's type; returns the rows to store or an error message. */
function checkValue(f: FieldDef, v: unknown, members: Set<string>): StoredValue[] | string {
  if (v === null) return [];
  switch (f.type) {
    case 'text':
      return typeof v === 'string' ? (v === '' ? [] : [text(v)]) : 'must be a string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? [num(v)] : 'must be a number';
    case 'date':
      return typeof v === 'string' && isDate(v) ? [text(v)] : 'must be a date (YYYY-MM-DD)';
    case 'checkbox':
      return typeof v === 'boolean' ? [num(v ? 1 : 0)] : 'must be true or false';
    case 'url':
      return typeof v === 'string' && v.length <= 2000 && isHttpUrl(v) ? [text(v)] : 'must be an http(s) URL';
    case 'select':
      return typeof v === 'string' && optionIds(f.options).has(v) ? [text(v)] : 'must be the id of one of the options';
    case 'multi_select': {
      const ids = optionIds(f.options);
      if (!Array.isArray(v) || v.some((x) => !ids.has(x))) return 'must be a list of option ids';
      return [...new Set(v as string[])].map((x, i) => text(x, i));
    }
    case 'person': {
      const ids = typeof v === 'string' ? [v] : v;
      if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string')) return 'must be a user id or a list of them';
      const missing = ids.filter((x) => !members.has(x));
      if (missing.length) return `not members of this workspace: ${missing.join(', ')}`;
      return [...new Set(ids as string[])].map((x, i) => text(x, i));
    }
    default:
      return `unsupported field type ${f.type}`;
  }
}

/**
 * Validates custom field values by their field's type and scope (a workspace field or one of this
 * space's). Returns every error at once, each at `body.fields.<fieldId>`.
 */
export async function checkFieldValues(db: Db, workspaceId: string, spaceId: string, values: Record<string, unknown>): Promise<{ checked: CheckedField[]; errors: FieldError[] }> {
  const ids = Object.keys(values);
  if (ids.length === 0) return { checked: [], errors: [] };
  const defs = await db.selectFrom('fields').select(['id', 'type', 'space_id', 'options']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  const byId = new Map(defs.map((d) => [d.id, d]));
  const people = Object.entries(values)
    .filter(([id]) => byId.get(id)?.type === 'person')
    .flatMap(([, v]) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []));
  const members = new Set(
    people.length
      ? (await db.selectFrom('members').select('user_id').where('workspace_id', '=', workspaceId).where('user_id', 'in', [...new Set(people)]).execute()).map((r) => r.user_id)
      : [],
  );
  const checked: CheckedField[] = [];
  const errors: FieldError[] = [];
  for (const [id, v] of Object.entries(values)) {
    const f = byId.get(id);
    const path = `body.fields.${id}`;
    if (!f || (f.space_id !== null && f.space_id !== spaceId)) {
      errors.push({ path, message: 'no such field in this workspace or space' });
      continue;
    }
    const rows = checkValue(f, v, members);
    if (typeof rows === 'string') errors.push({ path, message: rows });
    else checked.push({ fieldId: id, type: f.type, rows, value: rows.length ? fieldValueOf(f.type, rows) : null });
  }
  return { checked, errors };
}

/** Replaces the stored values of these fields on an item. */
export async function writeFieldValues(tx: Tx, itemId: string, checked: readonly CheckedField[]): Promise<void> {
  for (const c of checked) {
    await tx.db.deleteFrom('item_field_values').where('item_id', '=', itemId).where('field_id', '=', c.fieldId).execute();
    if (c.rows.length) await tx.db.insertInto('item_field_values').values(c.rows.map((r) => ({ item_id: itemId, field_id: c.fieldId, ...r }))).execute();
  }
}
