import { Link } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Item, Space } from '@weft/client';
import { type KeyboardEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useMembers } from '../../lib/queries';
import { ErrorAlert } from '../../ui/Field';
import { useViewerTimeZone } from '../spaces/dates';
import { useItemTypes } from '../items/item-lookups';
import { useLabels, useSpaceFields } from '../spaces/lookups';
import { usePatchItem } from '../spaces/usePatchItem';
import { spaceQuery, useSpaceItems } from '../spaces/useSpaceItems';
import type { ItemPatch } from '../items/useUpdateItem';
import { buildColumns, type Column, type Sort, sortItems } from './columns';
import { CheckboxCell, ChoiceCell, DateCell, TextCell } from './EditCells';
import { MultiCell } from './MultiCell';
import { PriorityCell, StatusCell, TitleCell } from './TableCells';
import { TableHeader } from './TableHeader';
import { useColumnWidths } from './useColumnWidths';
import './table.css';

const ROW_HEIGHT = 40;

/** Moves focus between cells with the arrow keys (the grid pattern), unless a control needs them. */
function onGridKey(e: KeyboardEvent<HTMLDivElement>) {
  const t = e.target as HTMLElement;
  if (!['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(e.key) || ['INPUT', 'SELECT'].includes(t.tagName) || t.getAttribute('role') === 'separator') return;
  const cell = t.closest<HTMLElement>('[role="gridcell"],[role="columnheader"]');
  const row = cell?.parentElement;
  if (!cell || !row) return;
  let target: Element | null | undefined;
  const col = [...row.children].indexOf(cell);
  if (e.key === 'ArrowLeft') target = cell.previousElementSibling;
  else if (e.key === 'ArrowRight') target = cell.nextElementSibling;
  else {
    const ri = Number(row.getAttribute('aria-rowindex')) + (e.key === 'ArrowDown' ? 1 : -1);
    target = e.currentTarget.querySelector(`[role="row"][aria-rowindex="${ri}"]`)?.children[col];
  }
  const focusable = target?.querySelector<HTMLElement>('a,button,select,input');
  if (focusable) {
    e.preventDefault();
    focusable.focus();
    focusable.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}

/**
 * Every item of the space matching the filter, one row each, every field a column: sortable by a
 * header click, resizable by the header's edge, every field edited in place (an editor mounts only
 * in the cell being edited). Rows are virtualized (TanStack Virtual): a 5,000-row table keeps about 30 rows in the DOM.
 */
export function TableView({ space, filter }: { space: Space; filter: string }) {
  const ws = space.workspaceId;
  const tz = useViewerTimeZone();
  const data = useSpaceItems(ws, spaceQuery(space, filter, /\bsort:/.test(filter) ? '' : 'sort:position'));
  const members = useMembers(ws);
  const labels = useLabels(ws);
  const fields = useSpaceFields(ws, space.id);
  const types = useItemTypes(ws);
  const patch = usePatchItem(space.statuses);
  const { widths, setWidth } = useColumnWidths();
  const [sort, setSort] = useState<Sort>(null);

  const cols = useMemo(
    () => buildColumns({ space, members: members.data ?? [], labels: labels.data ?? [], fields: fields.data ?? [], types: types.data ?? [], tz }),
    [space, members.data, labels.data, fields.data, types.data, tz],
  );
  const widthOf = useCallback((c: Column) => widths[c.id] ?? c.width, [widths]);
  const template = cols.map((c) => `${widthOf(c)}px`).join(' ');
  const total = cols.reduce((n, c) => n + widthOf(c), 0);
  const rows = useMemo(() => (sort ? sortItems(data.items, cols.find((c) => c.id === sort.id), sort.dir) : data.items), [data.items, cols, sort]);
  const statuses = useMemo(() => [...space.statuses].sort((a, b) => a.position - b.position), [space.statuses]);
  const save = useCallback((item: Item, p: ItemPatch) => patch.mutate({ item, patch: p }), [patch]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8, getItemKey: (i) => rows[i]?.id ?? i });

  const onSort = (id: string) => setSort((s) => (s?.id !== id ? { id, dir: 'asc' } : s.dir === 'asc' ? { id, dir: 'desc' } : null));

  function cell(c: Column, item: Item) {
    const e = c.edit;
    // "Due date of ENG-4": the names the cells' controls have always had.
    const label = `${c.id === 'start' || c.id === 'due' ? `${c.label} date` : c.label} of ${item.key}`;
    switch (e?.kind) {
      case 'title':
        return <TitleCell item={item} save={save} />;
      case 'status':
        return <StatusCell item={item} statuses={statuses} save={save} />;
      case 'priority':
        return <PriorityCell item={item} save={save} />;
      case 'date':
        return <DateCell item={item} label={label} edit={e} save={save} />;
      case 'checkbox':
        return <CheckboxCell item={item} label={label} edit={e} save={save} />;
      case 'text':
        return <TextCell item={item} label={label} text={c.text(item)} edit={e} save={save} />;
      case 'choice':
        return <ChoiceCell item={item} label={label} text={c.text(item)} edit={e} save={save} />;
      case 'multi':
        return <MultiCell item={item} label={label} text={c.text(item)} edit={e} save={save} />;
    }
    if (c.id === 'key')
      return (
        <Link from="/w/$workspaceId/s/$spaceId" to="." search={(s) => ({ ...s, item: item.key })} className="card-key" aria-label={`Open ${item.key}`}>
          {item.key}
        </Link>
      );
    const text = c.text(item);
    return (
      <span className="cell-text" title={text}>
        {text}
      </span>
    );
  }

  if (data.error) return <ErrorAlert error={data.error} />;
  if (!data.loaded) return <p className="loading">Loading items…</p>;
  return (
    <div className="table-wrap">
      <p className="muted small table-status" aria-live="polite">
        {rows.length.toLocaleString()} item{rows.length === 1 ? '' : 's'}
        {data.complete ? '' : ' so far, loading the rest…'}
      </p>
      <div ref={scrollRef} className="table-scroll">
        {/* biome-ignore lint/a11y/useSemanticElements: a virtualized div grid (a <table> cannot hold absolutely placed rows); focus goes to the controls in its cells */}
        <div role="grid" aria-label="Items" aria-rowcount={rows.length + 1} aria-colcount={cols.length} className="table-grid" style={{ width: total }} onKeyDown={onGridKey}>
          <TableHeader cols={cols} widths={widthOf} template={template} sort={sort} onSort={onSort} onResize={setWidth} />
          {/* biome-ignore lint/a11y/useSemanticElements: the rows of a div grid; also the virtualizer's sizer */}
          <div role="rowgroup" style={{ height: v.getTotalSize(), position: 'relative' }}>
            {v.getVirtualItems().map((vi) => {
              const item = rows[vi.index];
              if (!item) return null;
              return (
                // biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: a virtualized div grid row; focus goes to the controls in its cells
                <div
                  key={item.id}
                  role="row"
                  aria-rowindex={vi.index + 2}
                  className="table-row"
                  data-key={item.key}
                  style={{ gridTemplateColumns: template, position: 'absolute', top: 0, left: 0, height: ROW_HEIGHT, transform: `translateY(${vi.start}px)` }}
                >
                  {cols.map((c, n) => (
                    // biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: a div grid cell; the control inside takes focus
                    <div key={c.id} role="gridcell" aria-colindex={n + 1} className={`table-td col-${c.id.replace(':', '-')}`}>
                      {cell(c, item)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
