import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import type { BoardCard } from '../../lib/api';
import type { Column } from './columns';

type Data = { current?: { card?: BoardCard; column?: Column } } | undefined;
const keyOf = (d: Data) => d?.current?.card?.key ?? 'The card';
const place = (d: Data) => {
  const c = d?.current;
  if (c?.card) return `next to ${c.card.key}`;
  if (c?.column) return `in ${c.column.name}`;
  return 'outside the columns';
};

export const screenReaderInstructions: ScreenReaderInstructions = {
  draggable: 'To move a card, press Space, then the arrow keys: up and down pass cards, left and right change columns. Press Space again to drop it, or Escape to cancel.',
};

/** What a screen reader hears while a card moves: its key and where it would land. */
export const announcements: Announcements = {
  onDragStart: ({ active }) => `Picked up ${keyOf(active.data)}.`,
  onDragOver: ({ active, over }) => `${keyOf(active.data)} is ${place(over?.data)}.`,
  onDragEnd: ({ active, over }) => `${keyOf(active.data)} was dropped ${place(over?.data)}.`,
  onDragCancel: ({ active }) => `Moving ${keyOf(active.data)} was cancelled.`,
};
