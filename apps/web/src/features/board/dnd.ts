import { type ClientRect, type Collision, type CollisionDetection, type KeyboardCoordinateGetter, pointerWithin, rectIntersection, type UniqueIdentifier } from '@dnd-kit/core';
import { type Placement, placementAt } from './columns';

const isCard = (c: Collision) => String(c.id).startsWith('card:');

/**
 * Cards sit inside their column: prefer the card under the pointer (exact placement), else the
 * column. Keyboard drags have no pointer: the dragged box's overlap decides, cards first. The top
 * hit carries `at` (before/after that card), so the hint shown while dragging and the drop agree.
 */
export const boardCollision: CollisionDetection = (args) => {
  const pointer = args.pointerCoordinates;
  const hits = pointer ? pointerWithin(args) : [];
  let result: Collision[];
  if (hits.some(isCard)) result = hits.filter(isCard);
  else if (hits.length > 0) result = hits;
  else {
    const boxes = rectIntersection(args);
    result = !pointer && boxes.some(isCard) ? boxes.filter(isCard) : boxes;
  }
  const [top, ...rest] = result;
  if (!top || !isCard(top)) return result;
  const rect = args.droppableRects.get(top.id);
  const y = pointer ? pointer.y : args.collisionRect.top + args.collisionRect.height / 2;
  return [{ ...top, data: { ...top.data, at: rect ? placementAt(y, rect) : 'before' } }, ...rest];
};

/** The top collision of a drag: the droppable's id and data, and where on a card it lands. */
export function topHit(collisions: Collision[] | null): { id: UniqueIdentifier; data: Record<string, unknown>; at: Placement } | null {
  const c = collisions?.[0];
  if (!c) return null;
  const data = (c.data?.droppableContainer?.data?.current ?? {}) as Record<string, unknown>;
  return { id: c.id, data, at: c.data?.at === 'after' ? 'after' : 'before' };
}

type Box = Pick<ClientRect, 'top' | 'left' | 'width' | 'height'>;
// The dragged box (the overlay) is a little shorter than a card's slot, so at rest its centre sits a
// few pixels off its own card's; a target must be further than that to count as the next one.
const MIN_STEP = 10;
const cx = (r: Box) => r.left + r.width / 2;
const cy = (r: Box) => r.top + r.height / 2;

/**
 * Where the dragged box goes for an arrow key (its new top-left), or null to stay. Up/Down: just
 * past the centre of the next card above/below in the same column, so the drop lands before/after
 * it. Left/Right: the next column in the same row, at the same height (clamped into it).
 */
export function nextBoxPosition(code: string, box: Box, rects: ReadonlyMap<UniqueIdentifier, Box>): { x: number; y: number } | null {
  const x = cx(box);
  const y = cy(box);
  const of = (prefix: string) => [...rects].filter(([id]) => String(id).startsWith(prefix)).map(([, r]) => r);
  if (code === 'ArrowDown' || code === 'ArrowUp') {
    const down = code === 'ArrowDown';
    const cards = of('card:').filter((r) => r.left <= x && x <= r.left + r.width && (down ? cy(r) > y + MIN_STEP : cy(r) < y - MIN_STEP));
    if (cards.length === 0) return null;
    const next = cards.reduce((a, b) => (down ? (cy(b) < cy(a) ? b : a) : cy(b) > cy(a) ? b : a));
    return { x: box.left, y: cy(next) + (down ? 1 : -1) - box.height / 2 };
  }
  if (code === 'ArrowRight' || code === 'ArrowLeft') {
    const right = code === 'ArrowRight';
    const cols = of('col:').filter((r) => r.top <= y && y <= r.top + r.height && (right ? cx(r) > x + MIN_STEP : cx(r) < x - MIN_STEP));
    if (cols.length === 0) return null;
    const next = cols.reduce((a, b) => (right ? (cx(b) < cx(a) ? b : a) : cx(b) > cx(a) ? b : a));
    const top = Math.min(Math.max(box.top, next.top), next.top + next.height - box.height);
    return { x: cx(next) - box.width / 2, y: top };
  }
  return null;
}

/** The keyboard sensor's moves: from card to card and column to column, not 25 px at a time. */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const box = context.collisionRect;
  if (!box) return undefined;
  const next = nextBoxPosition(event.code, box, context.droppableRects);
  if (!next) return undefined;
  event.preventDefault();
  return next;
};
