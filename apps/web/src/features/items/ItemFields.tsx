import type { Item, Label, Member, Status } from '@weft/client';
import { useEffect, useId, useState } from 'react';
import { PRIORITIES } from '../../lib/api';
import { useItemTypes, dayOf } from './item-lookups';
import { CommitInput, MultiPicker } from './pickers';
import { takeTitleFocus } from './title-focus';
import type { ItemPatch } from './useUpdateItem';

type Props = { item: Item; statuses: Status[]; members: Member[]; labels: Label[]; save: (p: ItemPatch) => void };

/** Every built-in field of an item, each edited in place and saved at once (optimistically). */
export function ItemFields({ item, statuses, members, labels, save }: Props) {
  const id = useId();
  const types = useItemTypes(item.workspaceId).data ?? [];
  const people = members.map((m) => ({ id: m.userId, name: m.name }));
  const typeOptions = types.some((t) => t.key === item.type) ? types : [...types, { key: item.type, name: item.type }];
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
      <label htmlFor={`${id}-type`}>Type</label>
      <select id={`${id}-type`} value={item.type} onChange={(e) => save({ type: e.target.value })}>
        {typeOptions.map((t) => (
          <option key={t.key} value={t.key}>
            {t.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-people`}>Assignees</label>
      <MultiPicker id={`${id}-people`} label="Assignees" options={people} value={item.assigneeIds} onChange={(assigneeIds) => save({ assigneeIds })} />
      <label htmlFor={`${id}-owner`}>Owner</label>
      <select id={`${id}-owner`} value={item.ownerId ?? ''} onChange={(e) => save({ ownerId: e.target.value || null })}>
        <option value="">No owner</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-labels`}>Labels</label>
      <MultiPicker id={`${id}-labels`} label="Labels" options={labels} value={item.labelIds} onChange={(labelIds) => save({ labelIds })} />
      <label htmlFor={`${id}-start`}>Start date</label>
      <input id={`${id}-start`} type="date" value={dayOf(item.startAt)} onChange={(e) => save({ startAt: e.target.value || null })} />
      <label htmlFor={`${id}-due`}>Due date</label>
      <input id={`${id}-due`} type="date" value={dayOf(item.dueAt)} onChange={(e) => save({ dueAt: e.target.value || null })} />
      <label htmlFor={`${id}-estimate`}>Estimate</label>
      <CommitInput
        id={`${id}-estimate`}
        type="number"
        min="0"
        step="any"
        value={item.estimate === null ? '' : String(item.estimate)}
        onCommit={(v) => save({ estimate: v.trim() === '' ? null : Number(v) })}
      />
    </div>
  );
}

/** The title as an input: saved on Enter or when focus leaves, if it changed; `e` in the list focuses it. */
export function TitleEditor({ itemKey, value, onSave }: { itemKey: string; value: string; onSave: (v: string) => void }) {
  const [text, setText] = useState(value);
  const id = useId();
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    const focus = () => {
      if (takeTitleFocus(itemKey)) document.getElementById(id)?.focus();
    };
    focus();
    window.addEventListener('weft:focus-title', focus);
    return () => window.removeEventListener('weft:focus-title', focus);
  }, [itemKey, id]);
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
