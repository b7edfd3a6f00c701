import { type AssigneeRule, CreateFormInput, CreateSlaPolicyInput, type FieldError, type FormField, WeftError } from '@weft/domain';
import type { z } from 'zod';
import type { Tx } from '../../tx';
import { spaceReaders } from '../items/item-refs';
import { registerSpaceTemplateExtension } from '../templates/extensions';
import { captureFieldRef, type FieldRef, fieldResolver } from '../templates/space-refs';
import { createFormTx } from './create-form';
import { checkFormRefs } from './form-checks';
import { createSlaPolicyTx } from './sla-policies';

/**
 * Intake in space templates: the space's open forms (fields, mappings, defaults, assignee rule,
 * triage status by name) and its SLA policy. Applied inside the apply transaction through
 * createFormTx / createSlaPolicyTx. A form made from a template always gets a NEW `publicId`: a
 * template never carries a form's link. People of an assignee rule who cannot see the new space are
 * left out (`dropped.assigneeIds`); an SLA policy whose calendar is gone is left out
 * (`dropped.calendarIds`). Registered when this module loads; routes/intake.ts imports it.
 */
type Captured = Record<string, unknown>;

registerSpaceTemplateExtension({
  key: 'forms',
  async capture(tx, spaceId) {
    const rows = await tx.db.selectFrom('intake_forms').selectAll().where('space_id', '=', spaceId).where('closed_at', 'is', null).orderBy('created_at').orderBy('id').execute();
    const entries: Captured[] = [];
    for (const f of rows) {
      const fields: Captured[] = [];
      for (const field of JSON.parse(f.fields) as FormField[]) {
        const { fieldId, ...rest } = field;
        const ref = fieldId ? await captureFieldRef(tx.db, fieldId) : null;
        fields.push({ ...rest, ...(ref ? { fieldRef: ref, options: await optionNames(tx, fieldId as string, rest.options) } : {}) });
      }
      const triage = f.triage_status_id ? await tx.db.selectFrom('statuses').select('name').where('id', '=', f.triage_status_id).executeTakeFirst() : undefined;
      entries.push({
        name: f.name,
        description: f.description,
        access: f.access,
        fields,
        itemType: f.item_type,
        priority: f.priority,
        ...(triage ? { triageStatus: triage.name } : {}),
        assigneeRule: JSON.parse(f.assignee_rule),
      });
    }
    return entries;
  },
  async apply(tx, _ctx, m, space, entries) {
    const resolver = await fieldResolver(tx.db, space.workspace_id, space.id);
    const statuses = await tx.db.selectFrom('statuses').select(['id', 'name']).where('space_id', '=', space.id).execute();
    const people = entries.flatMap((e) => ruleIds(e.assigneeRule));
    const readers = await spaceReaders(tx.db, space, [...new Set(people)]);
    const made: Array<{ id: string; name: string }> = [];
    for (const [i, entry] of entries.entries()) {
      const { fields, triageStatus, assigneeRule, ...rest } = entry as { fields?: Captured[]; triageStatus?: string; assigneeRule?: AssigneeRule };
      const mapped: Captured[] = [];
      for (const field of Array.isArray(fields) ? fields : []) {
        const { fieldRef, ...f } = field as Captured & { fieldRef?: FieldRef; options?: Array<{ value: string; label: string }> };
        const d = fieldRef ? await resolver.resolve(fieldRef) : null;
        if (fieldRef && !d) mapped.push({ ...f, mapsTo: 'none', ...(f.kind === 'choice' ? {} : { options: undefined }) });
        else if (d) mapped.push({ ...f, fieldId: d.id, ...(f.options ? { options: f.options.map((o) => ({ ...o, value: String(resolver.optionId(d, o.value)) })) } : {}) });
        else mapped.push(f);
      }
      const triageId = triageStatus ? statuses.find((s) => s.name.toLowerCase() === triageStatus.toLowerCase())?.id : undefined;
      const parsed = CreateFormInput.safeParse({ ...rest, fields: mapped, ...(triageId ? { triageStatusId: triageId } : {}), assigneeRule: keepReaders(assigneeRule, readers) });
      if (!parsed.success) invalidEntry(parsed.error.issues, `content.forms.${i}`);
      await checkFormRefs(tx.db, space, parsed.data).catch((e) => {
        throw relabel(e, `content.forms.${i}`);
      });
      const form = await createFormTx(tx, space, m, parsed.data);
      made.push({ id: form.id, name: form.name });
    }
    return { made, dropped: { assigneeIds: people.filter((id) => !readers.has(id)), fieldIds: [...resolver.dropped] } };
  },
});

