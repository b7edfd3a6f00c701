import type { Item, Space } from '@weft/client';
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
});
