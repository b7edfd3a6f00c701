import { useDraggable, useDroppable } from '@dnd-kit/core';
import { Link } from '@tanstack/react-router';
import type { CSSProperties } from 'react';
import type { BoardCard } from '../../lib/api';

/** One card: draggable, and a drop target so a card can land before or after it. */
export function BoardCardView({ card, style, index, total, lane = '' }: { card: BoardCard; style: CSSProperties; index: number; total: number; lane?: string }) {
  // `lane` keeps ids unique when swimlanes show one card in several lanes.
  const drag = useDraggable({ id: `drag:${lane}${card.id}`, data: { card } });
  const drop = useDroppable({ id: `card:${lane}${card.id}`, data: { card } });
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
      className={`card-slot${drag.isDragging ? ' dragging' : ''}`}
      style={style}
      data-card-key={card.key}
      {...drag.listeners}
    >
      <Link from="/w/$workspaceId/s/$spaceId" to="." search={(s) => ({ ...s, item: card.key })} className="board-card" draggable={false} aria-describedby={undefined}>
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
