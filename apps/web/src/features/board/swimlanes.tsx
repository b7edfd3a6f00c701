import { useNavigate } from '@tanstack/react-router';
import type { Member } from '@weft/client';
import { memo, useId, useMemo, useState } from 'react';
import { type BoardCard, PRIORITIES } from '../../lib/api';
import { spaceRoute } from '../../routes/router';
import { BoardColumnView, NO_CARDS } from './BoardColumnView';
import { type Column, type Grouping, groupCards } from './columns';
import './swimlanes.css';

export const LANE_MODES = ['none', 'assignee', 'priority'] as const;
export type LaneMode = (typeof LANE_MODES)[number];
export type Lane = { id: string; name: string; cards: BoardCard[] };

const KEY = 'weft.board.lanes';
const stored = (): LaneMode => LANE_MODES.find((m) => m === localStorage.getItem(KEY)) ?? 'none';

/**
 * The board's swimlane choice: `?lanes=` in the URL (so a saved view or a shared link brings it),
 * else the last one chosen in this browser.
 */
export function useLaneMode(): [LaneMode, (m: LaneMode) => void] {
  const { lanes } = spaceRoute.useSearch();
  const navigate = useNavigate({ from: spaceRoute.fullPath });
  const [remembered, setRemembered] = useState<LaneMode>(stored);
  const mode = LANE_MODES.find((m) => m === lanes) ?? remembered;
  return [
    mode,
    (m) => {
      localStorage.setItem(KEY, m);
      setRemembered(m);
      void navigate({ search: (s) => ({ ...s, lanes: m === 'none' ? undefined : m }) });
    },
  ];
}

/**
 * Cards into lanes, keeping board order inside each. By priority: urgent first, "none" last. By
 * assignee: one lane per person (a card with two assignees shows in both) and "No assignee" last.
 */
export function groupLanes(cards: BoardCard[], mode: Exclude<LaneMode, 'none'>, members: Member[]): Lane[] {
  if (mode === 'priority')
    return [...PRIORITIES].reverse().map((p) => ({ id: p, name: p === 'none' ? 'No priority' : p[0]?.toUpperCase() + p.slice(1), cards: cards.filter((c) => c.priority === p) }));
  const name = new Map(members.map((m) => [m.userId, m.name]));
  const by = new Map<string, BoardCard[]>();
  for (const c of cards)
    for (const a of c.assigneeIds.length > 0 ? c.assigneeIds : ['']) {
      const list = by.get(a);
      if (list) list.push(c);
      else by.set(a, [c]);
    }
  const people = [...by.keys()].filter((k) => k !== '').sort((a, b) => (name.get(a) ?? '').localeCompare(name.get(b) ?? ''));
  return [...people.map((id) => ({ id, name: name.get(id) ?? 'Someone', cards: by.get(id) ?? [] })), { id: 'nobody', name: 'No assignee', cards: by.get('') ?? [] }];
}

export function LanePicker({ value, onChange }: { value: LaneMode; onChange: (m: LaneMode) => void }) {
  const id = useId();
  return (
    <div className="lane-picker">
      <label htmlFor={id}>Swimlanes</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as LaneMode)}>
        {LANE_MODES.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The board split into lanes; each lane is a row of (virtualized) columns, by status or by a field. Empty lanes hide.
 * Memoised, with each lane's columns grouped once per change of the cards, so a drop hint does not regroup them.
 */
export const BoardLanes = memo(function BoardLanes({ columns, grouping, lanes }: { columns: Column[]; grouping: Grouping; lanes: Lane[] }) {
  const shown = useMemo(
    () => lanes.filter((l) => l.cards.length > 0).map((l) => ({ lane: l, byColumn: groupCards(l.cards, columns, grouping) })),
    [lanes, columns, grouping],
  );
  return (
    <div className="board-lanes">
      {shown.map(({ lane: l, byColumn }) => (
        <section key={l.id} className="lane" aria-label={`Lane ${l.name}`} data-lane={l.name}>
          <h2 className="lane-title">
            {l.name} <span className="count">{l.cards.length}</span>
          </h2>
          <div className="board lane-columns">
            {columns.map((c) => (
              <BoardColumnView key={c.key} column={c} cards={byColumn.get(c.key) ?? NO_CARDS} lane={`${l.id}:`} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
});
