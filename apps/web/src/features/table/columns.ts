import type { Field, Item, ItemType, Label, Member, Space } from '@weft/client';
import { PRIORITIES } from '../../lib/api';
import { dayOf } from '../spaces/dates';
import { dayValue, type Edit, fieldEdit, numberFrom } from './cell-edits';

/** What a cell shows and sorts by; `edit` names the inline editor the cell uses. */
export type Column = {
  id: string;
  label: string;
  width: number;
  sortValue: (i: Item) => string | number | null;
  text: (i: Item) => string;
  edit?: Edit;
};

export type Lookups = { space: Space; members: Member[]; labels: Label[]; fields: Field[]; types: ItemType[]; tz: string };

const fieldText = (f: Field, v: unknown, people: Map<string, string>): string => {
  if (v === null || v === undefined || v === '') return '';
  const opt = (id: unknown) => f.options.find((o) => o.id === id)?.name ?? String(id);
  if (f.type === 'select') return opt(v);
  if (f.type === 'multi_select' && Array.isArray(v)) return v.map(opt).join(', ');
  if (f.type === 'checkbox') return v ? 'Yes' : 'No';
  if (f.type === 'person') return (Array.isArray(v) ? v : [String(v)]).map((id) => people.get(id) ?? 'someone').join(', ');
  return Array.isArray(v) ? v.join(', ') : String(v);
};

/** The table's columns: every built-in field, then the space's custom fields. */
export function buildColumns({ space, members, labels, fields, types, tz }: Lookups): Column[] {
  const statusPos = new Map(space.statuses.map((s) => [s.id, s.position]));
  const statusName = new Map(space.statuses.map((s) => [s.id, s.name]));
  const person = new Map(members.map((m) => [m.userId, m.name]));
  const label = new Map(labels.map((l) => [l.id, l.name]));
  const people = (ids: string[]) => ids.map((id) => person.get(id) ?? 'someone').join(', ');
  const date = (v: string | null) => dayOf(v, tz) ?? '';
  const typeName = new Map(types.map((t) => [t.key, t.name]));
  const memberOpts = members.map((m) => ({ id: m.userId, name: m.name }));
  const typeOpts = (i: Item) => (typeName.has(i.type) ? [] : [{ id: i.type, name: i.type }]);
  const cols: Column[] = [
    { id: 'key', label: 'Key', width: 90, sortValue: (i) => i.number, text: (i) => i.key },
    { id: 'title', label: 'Title', width: 320, sortValue: (i) => i.title.toLowerCase(), text: (i) => i.title, edit: { kind: 'title' } },
    { id: 'type', label: 'Type', width: 110, sortValue: (i) => (typeName.get(i.type) ?? i.type).toLowerCase(), text: (i) => typeName.get(i.type) ?? i.type,
      edit: { kind: 'choice', options: types.map((t) => ({ id: t.key, name: t.name })), extra: typeOpts, value: (i) => i.type, patch: (_i, type) => (type ? { type } : {}) } },
    { id: 'status', label: 'Status', width: 140, sortValue: (i) => statusPos.get(i.statusId) ?? 999, text: (i) => statusName.get(i.statusId) ?? '', edit: { kind: 'status' } },
    { id: 'priority', label: 'Priority', width: 110, sortValue: (i) => PRIORITIES.indexOf(i.priority), text: (i) => i.priority, edit: { kind: 'priority' } },
    { id: 'assignees', label: 'Assignees', width: 160, sortValue: (i) => people(i.assigneeIds).toLowerCase() || null, text: (i) => people(i.assigneeIds),
      edit: { kind: 'multi', options: memberOpts, value: (i) => i.assigneeIds, patch: (_i, assigneeIds) => ({ assigneeIds }) } },
    { id: 'owner', label: 'Owner', width: 130, sortValue: (i) => (i.ownerId ? (person.get(i.ownerId) ?? '').toLowerCase() : null), text: (i) => (i.ownerId ? (person.get(i.ownerId) ?? '') : ''),
      edit: { kind: 'choice', options: memberOpts, none: 'No owner', value: (i) => i.ownerId, patch: (_i, ownerId) => ({ ownerId }) } },
    { id: 'labels', label: 'Labels', width: 140, sortValue: (i) => i.labelIds.map((l) => label.get(l) ?? '').join(', ').toLowerCase() || null, text: (i) => i.labelIds.map((l) => label.get(l) ?? '').join(', '),
      edit: { kind: 'multi', options: labels.map((l) => ({ id: l.id, name: l.name })), value: (i) => i.labelIds, patch: (_i, labelIds) => ({ labelIds }) } },
    { id: 'start', label: 'Start', width: 150, sortValue: (i) => date(i.startAt) || null, text: (i) => date(i.startAt),
      edit: { kind: 'date', value: (i) => date(i.startAt) || null, patch: (i, day) => ({ startAt: dayValue(i.startAt, day ?? '', tz) }) } },
    { id: 'due', label: 'Due', width: 150, sortValue: (i) => date(i.dueAt) || null, text: (i) => date(i.dueAt),
      edit: { kind: 'date', value: (i) => date(i.dueAt) || null, patch: (i, day) => ({ dueAt: dayValue(i.dueAt, day ?? '', tz) }) } },
    { id: 'estimate', label: 'Estimate', width: 100, sortValue: (i) => i.estimate, text: (i) => (i.estimate === null ? '' : String(i.estimate)),
      edit: { kind: 'text', input: 'number', value: (i) => (i.estimate === null ? '' : String(i.estimate)), patch: (_i, t) => {
        const estimate = numberFrom(t);
        return estimate === undefined ? null : { estimate };
      } } },
  ];
  for (const f of fields) {
    cols.push({
      id: `field:${f.id}`,
      label: f.name,
      width: 140,
      sortValue: (i) => {
        const v = i.fields[f.id];
        if (v === null || v === undefined || v === '') return null;
        return typeof v === 'number' ? v : fieldText(f, v, person).toLowerCase();
      },
      text: (i) => fieldText(f, i.fields[f.id], person),
      edit: fieldEdit(f, members),
    });
  }
  return cols;
}

export type Sort = { id: string; dir: 'asc' | 'desc' } | null;
const collator = new Intl.Collator(undefined, { numeric: true });

/** A stable sort over all rows; empty values always last, whichever the direction. */
export function sortItems(items: Item[], col: Column | undefined, dir: 'asc' | 'desc'): Item[] {
  if (!col) return items;
  const sign = dir === 'asc' ? 1 : -1;
  const keyed = items.map((item, n) => ({ item, n, v: col.sortValue(item) }));
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) return a.v === b.v ? a.n - b.n : a.v === null ? 1 : -1;
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
    return c === 0 ? a.n - b.n : sign * c;
  });
  return keyed.map((k) => k.item);
}
