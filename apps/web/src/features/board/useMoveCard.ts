import type { Item } from '@weft/client';
import { type Board, type BoardCard, client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { useOptimisticMutation } from '../../lib/optimistic';
import { patchCard } from './columns';

export type MoveVars = { card: BoardCard; statusId: string; afterId: string | null; beforeId: string | null; version: number; spaceId: string };

/** Moves a card in the board array: out of its place, next to its new neighbour, in its new status. */
export function placeCard(board: Board, v: Pick<MoveVars, 'card' | 'statusId' | 'afterId' | 'beforeId'>): Board {
  const rest = board.items.filter((c) => c.id !== v.card.id);
  const moved = { ...v.card, statusId: v.statusId };
  let at = rest.length;
  if (v.afterId) at = rest.findIndex((c) => c.id === v.afterId) + 1;
  else if (v.beforeId) at = rest.findIndex((c) => c.id === v.beforeId);
  if (at < 0) at = rest.length;
  return { ...board, items: [...rest.slice(0, at), moved, ...rest.slice(at)] };
}

/** Drag and drop: `POST /items/{id}/move` with the card's version, shown at once, undone if refused. */
export function useMoveCard(statusName: (id: string) => string) {
  return useOptimisticMutation<MoveVars, Item>({
    mutationFn: (v) => client.items.move(v.card.id, { statusId: v.statusId, afterId: v.afterId, beforeId: v.beforeId, version: v.version }),
    keys: (v) => [qk.board(v.spaceId)],
    apply: (qc, v) => qc.setQueryData<Board>(qk.board(v.spaceId), (b) => b && placeCard(b, v)),
    onSuccess: (qc, item, v) => {
      qc.setQueryData<Board>(qk.board(v.spaceId), (b) => b && patchCard(b, item.id, (c) => ({ ...c, position: item.position, version: item.version, statusId: item.statusId })));
      qc.setQueryData(qk.item(item.key), item);
    },
    describe: (v) => `Moving ${v.card.key}`,
    conflict: {
      summarize: (c) => {
        const cur = c as Item;
        return [`${cur.key}: “${cur.title}”`, `Status: ${statusName(cur.statusId)}`, `Priority: ${cur.priority}`];
      },
      store: (qc, c, v) => {
        const cur = c as Item;
        qc.setQueryData<Board>(qk.board(v.spaceId), (b) => b && patchCard(b, cur.id, (c) => ({ ...c, version: cur.version, statusId: cur.statusId, title: cur.title, position: cur.position })));
      },
      reapply: (c, v) => ({ ...v, version: (c as Item).version }),
    },
    invalidate: () => [qk.itemsAll],
  });
}
