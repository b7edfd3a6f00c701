import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Item, Space } from '@weft/client';
import { useEffect, useMemo, useRef } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { ErrorAlert } from '../../ui/Field';
import { plainKey } from '../keyboard/useGlobalShortcuts';

type Row = { kind: 'group'; id: string; name: string; count: number } | { kind: 'item'; item: Item; index: number };

/** The space's items matching the filter (query language), grouped by status; pages stream in as you scroll. */
export function ListView({ space, filter, selectedKey }: { space: Space; filter: string; selectedKey?: string }) {
  const navigate = useNavigate();
  const q = `space:${space.key} ${/\bsort:/.test(filter) ? '' : 'sort:position '}${filter}`.trim();
  const list = useInfiniteQuery({
    queryKey: qk.itemQuery(space.workspaceId, q),
    queryFn: ({ pageParam }) => client.items.query(space.workspaceId, { q, limit: 200, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });

  const { rows, itemRows } = useMemo(() => {
    const items = list.data?.pages.flatMap((p) => p.data) ?? [];
    const out: Row[] = [];
    const itemRows: number[] = [];
    const known = new Set(space.statuses.map((s) => s.id));
    const groups = [...space.statuses].sort((a, b) => a.position - b.position).map((s) => ({ id: s.id, name: s.name, items: items.filter((i) => i.statusId === s.id) }));
    const other = items.filter((i) => !known.has(i.statusId));
    if (other.length > 0) groups.push({ id: 'other', name: 'Other spaces', items: other });
    for (const g of groups) {
      if (g.items.length === 0) continue;
      out.push({ kind: 'group', id: g.id, name: g.name, count: g.items.length });
      for (const item of g.items) {
        itemRows.push(out.length);
        out.push({ kind: 'item', item, index: itemRows.length - 1 });
      }
    }
    return { rows: out, itemRows };
  }, [list.data, space.statuses]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: (i) => (rows[i]?.kind === 'group' ? 40 : 44), overscan: 10 });
  const visible = v.getVirtualItems();
  const last = visible.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && last >= rows.length - 20) void fetchNextPage();
  }, [last, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const selectedIndex = rows.findIndex((r) => r.kind === 'item' && r.item.key === selectedKey);
  // j/k move the selection (which is the open item: the panel follows), Enter keeps it open.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!plainKey(e) || (e.key !== 'j' && e.key !== 'k')) return;
      e.preventDefault();
      const pos = itemRows.indexOf(selectedIndex);
      const next = e.key === 'j' ? Math.min(pos + 1, itemRows.length - 1) : Math.max(pos - 1, 0);
      const row = rows[itemRows[next] ?? -1];
      if (row?.kind !== 'item') return;
      v.scrollToIndex(itemRows[next] ?? 0, { align: 'auto' });
      void navigate({ to: '.', search: (s: Record<string, unknown>) => ({ ...s, item: row.item.key }), replace: true });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, itemRows, selectedIndex, v, navigate]);

  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return <p className="loading">Loading items…</p>;
  if (rows.length === 0) return <p className="muted">No items match.</p>;
  return (
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
          return (
            // biome-ignore lint/a11y/useSemanticElements: a virtualized row
            <div key={row.item.id} role="listitem" className={`list-row${selected ? ' selected' : ''}`} aria-current={selected ? 'true' : undefined} style={style}>
              <Link from="/w/$workspaceId/s/$spaceId" to="." search={(s) => ({ ...s, item: row.item.key })}>
                <span className="card-key">{row.item.key}</span> <span className="row-title">{row.item.title}</span>
              </Link>
              <span className="pill">{row.item.priority}</span>
              {row.item.dueAt && <span className="pill">due {row.item.dueAt.slice(0, 10)}</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
