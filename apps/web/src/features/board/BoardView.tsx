import { DndContext, type DragEndEvent, type DragMoveEvent, DragOverlay, type DragStartEvent, KeyboardSensor, PointerSensor, useSensor, useSensors } from '@dnd-kit/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { type BoardCard, boardApi } from '../../lib/api';
import { qk } from '../../lib/keys';
import { useCurrentWorkspaceId, useMembers } from '../../lib/queries';
import { ErrorAlert } from '../../ui/Field';
import { useSpaceFields } from '../spaces/lookups';
import { announcements, screenReaderInstructions } from './announcements';
import { BoardColumnView, NO_CARDS } from './BoardColumnView';
import { ColumnsPicker, useColumnsParam } from './ColumnsPicker';
import { type Column, columnsOf, type DropTarget, dropAction, type Grouping, groupCards, selectFields } from './columns';
import { boardCollision, boardKeyboardCoordinates, topHit } from './dnd';
import { type DropHint, DropHintContext } from './drop-hint';
import './board.css';
import { BoardLanes, groupLanes, LanePicker, useLaneMode } from './swimlanes';
import { useBoardFilter } from './useBoardFilter';
import { useMoveCard } from './useMoveCard';
import { useSetCardField } from './useSetCardField';

// Space (not Enter) picks a card up from the keyboard: Enter on the card's link opens the item.
const KEYS = { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] };

/** What the top collision of a drag is over, as a drop target. */
function targetOf(hit: ReturnType<typeof topHit>): DropTarget | null {
  const card = hit?.data.card as BoardCard | undefined;
  if (hit && card) return { card, at: hit.at };
  const column = hit?.data.column as Column | undefined;
  return column ? { column } : null;
}

/**
 * The board of a space from one request (`GET /spaces/{id}/board`): columns by status, or by the
 * options of a single-select field (`?columns=<field id>`), with drag and drop by pointer or keyboard.
 */
export function BoardView({ spaceId, filter = '' }: { spaceId: string; filter?: string }) {
  const board = useQuery({ queryKey: qk.board(spaceId), queryFn: () => boardApi.get(spaceId) });
  const [dragging, setDragging] = useState<BoardCard | null>(null);
  const [hint, setHint] = useState<DropHint>(null);
  const statusName = useCallback((id: string) => board.data?.statuses.find((s) => s.id === id)?.name ?? 'another status', [board.data]);
  const move = useMoveCard(statusName);
  const shown = useBoardFilter(spaceId, filter);
  const [laneMode, setLaneMode] = useLaneMode();
  const ws = useCurrentWorkspaceId();
  const members = useMembers(ws);
  const fields = useSpaceFields(ws ?? '', spaceId);
  const choices = useMemo(() => selectFields(fields.data ?? [], spaceId), [fields.data, spaceId]);
  const [columnsParam, setColumnsParam] = useColumnsParam();
  const field = columnsParam ? choices.find((f) => f.id === columnsParam) : undefined;
  const setField = useSetCardField(field ?? null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: boardKeyboardCoordinates, keyboardCodes: KEYS }),
  );

  const grouping = useMemo((): Grouping => (field ? { kind: 'field', field } : { kind: 'status' }), [field]);
  const columns = useMemo(() => columnsOf(grouping, board.data?.statuses ?? []), [grouping, board.data?.statuses]);
  const byColumn = useMemo(() => groupCards(board.data?.items ?? [], columns, grouping, shown.ids), [board.data?.items, columns, grouping, shown.ids]);

  const lanes = useMemo(() => (laneMode === 'none' ? null : groupLanes([...byColumn.values()].flat(), laneMode, members.data ?? [])), [byColumn, laneMode, members.data]);

  const onDragStart = useCallback((e: DragStartEvent) => {
    setDragging((e.active.data.current?.card as BoardCard | undefined) ?? null);
  }, []);

  const onDragMove = useCallback((e: DragMoveEvent) => {
    const hit = topHit(e.collisions);
    const next = hit?.data.card ? { id: String(hit.id), at: hit.at } : null;
    setHint((h) => (h?.id === next?.id && h?.at === next?.at ? h : next));
  }, []);

  const onDragCancel = useCallback(() => {
    setDragging(null);
    setHint(null);
  }, []);

  const moveCard = move.mutate;
  const setFieldValue = setField.mutate;
  const onDragEnd = useCallback(
    (e: DragEndEvent) => {
      setDragging(null);
      setHint(null);
      const card = e.active.data.current?.card as BoardCard | undefined;
      // The collisions, not `over`: `over` is set one render later, so a quick drop could see an old one.
      const target = targetOf(topHit(e.collisions));
      if (!card || !target) return;
      const action = dropAction(card, target, grouping, byColumn);
      if (action?.kind === 'move') moveCard({ card, version: card.version, spaceId, statusId: action.statusId, afterId: action.afterId, beforeId: action.beforeId });
      if (action?.kind === 'field') setFieldValue({ card, field: action.field, value: action.value, version: card.version, spaceId });
    },
    [grouping, byColumn, moveCard, setFieldValue, spaceId],
  );

  const error = board.error ?? shown.error ?? (columnsParam ? fields.error : null);
  if (error) return <ErrorAlert error={error} />;
  if (!board.data || (columnsParam && !fields.data)) return <p className="loading">Loading board…</p>;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={boardCollision}
      accessibility={{ announcements, screenReaderInstructions }}
      onDragStart={onDragStart}
      onDragMove={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={onDragCancel}
    >
      {board.data.truncated && <p className="muted">This board shows the first {board.data.items.length.toLocaleString()} items.</p>}
      <div className="board-toolbar">
        <ColumnsPicker value={field?.id} fields={choices} onChange={setColumnsParam} />
        <LanePicker value={laneMode} onChange={setLaneMode} />
      </div>
      <DropHintContext.Provider value={hint}>
        {laneMode === 'none' ? (
          <section className="board" aria-label="Board" data-columns={field ? field.name : 'Status'}>
            {columns.map((c) => (
              <BoardColumnView key={c.key} column={c} cards={byColumn.get(c.key) ?? NO_CARDS} />
            ))}
          </section>
        ) : (
          lanes && <BoardLanes columns={columns} grouping={grouping} lanes={lanes} />
        )}
      </DropHintContext.Provider>
      <DragOverlay>
        {dragging && (
          <div className="board-card overlay" data-dragging={dragging.key}>
            <span className="card-key">{dragging.key}</span>
            <span className="card-title">{dragging.title}</span>
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}
