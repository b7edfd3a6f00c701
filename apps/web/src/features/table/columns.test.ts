import type { Field, Item, ItemType, Label, Member, Space } from '@weft/client';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Column } from './columns';

// columns.ts reaches lib/api, which builds the client from window.location at import time.
let buildColumns: typeof import('./columns').buildColumns;
beforeAll(async () => {
  vi.stubGlobal('window', { location: { origin: 'http://localhost' } });
  ({ buildColumns } = await import('./columns'));
});

const space = { id: 's', statuses: [{ id: 'st1', name: 'Todo', position: 0 }] } as unknown as Space;
const members = [{ userId: 'u1', name: 'Ana' }] as Member[];
const labels = [{ id: 'l1', name: 'Bug' }] as Label[];
const types = [
  { key: 'task', name: 'Task' },
  { key: 'bug', name: 'Bug' },
] as ItemType[];
const fields = [{ id: 'f1', type: 'person', name: 'Reviewer', options: [] }] as unknown as Field[];
const item = (over: Partial<Item> = {}): Item =>
  ({ id: 'i', key: 'ENG-1', type: 'task', assigneeIds: [], labelIds: [], ownerId: null, startAt: null, dueAt: null, estimate: null, fields: {}, statusId: 'st1', priority: 'none', ...over }) as Item;
const cols = () => buildColumns({ space, members, labels, fields, types, tz: 'Pacific/Kiritimati' });
const col = (id: string): Column => {
  const c = cols().find((x) => x.id === id);
  if (!c) throw new Error(`no column ${id}`);
  return c;
};
const edit = <K extends NonNullable<Column['edit']>['kind']>(id: string, kind: K) => {
  const e = col(id).edit;
  expect(e?.kind).toBe(kind);
  return e as Extract<NonNullable<Column['edit']>, { kind: K }>;
};

describe('table columns', () => {
  it('makes every column but the key editable', () => {
    const c = cols();
    expect(c.map((x) => x.id)).toEqual(['key', 'title', 'type', 'status', 'priority', 'assignees', 'owner', 'labels', 'start', 'due', 'estimate', 'field:f1']);
    expect(c.filter((x) => !x.edit).map((x) => x.id)).toEqual(['key']);
  });

  it('builds the PATCH bodies of the built-in fields', () => {
    const i = item({ startAt: '2026-01-01T20:00:00.000Z' });
    expect(edit('assignees', 'multi').patch(i, ['u1'])).toEqual({ assigneeIds: ['u1'] });
    expect(edit('labels', 'multi').options).toEqual([{ id: 'l1', name: 'Bug' }]);
    expect(edit('labels', 'multi').patch(i, [])).toEqual({ labelIds: [] });
    expect(edit('owner', 'choice').patch(i, null)).toEqual({ ownerId: null });
    expect(edit('owner', 'choice').none).toBe('No owner');
    expect(edit('estimate', 'text').patch(i, '5')).toEqual({ estimate: 5 });
    expect(edit('estimate', 'text').patch(i, '')).toEqual({ estimate: null });
    expect(edit('estimate', 'text').patch(i, 'five')).toBeNull();
    // 20:00Z on Jan 1st is 10:00 on Jan 2nd in Kiritimati (UTC+14): the cell shows that day and a
    // move keeps 10:00 there.
    expect(edit('start', 'date').value(i)).toBe('2026-01-02');
    expect(edit('start', 'date').patch(i, '2026-01-05')).toEqual({ startAt: '2026-01-04T20:00:00.000Z' });
    expect(edit('due', 'date').patch(i, '2026-01-05')).toEqual({ dueAt: '2026-01-05' });
    expect(edit('due', 'date').patch(i, null)).toEqual({ dueAt: null });
  });

  it('lists the item type even when the workspace no longer has it; a type is never cleared', () => {
    const t = edit('type', 'choice');
    expect(t.none).toBeUndefined();
    expect(t.extra?.(item({ type: 'epic' }))).toEqual([{ id: 'epic', name: 'epic' }]);
    expect(t.extra?.(item())).toEqual([]);
    expect(t.patch(item(), 'bug')).toEqual({ type: 'bug' });
    expect(t.patch(item(), null)).toEqual({});
    expect(col('type').text(item({ type: 'bug' }))).toBe('Bug');
  });

  it('shows person fields by name', () => {
    expect(col('field:f1').text(item({ fields: { f1: ['u1', 'u9'] } }))).toBe('Ana, someone');
  });
});
