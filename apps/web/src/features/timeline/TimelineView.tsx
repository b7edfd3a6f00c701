import { Link, useNavigate } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Space } from '@weft/client';
import { format, parseISO } from 'date-fns';
import { useMemo, useRef } from 'react';
import { ErrorAlert } from '../../ui/Field';
import { addDay, daysBetween, shiftValue, todayIn, useViewerTimeZone } from '../spaces/dates';
import { usePatchItem } from '../spaces/usePatchItem';
import { spaceQuery, useSpaceItems } from '../spaces/useSpaceItems';
import type { ItemPatch } from '../items/useUpdateItem';
import { type Change, TimelineBar } from './TimelineBar';
import { arrows, DAY_W, dayRange, LABEL_W, ROW_H, type Span, splitItems } from './timeline-layout';
import './timeline.css';

/** The dates a bar change writes: both when moved, one when an edge is dragged (set if it was missing). */
function changePatch(s: Span, c: Change, n: number, tz: string): ItemPatch {
  const { startAt, dueAt } = s.item;
  const patch: ItemPatch = {};
  if (c === 'move' && startAt) patch.startAt = shiftValue(startAt, n, tz);
  if (c === 'move' && dueAt) patch.dueAt = shiftValue(dueAt, n, tz);
  if (c === 'start') patch.startAt = startAt ? shiftValue(startAt, n, tz) : addDay(s.start, n);
  if (c === 'end') patch.dueAt = dueAt ? shiftValue(dueAt, n, tz) : addDay(s.end, n);
  return patch;
}

/**
 * Bars from start to due on a day scale (the viewer's days), "blocks" dependencies as arrows, items
 * without dates listed aside. Drag a bar to move it, an edge to resize; rows are virtualized.
 */
export function TimelineView({ space, filter }: { space: Space; filter: string }) {
  const tz = useViewerTimeZone();
  const today = todayIn(tz);
  const data = useSpaceItems(space.workspaceId, spaceQuery(space, filter));
  const patch = usePatchItem(space.statuses);
  const navigate = useNavigate({ from: '/w/$workspaceId/s/$spaceId' });
  const { spans, undated } = useMemo(() => splitItems(data.items, tz), [data.items, tz]);
  const { first, days } = useMemo(() => dayRange(spans, today), [spans, today]);
  const links = useMemo(() => arrows(spans, first), [spans, first]);
  const dayList = useMemo(() => Array.from({ length: days }, (_, n) => addDay(first, n)), [first, days]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: spans.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_H, overscan: 10, getItemKey: (i) => spans[i]?.item.id ?? i });
  const chartW = days * DAY_W;
  const height = spans.length * ROW_H;

  const onChange = (s: Span, c: Change, n: number) => patch.mutate({ item: s.item, patch: changePatch(s, c, n, tz) });
  const onOpen = (s: Span) => navigate({ to: '.', search: (p) => ({ ...p, item: s.item.key }) });

  if (data.error) return <ErrorAlert error={data.error} />;
  if (!data.loaded) return <p className="loading">Loading items…</p>;
  return (
    <div className="timeline">
      <div ref={scrollRef} className="timeline-scroll">
        <div className="timeline-canvas" style={{ width: LABEL_W + chartW }}>
          <div className="timeline-head" style={{ gridTemplateColumns: `${LABEL_W}px repeat(${days}, ${DAY_W}px)` }}>
            <div className="tl-corner">{spans.length} scheduled</div>
            {dayList.map((d) => (
              <div key={d} className={`tl-day${d === today ? ' today' : ''}${d.endsWith('-01') || d === first ? ' month-start' : ''}`} title={d}>
                {(d.endsWith('-01') || d === first) && <span className="tl-month">{format(parseISO(d), 'MMM yyyy')}</span>}
                {d.slice(8)}
              </div>
            ))}
          </div>
          {/* biome-ignore lint/a11y/useSemanticElements: the virtualizer's sizer; rows are absolutely placed */}
          <div className="timeline-body" role="list" aria-label="Timeline" style={{ height }}>
            <div className="tl-grid" style={{ left: LABEL_W, width: chartW, height, backgroundSize: `${DAY_W}px 100%` }} />
            <div className="tl-today" style={{ left: LABEL_W + daysBetween(first, today) * DAY_W + DAY_W / 2, height }} aria-hidden="true" />
            <svg className="tl-arrows" style={{ left: LABEL_W }} width={chartW} height={height} role="img" aria-label={`${links.length} dependenc${links.length === 1 ? 'y' : 'ies'}`}>
              <defs>
                <marker id="tl-arrowhead" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                  <path d="M0,0 L8,4 L0,8 z" />
                </marker>
              </defs>
              {links.map((a) => (
                <path key={`${a.from}-${a.to}`} d={a.d} className="tl-arrow" markerEnd="url(#tl-arrowhead)" data-from={a.fromKey} data-to={a.toKey}>
                  <title>
                    {a.fromKey} blocks {a.toKey}
                  </title>
                </path>
              ))}
            </svg>
            {v.getVirtualItems().map((vi) => {
              const s = spans[vi.index];
              if (!s) return null;
              return (
                // biome-ignore lint/a11y/useSemanticElements: a virtualized, absolutely placed row
                <div key={s.item.id} role="listitem" className="tl-row" style={{ transform: `translateY(${vi.start}px)`, height: ROW_H, width: LABEL_W + chartW }}>
                  <div className="tl-label" style={{ width: LABEL_W }}>
                    <Link from="/w/$workspaceId/s/$spaceId" to="." search={(p) => ({ ...p, item: s.item.key })}>
                      <span className="card-key">{s.item.key}</span> {s.item.title}
                    </Link>
                  </div>
                  <div className="tl-track" style={{ left: LABEL_W, width: chartW }}>
                    <TimelineBar span={s} first={first} onChange={onChange} onOpen={onOpen} />
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <aside className="timeline-undated" aria-label="Items without dates">
        <h2>
          No dates <span className="count">{undated.length}</span>
        </h2>
        <ul className="plain-list">
          {undated.slice(0, 500).map((i) => (
            <li key={i.id}>
              <Link from="/w/$workspaceId/s/$spaceId" to="." search={(p) => ({ ...p, item: i.key })}>
                <span className="card-key">{i.key}</span> {i.title}
              </Link>
            </li>
          ))}
        </ul>
        {undated.length > 500 && <p className="muted small">and {undated.length - 500} more: filter to narrow them down.</p>}
      </aside>
    </div>
  );
}
