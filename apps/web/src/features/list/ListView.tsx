import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { spaceRoute } from '../../routes/router';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Item, Space } from '@weft/client';
import { type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { ErrorAlert } from '../../ui/Field';
import { requestTitleFocus } from '../items/title-focus';
import { plainKey } from '../keyboard/useGlobalShortcuts';
import { useMembers } from '../../lib/queries';
import { useWorkspaceLabels } from '../items/item-lookups';
import { BulkBar } from './BulkBar';
import { useSpaceFields } from '../spaces/lookups';
import { GROUP_FIELDS, type GroupField, groupFromQuery, groupItems } from './grouping';
import '../items/items.css';

type Row = { kind: 'group'; id: string; name: string; count: number } | { kind: 'item'; item: Item; index: number; depth: number };

/**
 * The space's items matching the filter (query language), grouped by status or another field (the
 * picker, or `group:` in the filter), subitems indented under their parent; pages stream in as you scroll.
 */
export function ListView({ space, filter, selectedKey }: { space: Space; filter: string; selectedKey?: string }) {
  const navigate = useNavigate();
  const q = `space:${space.key} ${/\bsort:/.test(filter) ? '' : 'sort:position '}${filter}`.trim();
  const list = useInfiniteQuery({
    queryKey: qk.itemQuery(space.workspaceId, q),
    queryFn: ({ pageParam }) => client.items.query(space.workspaceId, { q, limit: 200, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });

  // The grouping: `?group=` in the URL (a saved view or a shared link brings it), else the last one
  // picked for this space in this browser.
  const { group: groupParam } = spaceRoute.useSearch();
  const goSearch = useNavigate({ from: spaceRoute.fullPath });
  const [remembered, setPicked] = useState<GroupField>(() => (localStorage.getItem(`weft.group.${space.id}`) as GroupField | null) ?? 'status');
  const picked = (groupParam as GroupField | undefined) ?? remembered;
  const fields = useSpaceFields(space.workspaceId, space.id);
  const groupable = (fields.data ?? []).filter((f) => f.type !== 'text' && f.type !== 'url');
  const known = (g: GroupField) => (GROUP_FIELDS as readonly string[]).includes(g) || groupable.some((f) => `field:${f.id}` === g);
  const groupBy: GroupField = groupFromQuery(filter, fields.data) ?? (known(picked) ? picked : 'status');
  const customGroup = groupBy.startsWith('field:') ? groupable.find((f) => `field:${f.id}` === groupBy) : undefined;
  const members = useMembers(groupBy === 'assignee' || customGroup?.type === 'person' ? space.workspaceId : undefined);
  const labels = useWorkspaceLabels(groupBy === 'label' ? space.workspaceId : undefined);
  const { rows, itemRows } = useMemo(() => {
    const items = list.data?.pages.flatMap((p) => p.data) ?? [];
    const out: Row[] = [];
    const itemRows: number[] = [];
    const names = {
      people: new Map((members.data ?? []).map((m) => [m.userId, m.name])),
      labels: new Map((labels.data ?? []).map((l) => [l.id, l.name])),
      fields: fields.data,
    };
    for (const g of groupItems(items, groupBy, space, names)) {
      out.push({ kind: 'group', id: g.id, name: g.name, count: g.items.length });
      for (const { item, depth } of g.items) {
        itemRows.push(out.length);
        out.push({ kind: 'item', item, index: itemRows.length - 1, depth });
      }
    }
    return { rows: out, itemRows };
  }, [list.data, space, groupBy, members.data, labels.data, fields.data]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: (i) => (rows[i]?.kind === 'group' ? 40 : 44), overscan: 10 });
  const visible = v.getVirtualItems();
  const last = visible.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && last >= rows.length - 20) void fetchNextPage();
  }, [last, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const selectedIndex = rows.findIndex((r) => r.kind === 'item' && r.item.key === selectedKey);
  // Multi-select for bulk changes: ids checked with x, a checkbox or shift-click (a range from the last one).
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<number | null>(null);
  const toggle = useCallback(
    (pos: number, range: boolean) => {
      const ids = itemRows.map((r) => (rows[r] as Extract<Row, { kind: 'item' }>).item.id);
      const id = ids[pos];
      if (!id) return;
      // Read the anchor now: the state updater runs later, after it has moved to `pos`.
      const from = anchor.current;
      setChecked((cur) => {
        const next = new Set(cur);
        if (range && from !== null) {
          const [a, b] = [Math.min(from, pos), Math.max(from, pos)];
          for (const x of ids.slice(a, b + 1)) next.add(x);
        } else if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      anchor.current = pos;
    },
    [rows, itemRows],
  );
  const checkedItems = useMemo(() => rows.flatMap((r) => (r.kind === 'item' && checked.has(r.item.id) ? [r.item] : [])), [rows, checked]);
  const clear = useCallback(() => setChecked(new Set()), []);

  // j/k move the focused row (which is the open item: the panel follows), x checks it, e edits its title.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!plainKey(e)) return;
      const pos = itemRows.indexOf(selectedIndex);
      if (e.key === 'x' && pos >= 0) {
        e.preventDefault();
        toggle(pos, e.shiftKey);
        return;
      }
      if (e.key === 'e' && selectedKey) {
        e.preventDefault();
        requestTitleFocus(selectedKey);
        return;
      }
      if (e.key !== 'j' && e.key !== 'k') return;
      e.preventDefault();
      const next = e.key === 'j' ? Math.min(pos + 1, itemRows.length - 1) : Math.max(pos - 1, 0);
      const row = rows[itemRows[next] ?? -1];
      if (row?.kind !== 'item') return;
      v.scrollToIndex(itemRows[next] ?? 0, { align: 'auto' });
      void navigate({ to: '.', search: (s: Record<string, unknown>) => ({ ...s, item: row.item.key }), replace: true });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, itemRows, selectedIndex, selectedKey, v, navigate, toggle]);

  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return <p className="loading">Loading items…</p>;
  if (rows.length === 0) return <p className="muted">No items match.</p>;
  const onRowClick = (pos: number) => (e: MouseEvent) => {
    // Shift-click selects a range instead of opening the item.
    if (!e.shiftKey) return;
    e.preventDefault();
    toggle(pos, true);
  };
  return (
    <>
      <label className="group-by small">
        Group by{' '}
        <select
          value={groupBy}
          disabled={groupFromQuery(filter, fields.data) !== null}
          onChange={(e) => {
            const f = e.target.value as GroupField;
            localStorage.setItem(`weft.group.${space.id}`, f);
            setPicked(f);
            void goSearch({ search: (s) => ({ ...s, group: f === 'status' ? undefined : f }) });
          }}
        >
          {GROUP_FIELDS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
          {groupable.map((f) => (
            <option key={f.id} value={`field:${f.id}`}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      {checkedItems.length > 0 && <BulkBar space={space} items={checkedItems} onClear={clear} />}
      <div ref={scrollRef} className="list-scroll">
        {/* biome-ignore lint/a11y/useSemanticElements: the virtualizer sizer; rows are absolutely placed divs */}
        <div role="list" aria-label="Items" style={{ height: v.getTotalSize(), position: 'relative' }}>
          {visible.map((vi) => {
            const row = rows[vi.index];
            if (!row) return null;
            const style = { position: 'absolute', top: 0, left: 0, right: 0, height: vi.size, transform: `translateY(${vi.start}px)` } as const;
            if (row.kind === 'group')
              return (
                // biome-ignore lint/a11y/useSemanticElements: a virtualized row
                <div key={`g-${row.id}`} role="listitem" className="list-group" style={style}>
                  <h3>
                    <span className="status-name">{row.name}</span> <span className="count">{row.count}</span>
                  </h3>
                </div>
              );
            const selected = row.item.key === selectedKey;
            const isChecked = checked.has(row.item.id);
            return (
              // biome-ignore lint/a11y/useSemanticElements: a virtualized row
              <div
                key={row.item.id}
                role="listitem"
                className={`list-row${selected ? ' selected' : ''}${isChecked ? ' checked' : ''}`}
                aria-current={selected ? 'true' : undefined}
                data-item-key={row.item.key}
                data-depth={row.depth}
                style={row.depth > 0 ? { ...style, paddingLeft: `${0.5 + row.depth * 1.5}rem` } : style}
              >
                <input
                  type="checkbox"
                  aria-label={`Select ${row.item.key}`}
                  checked={isChecked}
                  onChange={(e) => toggle(row.index, (e.nativeEvent as globalThis.MouseEvent).shiftKey === true)}
                />
                <Link from="/w/$workspaceId/s/$spaceId" to="." search={(s) => ({ ...s, item: row.item.key })} onClick={onRowClick(row.index)}>
                  <span className="card-key">{row.item.key}</span> <span className="row-title">{row.item.title}</span>
                </Link>
                <span className={`pill prio-${row.item.priority}`}>{row.item.priority}</span>
                {row.item.dueAt && <span className="pill">due {row.item.dueAt.slice(0, 10)}</span>}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
