import type { Item, Status } from '@weft/client';
import { useEffect, useRef, useState } from 'react';
import { PRIORITIES } from '../../lib/api';
import type { ItemPatch } from '../items/useUpdateItem';

type Save = (item: Item, patch: ItemPatch) => void;

/** The title: a button that turns into an input; Enter or leaving saves, Escape cancels. */
export function TitleCell({ item, save }: { item: Item; save: Save }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(item.title);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);
  if (!editing)
    return (
      <button type="button" className="cell-title" title="Edit the title" onClick={() => {
        setText(item.title);
        setEditing(true);
      }}>
        {item.title}
      </button>
    );
  const commit = () => {
    setEditing(false);
    const t = text.trim();
    if (t && t !== item.title) save(item, { title: t });
  };
  return (
    <input
      ref={input}
      className="cell-input"
      aria-label={`Title of ${item.key}`}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          setEditing(false);
        }
      }}
    />
  );
}

export function StatusCell({ item, statuses, save }: { item: Item; statuses: Status[]; save: Save }) {
  return (
    <select className="cell-select" aria-label={`Status of ${item.key}`} value={item.statusId} onChange={(e) => save(item, { statusId: e.target.value })}>
      {!statuses.some((s) => s.id === item.statusId) && <option value={item.statusId}>(other space)</option>}
      {statuses.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </select>
  );
}

export function PriorityCell({ item, save }: { item: Item; save: Save }) {
  return (
    <select className="cell-select" aria-label={`Priority of ${item.key}`} value={item.priority} onChange={(e) => save(item, { priority: e.target.value as Item['priority'] })}>
      {PRIORITIES.map((p) => (
        <option key={p} value={p}>
          {p}
        </option>
      ))}
    </select>
  );
}
