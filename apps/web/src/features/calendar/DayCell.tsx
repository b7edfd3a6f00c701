import { useDraggable, useDroppable } from '@dnd-kit/core';
import { Link } from '@tanstack/react-router';
import type { Item } from '@weft/client';
import type { KeyboardEvent } from 'react';
import type { Day } from '../spaces/dates';
import { dayLabel, dayNumber } from './calendar-range';

/** An item on its due day: a link to its panel, dragged to another day, or moved with Alt+arrows. */
function Chip({ item, onShift }: { item: Item; onShift: (item: Item, days: number) => void }) {
  const drag = useDraggable({ id: `chip:${item.id}`, data: { item } });
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey) return;
    const d = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[e.key];
    if (d === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    onShift(item, d);
  };
  return (
    <li ref={drag.setNodeRef} className={`chip${drag.isDragging ? ' dragging' : ''}${item.completedAt ? ' done' : ''}`} data-key={item.key} {...drag.listeners}>
      <Link
        from="/w/$workspaceId/s/$spaceId"
        to="."
        search={(s) => ({ ...s, item: item.key })}
        draggable={false}
        onKeyDown={onKeyDown}
        aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown"
        title={`${item.key} ${item.title} (Alt+arrow keys move the due date)`}
      >
        <span className={`chip-dot prio-${item.priority}`} aria-hidden="true" />
        {item.title}
      </Link>
    </li>
  );
}

const MONTH_LIMIT = 3;

/** One day: a drop target for chips, and a roving-focus cell of the calendar grid. */
export function DayCell(props: {
  day: Day;
  items: Item[];
  inMonth: boolean;
  today: boolean;
  focused: boolean;
  compact: boolean;
  onFocusDay: (day: Day) => void;
  onShift: (item: Item, days: number) => void;
  onMore: (day: Day) => void;
}) {
  const { day, items } = props;
  const drop = useDroppable({ id: `day:${day}`, data: { day } });
  const shown = props.compact ? items.slice(0, MONTH_LIMIT) : items;
  return (
    <td
      ref={drop.setNodeRef}
      tabIndex={props.focused ? 0 : -1}
      aria-label={`${dayLabel(day)}, ${items.length} due`}
      aria-current={props.today ? 'date' : undefined}
      data-day={day}
      className={`day${props.inMonth ? '' : ' other-month'}${props.today ? ' today' : ''}${drop.isOver ? ' over' : ''}`}
      onFocus={(e) => e.target === e.currentTarget && props.onFocusDay(day)}
    >
      <span className="day-number" aria-hidden="true">
        {dayNumber(day)}
      </span>
      <ul className="chips" aria-label={`Due ${dayLabel(day)}`}>
        {shown.map((i) => (
          <Chip key={i.id} item={i} onShift={props.onShift} />
        ))}
      </ul>
      {items.length > shown.length && (
        <button type="button" className="link more" onClick={() => props.onMore(day)}>
          +{items.length - shown.length} more
        </button>
      )}
    </td>
  );
}
