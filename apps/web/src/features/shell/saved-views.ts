import type { View } from '@weft/client';

/** Where the person is: the router's pathname and parsed search. */
export type Here = { pathname: string; search: Record<string, unknown> };
/** The space page's display choices a view keeps besides filter and layout: board columns, swimlanes, list grouping (URL search params). */
export type ViewOptions = { columns?: string; lanes?: string; group?: string };
export type Current = { query: string; layout?: View['layout']; options?: ViewOptions };

const OPTION_KEYS = ['columns', 'lanes', 'group'] as const;

/** The view options in a URL search or a saved view's `options`: the known keys holding strings, nothing else. */
export function viewOptionsOf(from: Record<string, unknown> | undefined): ViewOptions {
  const out: ViewOptions = {};
  for (const k of OPTION_KEYS) {
    const v = from?.[k];
    if (typeof v === 'string' && v !== '') out[k] = v;
  }
  return out;
}
export type Entry = 'rename' | 'update' | 'share' | 'unshare' | 'delete';

// The space page's layouts (the server's VIEW_LAYOUTS); kept here, not imported from the router,
// which imports the shell.
const LAYOUTS = ['list', 'board', 'table', 'calendar', 'timeline'] as const satisfies readonly View['layout'][];

/**
 * The filter (and layout) on screen that a view can be updated with: only on the view's own page,
 * its space (the layout the space page shows, board by default) or My work for a workspace view.
 */
export function currentFilter(v: Pick<View, 'workspaceId' | 'spaceId'>, here: Here): Current | null {
  const query = typeof here.search.q === 'string' ? here.search.q : '';
  const path = here.pathname.replace(/\/+$/, '');
  if (!v.spaceId) return path === `/w/${v.workspaceId}` ? { query } : null;
  if (path !== `/w/${v.workspaceId}/s/${v.spaceId}`) return null;
  const layout = LAYOUTS.find((l) => l === here.search.view) ?? 'board';
  return { query, layout, options: viewOptionsOf(here.search) };
}

/** The menu of a saved view: only what the server says this person may do (its abilities). */
export function menuEntries(v: Pick<View, 'shared' | 'abilities'>, current: Current | null): Entry[] {
  const out: Entry[] = [];
  if (v.abilities.update) out.push('rename');
  if (v.abilities.update && current) out.push('update');
  if (v.abilities.share) out.push(v.shared ? 'unshare' : 'share');
  if (v.abilities.delete) out.push('delete');
  return out;
}

/** The next item of a menu for an arrow, Home or End key (wrapping), or null for other keys. */
export function menuMove(key: string, at: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowDown') return (at + 1) % count;
  if (key === 'ArrowUp') return (at - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}
