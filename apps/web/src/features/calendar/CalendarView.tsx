import { DndContext, type DragEndEvent, DragOverlay, PointerSensor, useSensor, useSensors } from '@dnd-kit/core';
import type { Item, Space } from '@weft/client';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorAlert } from '../../ui/Field';
import { addDay, type Day, dayOf, moveToDay, todayIn, useViewerTimeZone } from '../spaces/dates';
import { usePatchItem } from '../spaces/usePatchItem';
import { spaceQuery, useSpaceItems } from '../spaces/useSpaceItems';
import { type CalendarMode, calendarWeeks, monthTitle, sameMonth, stepAnchor, weekdayShort } from './calendar-range';
import { DayCell } from './DayCell';
import './calendar.css';

const MOVES: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

/**
 * Items by due date on a month or week grid, the days as the viewer's time zone sees them. Drag a
 * chip to another day (or Alt+arrows on it) to reschedule: PATCH dueAt, shown at once, undone if
 * refused. Arrow keys move between days (roving focus), Home/End to the week's ends.
 */
export function CalendarView({ space, filter }: { space: Space; filter: string }) {
  const tz = useViewerTimeZone();
  const today = todayIn(tz);
  const [mode, setMode] = useState<CalendarMode>('month');
  const [focusDay, setFocusDay] = useState<Day>(today);
  const weeks = useMemo(() => calendarWeeks(focusDay, mode), [focusDay, mode]);
  const first = weeks[0]?.[0] ?? today;
  const last = weeks.at(-1)?.[6] ?? today;
  // A day of margin each side: a timed deadline may fall on another day in the viewer's zone.
  const data = useSpaceItems(space.workspaceId, spaceQuery(space, filter, `due:${addDay(first, -1)}..${addDay(last, 1)}`));
  const patch = usePatchItem(space.statuses);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const gridRef = useRef<HTMLTableElement>(null);
  const keyboardMove = useRef(false);
  const [dragging, setDragging] = useState<Item | null>(null);

  const byDay = useMemo(() => {
    const m = new Map<Day, Item[]>();
    for (const i of data.items) {
      const d = dayOf(i.dueAt, tz);
      if (d) m.set(d, [...(m.get(d) ?? []), i]);
    }
    return m;
  }, [data.items, tz]);

  useEffect(() => {
    if (!keyboardMove.current) return;
    keyboardMove.current = false;
    gridRef.current?.querySelector<HTMLElement>(`[data-day="${focusDay}"]`)?.focus();
  }, [focusDay]);

  const reschedule = (item: Item, day: Day) => {
    if (!item.dueAt || dayOf(item.dueAt, tz) === day) return;
    patch.mutate({ item, patch: { dueAt: moveToDay(item.dueAt, day, tz) } });
  };
  const onShift = (item: Item, days: number) => item.dueAt && reschedule(item, addDay(dayOf(item.dueAt, tz) as Day, days));
  function onDragEnd(e: DragEndEvent) {
    setDragging(null);
    const item = e.active.data.current?.item as Item | undefined;
    const day = e.over?.data.current?.day as Day | undefined;
    if (item && day) reschedule(item, day);
  }
  function onGridKey(e: KeyboardEvent<HTMLTableElement>) {
    if (!(e.target as HTMLElement).matches('td[data-day]')) return;
    const week = weeks.find((w) => w.includes(focusDay)) ?? [];
    let next: Day | undefined;
    if (e.key in MOVES) next = addDay(focusDay, MOVES[e.key] as number);
    else if (e.key === 'Home') next = week[0];
    else if (e.key === 'End') next = week[6];
    else if (e.key === 'PageUp' || e.key === 'PageDown') next = stepAnchor(focusDay, mode, e.key === 'PageUp' ? -1 : 1);
    if (!next) return;
    e.preventDefault();
    keyboardMove.current = true;
    setFocusDay(next);
  }
  const step = (n: number) => setFocusDay((d) => stepAnchor(d, mode, n));

  return (
    <div className="calendar">
      <div className="calendar-bar">
        <button type="button" className="secondary" aria-label={`Previous ${mode}`} onClick={() => step(-1)}>
          ‹
        </button>
        <button type="button" className="secondary" onClick={() => setFocusDay(today)}>
          Today
        </button>
        <button type="button" className="secondary" aria-label={`Next ${mode}`} onClick={() => step(1)}>
          ›
        </button>
        <h2 className="calendar-title" aria-live="polite">
          {mode === 'month' ? monthTitle(focusDay) : `Week of ${first}`}
        </h2>
        <fieldset className="tabs" aria-label="Calendar range">
          {(['month', 'week'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} className={mode === m ? 'active' : ''} onClick={() => setMode(m)}>
              {m === 'month' ? 'Month' : 'Week'}
            </button>
          ))}
        </fieldset>
        <span className="muted small">Times in {tz}</span>
      </div>
      {data.error ? <ErrorAlert error={data.error} /> : null}
      <DndContext sensors={sensors} onDragStart={(e) => setDragging((e.active.data.current?.item as Item | undefined) ?? null)} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
        <div className="calendar-scroll">
          {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a <table role="grid"> is the WAI-ARIA data grid pattern: arrow keys move between its days */}
          <table ref={gridRef} role="grid" aria-label={mode === 'month' ? monthTitle(focusDay) : `Week of ${first}`} aria-busy={!data.complete} className={`calendar-grid ${mode}`} onKeyDown={onGridKey}>
            <thead>
              <tr>
                {(weeks[0] ?? []).map((d) => (
                  <th key={d} scope="col" className="weekday">
                    {weekdayShort(d)}
                    {mode === 'week' ? ` ${d.slice(8)}` : ''}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w[0]}>
                  {w.map((d) => (
                    <DayCell
                      key={d}
                      day={d}
                      items={byDay.get(d) ?? []}
                      inMonth={mode === 'week' || sameMonth(d, focusDay)}
                      today={d === today}
                      focused={d === focusDay}
                      compact={mode === 'month'}
                      onFocusDay={setFocusDay}
                      onShift={onShift}
                      onMore={(day) => {
                        setFocusDay(day);
                        setMode('week');
                      }}
                    />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <DragOverlay>{dragging && <div className="chip-overlay">{dragging.title}</div>}</DragOverlay>
      </DndContext>
    </div>
  );
}
