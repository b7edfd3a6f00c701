import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Space } from '@weft/client';
import { format, parseISO } from 'date-fns';
import { useMemo, useRef } from 'react';
import { ErrorAlert } from '../../ui/Field';
import { addDay, daysBetween, todayIn, useViewerTimeZone } from '../spaces/dates';
import { usePatchItem } from '../spaces/usePatchItem';
import { spaceQuery, useSpaceItems } from '../spaces/useSpaceItems';
import { TimelineBar } from './TimelineBar';
import { ZoomControl } from './ZoomControl';
import { type Change, changePatch } from './timeline-drag';
import { arrows, dayRange, LABEL_W, ROW_H, type Span, splitItems } from './timeline-layout';
import { dayLabel, zoomOf } from './timeline-zoom';
import { useZoom } from './useZoom';
import './timeline.css';

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
  const zoom = zoomOf(useSearch({ from: '/w/$workspaceId/s/$spaceId' }).zoom);
  const dayW = zoom.dayW;
  const scrollRef = useRef<HTMLDivElement>(null);
  const setZoom = useZoom(zoom, scrollRef);
  const { spans, undated } = useMemo(() => splitItems(data.items, tz), [data.items, tz]);
  const { first, days } = useMemo(() => dayRange(spans, today, zoom.minDays), [spans, today, zoom.minDays]);
  const links = useMemo(() => arrows(spans, first, dayW), [spans, first, dayW]);
  const dayList = useMemo(() => Array.from({ length: days }, (_, n) => addDay(first, n)), [first, days]);
  const v = useVirtualizer({ count: spans.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_H, overscan: 10, getItemKey: (i) => spans[i]?.item.id ?? i });
  const chartW = days * dayW;
  const height = spans.length * ROW_H;

  const onChange = (s: Span, c: Change, n: number) => patch.mutate({ item: s.item, patch: changePatch(s, c, n, tz) });
  const onOpen = (s: Span) => navigate({ to: '.', search: (p) => ({ ...p, item: s.item.key }) });

  if (data.error) return <ErrorAlert error={data.error} />;
  if (!data.loaded) return <p className="loading">Loading items…</p>;
  return (
    <div className="timeline-wrap">
      <ZoomControl zoom={zoom.id} onZoom={setZoom} />
    <div className="timeline">
      <div ref={scrollRef} className="timeline-scroll" data-zoom={zoom.id} data-day-width={dayW}>
        <div className="timeline-canvas" style={{ width: LABEL_W + chartW }}>
          <div className="timeline-head" style={{ gridTemplateColumns: `${LABEL_W}px repeat(${days}, ${dayW}px)` }}>
            <div className="tl-corner">{spans.length} scheduled</div>
            {dayList.map((d) => (
              <div key={d} className={`tl-day${d === today ? ' today' : ''}${d.endsWith('-01') || d === first ? ' month-start' : ''}`} title={d}>
                {(d.endsWith('-01') || d === first) && <span className="tl-month">{format(parseISO(d), 'MMM yyyy')}</span>}
                {dayLabel(d, zoom.id)}
              </div>
            ))}
          </div>
          {/* biome-ignore lint/a11y/useSemanticElements: the virtualizer's sizer; rows are absolutely placed */}
          <div className="timeline-body" role="list" aria-label="Timeline" style={{ height }}>
            <div className="tl-grid" style={{ left: LABEL_W, width: chartW, height, backgroundSize: `${dayW}px 100%` }} />
            <div className="tl-today" style={{ left: LABEL_W + daysBetween(first, today) * dayW + dayW / 2, height }} aria-hidden="true" />
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
                    <TimelineBar span={s} first={first} dayW={dayW} onChange={onChange} onOpen={onOpen} />
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
    </div>
  );
}