registerSpaceTemplateExtension({
  key: 'slaPolicies',
  async capture(tx, spaceId) {
    const p = await tx.db.selectFrom('sla_policies').selectAll().where('space_id', '=', spaceId).executeTakeFirst();
    return p ? [{ name: p.name, calendarId: p.calendar_id, targets: JSON.parse(p.targets) }] : [];
  },
  async apply(tx, _ctx, _m, space, entries) {
    const made: Array<{ id: string; name: string }> = [];
    const calendarIds: string[] = [];
    for (const [i, entry] of entries.slice(0, 1).entries()) {
      const parsed = CreateSlaPolicyInput.safeParse(entry);
      if (!parsed.success) invalidEntry(parsed.error.issues, `content.slaPolicies.${i}`);
      // The calendar is a workspace's: kept when it is still in this workspace, else the policy is left out.
      const cal = await tx.db.selectFrom('working_calendars').select('id').where('id', '=', parsed.data.calendarId).where('workspace_id', '=', space.workspace_id).executeTakeFirst();
      if (!cal) {
        calendarIds.push(parsed.data.calendarId);
        continue;
      }
      const policy = await createSlaPolicyTx(tx, space, parsed.data);
      made.push({ id: policy.id, name: policy.name });
    }
    return { made, dropped: { calendarIds } };
  },
});

async function optionNames(tx: Tx, fieldId: string, options?: Array<{ value: string; label: string }>) {
  if (!options) return undefined;
  const row = await tx.db.selectFrom('fields').select('options').where('id', '=', fieldId).executeTakeFirst();
  const opts = row ? (JSON.parse(row.options) as Array<{ id: string; name: string }>) : [];
  return options.map((o) => ({ ...o, value: opts.find((x) => x.id === o.value)?.name ?? o.value }));
}

function ruleIds(rule: unknown): string[] {
  const r = rule as Partial<{ kind: string; userId: string; userIds: string[] }> | undefined;
  if (r?.kind === 'fixed' && typeof r.userId === 'string') return [r.userId];
  if (r?.kind === 'round_robin' && Array.isArray(r.userIds)) return r.userIds.filter((x) => typeof x === 'string');
  return [];
}

function keepReaders(rule: AssigneeRule | undefined, readers: Set<string>): AssigneeRule | undefined {
  if (rule?.kind === 'fixed') return readers.has(rule.userId) ? rule : { kind: 'none' };
  if (rule?.kind === 'round_robin') {
    const userIds = rule.userIds.filter((id) => readers.has(id));
    return userIds.length ? { kind: 'round_robin', userIds } : { kind: 'none' };
  }
  return rule;
}

function invalidEntry(issues: z.core.$ZodIssue[], prefix: string): never {
  const errors: FieldError[] = issues.map((x) => ({ path: [prefix, ...x.path].join('.'), message: x.message }));
  throw new WeftError('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { fields: errors });
}

function relabel(e: unknown, prefix: string): unknown {
  if (!(e instanceof WeftError) || !e.fields) return e;
  const fields = e.fields.map((f) => ({ path: f.path.replace(/^body/, prefix), message: f.message }));
  return new WeftError(e.code, fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
}
