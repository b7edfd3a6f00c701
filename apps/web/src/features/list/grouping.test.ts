import type { Field, Item, Space } from '@weft/client';
import { describe, expect, it } from 'vitest';
import { groupFromQuery, groupItems, nest } from './grouping';

const item = (id: string, o: Partial<Item> = {}): Item => ({ id, key: id.toUpperCase(), title: id, statusId: 'todo', priority: 'none', type: 'task', assigneeIds: [], labelIds: [], parentId: null, ...o }) as Item;
const space = { statuses: [{ id: 'todo', name: 'Todo', position: 1 }, { id: 'doing', name: 'Doing', position: 2 }] } as unknown as Space;
const names = { people: new Map([['u1', 'Zoe'], ['u2', 'Ana']]), labels: new Map([['l1', 'bug']]) };

describe('list grouping', () => {
  it('puts subitems right after their parent, indented by depth, keeping the list order otherwise', () => {
    const rows = nest([item('a'), item('c', { parentId: 'b' }), item('b'), item('d', { parentId: 'c' }), item('e', { parentId: 'elsewhere' })]);
    expect(rows.map((r) => `${r.item.id}${r.depth}`)).toEqual(['a0', 'b0', 'c1', 'd2', 'e0']);
  });

  it('groups by priority from urgent, by assignee by name (an item in each of its people), and reads group: from the filter', () => {
    const items = [item('a', { priority: 'low', assigneeIds: ['u1', 'u2'] }), item('b', { priority: 'urgent' }), item('c', { priority: 'low', statusId: 'doing' })];
    expect(groupItems(items, 'priority', space, names).map((g) => [g.name, g.items.map((r) => r.item.id)])).toEqual([
      ['urgent', ['b']],
      ['low', ['a', 'c']],
    ]);
    expect(groupItems(items, 'assignee', space, names).map((g) => [g.name, g.items.map((r) => r.item.id)])).toEqual([
      ['Ana', ['a']],
      ['Zoe', ['a']],
      ['No assignee', ['b', 'c']],
    ]);
    expect(groupItems(items, 'status', space, names).map((g) => g.name)).toEqual(['Todo', 'Doing']);
    expect(groupFromQuery('is:open group:Priority')).toBe('priority');
    expect(groupFromQuery('group:due')).toBeNull();
  });
  it('groups by a custom field: options in their order (an item in each of its multi-select options), people by name, numbers in order, then "No value"; group: names one', () => {
    const tier = { id: 'f1', name: 'Customer tier', type: 'select', options: [{ id: 'gold', name: 'Gold' }, { id: 'free', name: 'Free' }] } as unknown as Field;
    const areas = { id: 'f2', name: 'Areas', type: 'multi_select', options: [{ id: 'ui', name: 'UI' }, { id: 'db', name: 'DB' }] } as unknown as Field;
    const reviewer = { id: 'f3', name: 'Reviewer', type: 'person', options: [] } as unknown as Field;
    const points = { id: 'f4', name: 'Points', type: 'number', options: [] } as unknown as Field;
    const done = { id: 'f5', name: 'Signed off', type: 'checkbox', options: [] } as unknown as Field;
    const fields = [tier, areas, reviewer, points, done];
    const n = { ...names, fields };
    const items = [
      item('a', { fields: { f1: 'free', f2: ['ui', 'db'], f3: 'u1', f4: 13, f5: true } }),
      item('b', { fields: { f1: 'gold', f4: 2 } }),
      item('c', { fields: { f3: 'u2' } }),
    ];
    const show = (g: ReturnType<typeof groupItems>) => g.map((x) => [x.name, x.items.map((r) => r.item.id)]);
    expect(show(groupItems(items, 'field:f1', space, n))).toEqual([['Gold', ['b']], ['Free', ['a']], ['No value', ['c']]]);
    expect(show(groupItems(items, 'field:f2', space, n))).toEqual([['UI', ['a']], ['DB', ['a']], ['No value', ['b', 'c']]]);
    expect(show(groupItems(items, 'field:f3', space, n))).toEqual([['Ana', ['c']], ['Zoe', ['a']], ['No value', ['b']]]);
    expect(show(groupItems(items, 'field:f4', space, n))).toEqual([['2', ['b']], ['13', ['a']], ['No value', ['c']]]);
    expect(show(groupItems(items, 'field:f5', space, n))).toEqual([['Yes', ['a']], ['No', ['b', 'c']]]);
    expect(groupFromQuery('group:"customer tier" is:open', fields)).toBe('field:f1');
    expect(groupFromQuery('group:Signed-off', fields)).toBe('field:f5');
    expect(groupFromQuery('group:nothing', fields)).toBeNull();
    // A field that is gone falls back to status.
    expect(groupItems(items, 'field:gone', space, n).map((g) => g.name)).toEqual(['Todo']);
  });
});
