import { type KeyboardEvent, type PointerEvent, useState } from 'react';
import { type Day, daysBetween } from '../spaces/dates';
import { type Change, dragDays } from './timeline-drag';
import { ROW_H, type Span } from './timeline-layout';

/*
 * Dragging here is a pointer offset along one axis snapped to whole days, so it is a few pointer
 * events rather than dnd-kit (whose model is dropping onto targets; there are none on a time scale).
 */

/** A bar from start to due: drag it to move both dates, drag an edge to change one; keys do the same. */
export function TimelineBar({ span, first, dayW, onChange, onOpen }: { span: Span; first: Day; dayW: number; onChange: (s: Span, c: Change, days: number) => void; onOpen: (s: Span) => void }) {
  const [preview, setPreview] = useState<{ kind: Change; days: number } | null>(null);
  const { item } = span;

  const startDrag = (kind: Change) => (e: PointerEvent<HTMLElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const x0 = e.clientX;
    let days = 0;
    let moved = false;
    const move = (ev: globalThis.PointerEvent) => {
      if (Math.abs(ev.clientX - x0) > 3) moved = true;
      days = dragDays(ev.clientX - x0, dayW, kind, span);
      setPreview({ kind, days });
    };
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      setPreview(null);
      if (days !== 0) onChange(span, kind, days);
      else if (!moved && kind === 'move') onOpen(span);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const d = e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(span);
    }
    if (!d) return;
    e.preventDefault();
    const kind: Change = e.shiftKey ? 'end' : e.altKey ? 'start' : 'move';
    if (kind === 'end' && d < 0 && span.start === span.end) return;
    if (kind === 'start' && d > 0 && span.start === span.end) return;
    onChange(span, kind, d);
  };

  const p = preview;
  const startShift = p && (p.kind === 'move' || p.kind === 'start') ? p.days : 0;
  const endShift = p && (p.kind === 'move' || p.kind === 'end') ? p.days : 0;
  const left = (daysBetween(first, span.start) + startShift) * dayW;
  const width = (daysBetween(span.start, span.end) + 1 - startShift + endShift) * dayW;
  // Short bars at a small scale keep a middle to grab for moving.
  const edgeW = Math.max(3, Math.min(7, Math.floor(width / 4)));
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <button> cannot hold the two resize handles as separate pointer targets
    <div
      role="button"
      tabIndex={0}
      className={`bar prio-${item.priority}${p ? ' dragging' : ''}${item.completedAt ? ' done' : ''}`}
      style={{ left, width, top: 5, height: ROW_H - 10 }}
      data-key={item.key}
      aria-label={`${item.key} ${item.title}: ${span.start} to ${span.end}`}
      aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Alt+ArrowLeft Alt+ArrowRight"
      title="Drag to move, drag an edge to resize; arrows move a day, Shift+arrows change the due date, Alt+arrows the start"
      onPointerDown={startDrag('move')}
      onKeyDown={onKeyDown}
    >
      <span className="bar-edge start" aria-hidden="true" style={{ width: edgeW }} onPointerDown={startDrag('start')} />
      <span className="bar-label">{item.title}</span>
      <span className="bar-edge end" aria-hidden="true" style={{ width: edgeW }} onPointerDown={startDrag('end')} />
    </div>
  );
}
