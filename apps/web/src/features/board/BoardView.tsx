import { type CollisionDetection, DndContext, type DragEndEvent, DragOverlay, type DragStartEvent, PointerSensor, pointerWithin, rectIntersection, useSensor, useSensors } from '@dnd-kit/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { type BoardCard, boardApi } from '../../lib/api';
import { qk } from '../../lib/keys';
import { useCurrentWorkspaceId, useMembers } from '../../lib/queries';
import { ErrorAlert } from '../../ui/Field';
import { BoardColumnView } from './BoardColumnView';
import { BoardLanes, groupLanes, LanePicker, useLaneMode } from './swimlanes';
import { useBoardFilter } from './useBoardFilter';
import { type MoveVars, useMoveCard } from './useMoveCard';

// Cards sit inside their column: prefer the card under the pointer (exact placement), else the column.
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  const cards = hits.filter((h) => String(h.id).startsWith('card:'));
  if (cards.length > 0) return cards;
  return hits.length > 0 ? hits : rectIntersection(args);
};

/** The board of a space from one request (`GET /spaces/{id}/board`): columns by status, drag and drop. */
export function BoardView({ spaceId, filter = '' }: { spaceId: string; filter?: string }) {
  const board = useQuery({ queryKey: qk.board(spaceId), queryFn: () => boardApi.get(spaceId) });
  const [dragging, setDragging] = useState<BoardCard | null>(null);
  const statusName = useCallback((id: string) => board.data?.statuses.find((s) => s.id === id)?.name ?? 'another status', [board.data]);
  const move = useMoveCard(statusName);
  const shown = useBoardFilter(spaceId, filter);
  const [laneMode, setLaneMode] = useLaneMode();
  const members = useMembers(useCurrentWorkspaceId());
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  const columns = useMemo(() => {
    const by = new Map<string, BoardCard[]>();
    for (const s of board.data?.statuses ?? []) by.set(s.id, []);
    for (const c of board.data?.items ?? []) if (!shown.ids || shown.ids.has(c.id)) by.get(c.statusId)?.push(c);
    return by;
  }, [board.data, shown.ids]);

  function onDragStart(e: DragStartEvent) {
    setDragging((e.active.data.current?.card as BoardCard | undefined) ?? null);
  }

  function onDragEnd(e: DragEndEvent) {
    setDragging(null);
    const card = e.active.data.current?.card as BoardCard | undefined;
    const over = e.over;
    if (!card || !over) return;
    let target: Omit<MoveVars, 'card' | 'version' | 'spaceId'>;
    const overCard = over.data.current?.card as BoardCard | undefined;
    if (overCard) {
      if (overCard.id === card.id) return;
      const col = (columns.get(overCard.statusId) ?? []).filter((c) => c.id !== card.id);
      const i = col.findIndex((c) => c.id === overCard.id);
      const r = e.active.rect.current.translated;
      const below = r ? r.top + r.height / 2 > over.rect.top + over.rect.height / 2 : false;
      target = below
        ? { statusId: overCard.statusId, afterId: overCard.id, beforeId: col[i + 1]?.id ?? null }
        : { statusId: overCard.statusId, afterId: col[i - 1]?.id ?? null, beforeId: overCard.id };
    } else {
      const statusId = over.data.current?.statusId as string | undefined;
      if (!statusId) return;
      const col = (columns.get(statusId) ?? []).filter((c) => c.id !== card.id);
      if (statusId === card.statusId && columns.get(statusId)?.at(-1)?.id === card.id) return; // already last there
      target = { statusId, afterId: col.at(-1)?.id ?? null, beforeId: null };
    }
    move.mutate({ card, version: card.version, spaceId, ...target });
  }

  if (board.error || shown.error) return <ErrorAlert error={board.error ?? shown.error} />;
  if (!board.data) return <p className="loading">Loading board…</p>;
  return (
    <DndContext sensors={sensors} collisionDetection={collision} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
      {board.data.truncated && <p className="muted">This board shows the first {board.data.items.length.toLocaleString()} items.</p>}
      <div className="board-toolbar">
        <LanePicker value={laneMode} onChange={setLaneMode} />
      </div>
      {laneMode === 'none' ? (
        <section className="board" aria-label="Board">
          {board.data.statuses.map((s) => (
            <BoardColumnView key={s.id} status={s} cards={columns.get(s.id) ?? []} />
          ))}
        </section>
      ) : (
        <BoardLanes statuses={board.data.statuses} lanes={groupLanes([...columns.values()].flat(), laneMode, members.data ?? [])} />
      )}
      <DragOverlay>
        {dragging && (
          <div className="board-card overlay">
            <span className="card-key">{dragging.key}</span>
            <span className="card-title">{dragging.title}</span>
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}
