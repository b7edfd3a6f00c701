import type { Item, Member, Status } from '@weft/client';
import { useEffect, useId, useState } from 'react';
import { PRIORITIES } from '../../lib/api';
import type { ItemPatch } from './useUpdateItem';

/** Status, priority, due date and assignees; each change saves at once. */
export function ItemFields({ item, statuses, members, save }: { item: Item; statuses: Status[]; members: Member[]; save: (p: ItemPatch) => void }) {
  const id = useId();
  const due = item.dueAt ? item.dueAt.slice(0, 10) : '';
  return (
    <div className="fields-grid">
      <label htmlFor={`${id}-status`}>Status</label>
      <select id={`${id}-status`} value={item.statusId} onChange={(e) => save({ statusId: e.target.value })}>
        {statuses.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-prio`}>Priority</label>
      <select id={`${id}-prio`} value={item.priority} onChange={(e) => save({ priority: e.target.value as Item['priority'] })}>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-due`}>Due date</label>
      <input id={`${id}-due`} type="date" value={due} onChange={(e) => save({ dueAt: e.target.value || null })} />
      <span id={`${id}-people`}>Assignees</span>
      <fieldset aria-labelledby={`${id}-people`} className="assignees">
        {members.map((m) => (
          <label key={m.userId} className="check">
            <input
              type="checkbox"
              checked={item.assigneeIds.includes(m.userId)}
              onChange={(e) => save({ assigneeIds: e.target.checked ? [...item.assigneeIds, m.userId] : item.assigneeIds.filter((x) => x !== m.userId) })}
            />
            {m.name}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

/** The title as an input: saved on Enter or when focus leaves, if it changed. */
export function TitleEditor({ value, onSave }: { value: string; onSave: (v: string) => void }) {
  const [text, setText] = useState(value);
  const id = useId();
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text.trim() && text.trim() !== value) onSave(text.trim());
    else setText(value);
  };
  return (
    <div className="title-editor">
      <label htmlFor={id} className="visually-hidden">
        Title
      </label>
      <input
        id={id}
        className="title-input"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') setText(value);
        }}
      />
    </div>
  );
}
