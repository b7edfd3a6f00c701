import type { KeyboardEvent, PointerEvent } from 'react';
import type { Column, Sort } from './columns';

/** A drag handle on a header's right edge; arrow keys resize too (16 px a press). */
function ResizeHandle({ col, width, onResize }: { col: Column; width: number; onResize: (w: number) => void }) {
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const x0 = e.clientX;
    const move = (ev: globalThis.PointerEvent) => onResize(width + ev.clientX - x0);
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      onResize(width + (e.key === 'ArrowRight' ? 16 : -16));
    }
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable splitter is role=separator with a value (WAI-ARIA window splitter); <hr> cannot be focused or dragged
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${col.label}`}
      aria-valuenow={width}
      aria-valuemin={60}
      aria-valuemax={1200}
      tabIndex={0}
      className="col-resize"
      data-col={col.id}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}

/** The header row: a sort button per column (aria-sort tells the order) and its resize handle. */
export function TableHeader({ cols, widths, template, sort, onSort, onResize }: {
  cols: Column[];
  widths: (c: Column) => number;
  template: string;
  sort: Sort;
  onSort: (id: string) => void;
  onResize: (id: string, w: number) => void;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: the header of a virtualized div grid
    <div role="rowgroup" className="table-head">
      {/* biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: a div grid row; its cells hold the focusable controls */}
      <div role="row" aria-rowindex={1} className="table-row" style={{ gridTemplateColumns: template }}>
        {cols.map((c, n) => {
          const dir = sort?.id === c.id ? sort.dir : null;
          return (
            // biome-ignore lint/a11y/useSemanticElements lint/a11y/useFocusableInteractive: a div grid header cell; the button inside takes focus
            <div key={c.id} role="columnheader" aria-colindex={n + 1} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'} className="table-th">
              <button type="button" className="th-sort" onClick={() => onSort(c.id)}>
                {c.label}
                <span aria-hidden="true" className="sort-mark">
                  {dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
                </span>
              </button>
              <ResizeHandle col={c} width={widths(c)} onResize={(w) => onResize(c.id, w)} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
