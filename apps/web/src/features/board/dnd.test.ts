import type { UniqueIdentifier } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { nextBoxPosition } from './dnd';

// Two columns of 84 px cards (a 240 px wide column, cards 224 px wide) and an empty third column.
const rects = new Map<UniqueIdentifier, { top: number; left: number; width: number; height: number }>([
  ['col:todo', { top: 100, left: 0, width: 240, height: 600 }],
  ['col:doing', { top: 100, left: 260, width: 240, height: 600 }],
  ['col:done', { top: 100, left: 520, width: 240, height: 600 }],
  ['card:a', { top: 100, left: 8, width: 224, height: 84 }],
  ['card:b', { top: 184, left: 8, width: 224, height: 84 }],
  ['card:c', { top: 268, left: 8, width: 224, height: 84 }],
  ['card:d', { top: 100, left: 268, width: 224, height: 84 }],
]);
// The dragged box (the overlay, 78 px tall) over card a.
const box = { top: 103, left: 8, width: 224, height: 78 };
const centre = (p: { x: number; y: number } | null) => p && { x: p.x + box.width / 2, y: p.y + box.height / 2 };

describe('keyboard moves on the board', () => {
  it('ArrowDown/ArrowUp go just past the centre of the next card in the column', () => {
    expect(centre(nextBoxPosition('ArrowDown', box, rects))).toEqual({ x: 120, y: 227 });
    const onB = { ...box, top: 227 - 39 };
    expect(centre(nextBoxPosition('ArrowDown', onB, rects))).toEqual({ x: 120, y: 311 });
    expect(centre(nextBoxPosition('ArrowUp', onB, rects))).toEqual({ x: 120, y: 141 });
    expect(nextBoxPosition('ArrowUp', box, rects)).toBeNull();
  });

  it('skips the card it was picked up from (the overlay starts at the top of its slot, off its centre)', () => {
    const atRest = { ...box, top: 100 };
    expect(centre(nextBoxPosition('ArrowDown', atRest, rects))).toEqual({ x: 120, y: 227 });
    expect(nextBoxPosition('ArrowUp', atRest, rects)).toBeNull();
  });

  it('ArrowRight/ArrowLeft go to the next column at the same height, empty ones too', () => {
    expect(centre(nextBoxPosition('ArrowRight', box, rects))).toEqual({ x: 380, y: 142 });
    const inDoing = { ...box, left: 268 };
    expect(centre(nextBoxPosition('ArrowRight', inDoing, rects))).toEqual({ x: 640, y: 142 });
    expect(centre(nextBoxPosition('ArrowLeft', inDoing, rects))).toEqual({ x: 120, y: 142 });
    expect(nextBoxPosition('ArrowLeft', box, rects)).toBeNull();
    expect(nextBoxPosition('KeyX', box, rects)).toBeNull();
  });
});
