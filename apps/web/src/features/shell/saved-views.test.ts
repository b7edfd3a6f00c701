import type { View } from '@weft/client';
import { describe, expect, it } from 'vitest';
import { currentFilter, menuEntries, menuMove, viewOptionsOf } from './saved-views';

const view = (over: Partial<View> = {}) => ({ workspaceId: 'w', spaceId: 's', shared: false, abilities: { update: true, delete: true, share: true }, ...over }) as View;

describe('saved views menu', () => {
  it('offers the filter on screen only on the view’s own page', () => {
    expect(currentFilter(view(), { pathname: '/w/w/s/s', search: { view: 'table', q: 'priority:high' } })).toEqual({ query: 'priority:high', layout: 'table', options: {} });
    expect(currentFilter(view(), { pathname: '/w/w/s/s/', search: {} })).toEqual({ query: '', layout: 'board', options: {} });
    expect(currentFilter(view(), { pathname: '/w/w/s/other', search: { q: 'x' } })).toBeNull();
    expect(currentFilter(view(), { pathname: '/w/w/s/s/overview', search: {} })).toBeNull();
    expect(currentFilter(view(), { pathname: '/w/w/s/s', search: { view: 'gantt' } })).toEqual({ query: '', layout: 'board', options: {} });
    expect(currentFilter(view(), { pathname: '/w/w/s/s', search: { view: 'board', columns: 'f1', lanes: 'assignee', item: 'X-1' } })).toEqual({ query: '', layout: 'board', options: { columns: 'f1', lanes: 'assignee' } });
    expect(currentFilter(view({ spaceId: null }), { pathname: '/w/w', search: { q: 'due:today' } })).toEqual({ query: 'due:today' });
    expect(currentFilter(view({ spaceId: null }), { pathname: '/w/w/s/s', search: {} })).toBeNull();
  });

  it('lists only what the server allows', () => {
    const here = { query: '' };
    expect(menuEntries(view(), here)).toEqual(['rename', 'update', 'share', 'delete']);
    expect(menuEntries(view({ shared: true }), null)).toEqual(['rename', 'unshare', 'delete']);
    expect(menuEntries(view({ shared: true, abilities: { update: true, delete: true, share: false } }), here)).toEqual(['rename', 'update', 'delete']);
    expect(menuEntries(view({ abilities: { update: false, delete: false, share: false } }), here)).toEqual([]);
  });

  it('moves through the menu with arrows, Home and End, wrapping', () => {
    expect(menuMove('ArrowDown', 2, 3)).toBe(0);
    expect(menuMove('ArrowUp', 0, 3)).toBe(2);
    expect(menuMove('Home', 2, 3)).toBe(0);
    expect(menuMove('End', 0, 3)).toBe(2);
    expect(menuMove('a', 0, 3)).toBeNull();
    expect(menuMove('ArrowDown', 0, 0)).toBeNull();
  });

  it('keeps board columns, swimlanes and list grouping as view options, and nothing else', () => {
    expect(viewOptionsOf({ view: 'list', q: 'x', group: 'priority', zoom: 'week', columns: '', lanes: 3 })).toEqual({ group: 'priority' });
    expect(viewOptionsOf(undefined)).toEqual({});
    expect(viewOptionsOf({ columns: 'f1', lanes: 'priority', group: 'field:f2' })).toEqual({ columns: 'f1', lanes: 'priority', group: 'field:f2' });
  });
});
