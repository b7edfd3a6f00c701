import { useDroppable } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useRef } from 'react';
import type { BoardCard, BoardColumn } from '../../lib/api';
import { BoardCardView } from './BoardCardView';

const CARD_HEIGHT = 84;

/** A status column; only the cards in view (plus a few) are in the DOM, so 5,000 stay smooth. */
export function BoardColumnView({ status, cards, lane = '' }: { status: BoardColumn; cards: BoardCard[]; lane?: string }) {
  const { setNodeRef, isOver } = useDroppable({ id: `col:${lane}${status.id}`, data: { statusId: status.id } });
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const headingId = useId();
  const v = useVirtualizer({ count: cards.length, getScrollElement: () => scrollRef.current, estimateSize: () => CARD_HEIGHT, overscan: 6, getItemKey: (i) => cards[i]?.id ?? i });
  return (
    <section className={`column${isOver ? ' over' : ''}`} aria-labelledby={headingId} data-status={status.name}>
      <h2 id={headingId} className="column-title">
        <span className="status-name">{status.name}</span> <span className="count">{cards.length}</span>
      </h2>
      <div
        ref={(n) => {
          scrollRef.current = n;
          setNodeRef(n);
        }}
        className="column-scroll"
      >
        {/* biome-ignore lint/a11y/useSemanticElements: the virtualizer sizer; rows are absolutely placed divs */}
        <div role="list" aria-labelledby={headingId} style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((vi) => {
            const card = cards[vi.index];
            if (!card) return null;
            return (
              <BoardCardView
                key={card.id}
                card={card}
                index={vi.index}
                total={cards.length}
                lane={lane}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: vi.size, transform: `translateY(${vi.start}px)` }}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}
