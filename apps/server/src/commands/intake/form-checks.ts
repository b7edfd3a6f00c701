import type { SpacesTable } from '@weft/db';
import { type AssigneeRule, type FieldError, type FormField, WeftError } from '@weft/domain';
import type { Db } from '../../context';
import { parseJson } from '../../presenters/intake';

/** Which custom field types a form field kind may fill. */
const FILLS: Record<string, readonly string[]> = {
  short_text: ['text', 'url'],
  long_text: ['text'],
  email: ['text'],
  date: ['date'],
  choice: ['select', 'text'],
};

type FormRefs = { fields?: FormField[]; itemType?: string; triageStatusId?: string | null; assigneeRule?: AssigneeRule };

/**
 * Checks what a form refers to against its workspace and space: custom fields (and that the kind
 * fits the field's type and options), the item type, the triage status, the people of the
 * assignee rule. Every problem at once, at its body path.
 */
export async function checkFormRefs(db: Db, space: SpacesTable, input: FormRefs): Promise<void> {
  const errors: FieldError[] = [];
  const ws = space.workspace_id;
  const mapped = (input.fields ?? []).map((f, i) => ({ f, i })).filter(({ f }) => f.mapsTo === 'field' && f.fieldId);
  if (mapped.length) {
    const ids = mapped.map(({ f }) => f.fieldId as string);
    const defs = await db.selectFrom('fields').select(['id', 'type', 'space_id', 'options']).where('workspace_id', '=', ws).where('id', 'in', ids).execute();
    const byId = new Map(defs.map((d) => [d.id, d]));
    for (const { f, i } of mapped) {
      const d = byId.get(f.fieldId as string);
      const path = `body.fields.${i}.fieldId`;
      if (!d || (d.space_id !== null && d.space_id !== space.id)) errors.push({ path, message: 'no such custom field in this workspace or space' });
      else if (!FILLS[f.kind]?.includes(d.type)) errors.push({ path, message: `a ${f.kind} field cannot fill a ${d.type} field` });
      else if (d.type === 'select') {
        const opts = new Set(parseJson<Array<{ id: string }>>(d.options, []).map((o) => o.id));
        if (!(f.options ?? []).every((o) => opts.has(o.value))) errors.push({ path: `body.fields.${i}.options`, message: "a select field's choices must be its option ids" });
      }
    }
  }
  if (input.itemType !== undefined) {
    const t = await db.selectFrom('item_types').select('key').where('workspace_id', '=', ws).where('key', '=', input.itemType).executeTakeFirst();
    if (!t) errors.push({ path: 'body.itemType', message: `no item type "${input.itemType}" in this workspace` });
  }
  if (input.triageStatusId) {
    const s = await db.selectFrom('statuses').select('id').where('space_id', '=', space.id).where('id', '=', input.triageStatusId).executeTakeFirst();
    if (!s) errors.push({ path: 'body.triageStatusId', message: 'not a status of this space' });
  }
  const rule = input.assigneeRule;
  if (rule && (rule.kind === 'fixed' || rule.kind === 'round_robin')) {
    const ids = rule.kind === 'fixed' ? [rule.userId] : rule.userIds;
    const found = new Set((await db.selectFrom('members').select('user_id').where('workspace_id', '=', ws).where('user_id', 'in', ids).execute()).map((r) => r.user_id));
    const bad = ids.filter((id) => !found.has(id));
    if (bad.length) errors.push({ path: `body.assigneeRule.${rule.kind === 'fixed' ? 'userId' : 'userIds'}`, message: `not members of this workspace: ${bad.join(', ')}` });
  }
  if (rule?.kind === 'least_loaded') {
    const team = await db.selectFrom('teams').select('id').where('workspace_id', '=', ws).where('id', '=', rule.teamId).executeTakeFirst();
    if (!team) errors.push({ path: 'body.assigneeRule.teamId', message: 'no such team in this workspace' });
  }
  if (errors.length) throw new WeftError('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { fields: errors });
}
