import { useDroppable } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useId, useRef } from 'react';
import type { BoardCard } from '../../lib/api';
import { BoardCardView } from './BoardCardView';
import type { Column } from './columns';

const CARD_HEIGHT = 84;

/** A stable empty column, so a memoised column given no cards is not redrawn for a new `[]`. */
export const NO_CARDS: BoardCard[] = [];

/**
 * A column (a status, or one option of a field); only the cards in view (plus a few) are in the DOM, so 5,000 stay smooth.
 * Memoised: a drop hint change redraws only the cards that read it (through `DropHintContext`), not every column.
 */
export const BoardColumnView = memo(function BoardColumnView({ column, cards, lane = '' }: { column: Column; cards: BoardCard[]; lane?: string }) {
  const { setNodeRef, isOver } = useDroppable({ id: `col:${lane}${column.key}`, data: { column } });
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const headingId = useId();
  const v = useVirtualizer({ count: cards.length, getScrollElement: () => scrollRef.current, estimateSize: () => CARD_HEIGHT, overscan: 6, getItemKey: (i) => cards[i]?.id ?? i });
  return (
    <section
      className={`column${isOver ? ' over' : ''}`}
      aria-labelledby={headingId}
      data-column={column.name}
      data-status={column.kind === 'status' ? column.name : undefined}
    >
      <h2 id={headingId} className="column-title">
        <span className="status-name">{column.name}</span> <span className="count">{cards.length}</span>
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
                // `top`, not a transform: dnd-kit measures drop targets without their transforms, so
                // translated rows would all be measured at the top of the column (drops landed on the wrong card).
                style={{ position: 'absolute', top: vi.start, left: 0, right: 0, height: vi.size }}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
});
