import { useDraggable, useDroppable } from '@dnd-kit/core';
import { Link } from '@tanstack/react-router';
import type { CSSProperties } from 'react';
import type { BoardCard } from '../../lib/api';
import { useDropHint } from './drop-hint';

/** One card: draggable (pointer, or Space and the arrow keys), and a drop target so a card can land before or after it. */
export function BoardCardView({ card, style, index, total, lane = '' }: { card: BoardCard; style: CSSProperties; index: number; total: number; lane?: string }) {
  // `lane` keeps ids unique when swimlanes show one card in several lanes.
  const drag = useDraggable({ id: `drag:${lane}${card.id}`, data: { card } });
  const dropId = `card:${lane}${card.id}`;
  const drop = useDroppable({ id: dropId, data: { card } });
  const at = useDropHint(dropId);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a virtualized, absolutely placed row; <li> would need a <ul> parent that is also the sizer
    <div
      ref={(n) => {
        drag.setNodeRef(n);
        drop.setNodeRef(n);
      }}
      role="listitem"
      aria-setsize={total}
      aria-posinset={index + 1}
      className={`card-slot${drag.isDragging ? ' dragging' : ''}${at ? ` drop-${at}` : ''}`}
      style={style}
      data-card-key={card.key}
      data-drop-at={at}
      {...drag.listeners}
    >
      <Link
        from="/w/$workspaceId/s/$spaceId"
        to="."
        search={(s) => ({ ...s, item: card.key })}
        className="board-card"
        draggable={false}
        aria-describedby={drag.attributes['aria-describedby']}
      >
        <span className="card-key">{card.key}</span>
        <span className="card-title">{card.title}</span>
        <span className="card-meta">
          {card.priority !== 'none' && <span className={`pill prio-${card.priority}`}>{card.priority}</span>}
          {card.dueAt && <span className="pill">due {card.dueAt.slice(0, 10)}</span>}
          {card.assigneeIds.length > 0 && <span className="pill">{card.assigneeIds.length} assignee{card.assigneeIds.length > 1 ? 's' : ''}</span>}
        </span>
      </Link>
    </div>
  );
}
