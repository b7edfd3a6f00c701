import type { Item } from '@weft/client';
import { type KeyboardEvent, type RefObject, useEffect, useRef, useState } from 'react';
import type { ItemPatch } from '../items/useUpdateItem';
import type { Edit } from './cell-edits';
import { useCellEditing, useSaveOnUnmount } from './useCellEditing';

/*
 * The table's on-demand editors: a cell shows its value as a button; Enter, F2 or a click opens
 * the editor (only that cell's editor is mounted), Enter or leaving commits one PATCH, Escape
 * cancels. Checkboxes and dates are native controls that edit in place.
 */

type Save = (item: Item, patch: ItemPatch) => void;
type Props<K extends Edit['kind']> = { item: Item; label: string; text: string; edit: Extract<Edit, { kind: K }>; save: Save };

/** Key handling shared by the editors and the multi-value popup: Enter commits, Escape cancels (neither reaches the grid). */
export const keys = (commit: () => void, cancel: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    e.stopPropagation();
    commit();
  } else if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    cancel();
  }
};

export function CellButton(props: { label: string; text: string; open: () => void; button: RefObject<HTMLButtonElement | null>; popup?: boolean; expanded?: boolean }) {
  return (
    <button
      ref={props.button}
      type="button"
      className="cell-value"
      aria-label={`${props.label}: ${props.text || 'none'}`}
      aria-haspopup={props.popup ? 'dialog' : undefined}
      aria-expanded={props.popup ? !!props.expanded : undefined}
      title={props.text}
      onClick={props.open}
      onKeyDown={(e) => {
        if (e.key === 'F2') {
          e.preventDefault();
          props.open();
        }
      }}
    >
      {props.text}
    </button>
  );
}

/** Text, URL and number values (custom fields, the estimate). */
export function TextCell({ item, label, text, edit, save }: Props<'text'>) {
  const c = useCellEditing('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!c.editing) return;
    input.current?.focus();
    input.current?.select();
  }, [c.editing]);
  if (!c.editing)
    return (
      <CellButton
        label={label}
        text={text}
        button={c.button}
        open={() => c.open(edit.value(item))}
      />
    );
  const commit = (focusBack: boolean) =>
    c.finish(focusBack, () => {
      const patch = c.draft === edit.value(item) || input.current?.validity.badInput ? null : edit.patch(item, c.draft);
      if (patch) save(item, patch);
    });
  c.leave.current = () => commit(false);
  return (
    <input
      ref={input}
      type={edit.input}
      step={edit.input === 'number' ? 'any' : undefined}
      className="cell-input"
      aria-label={label}
      value={c.draft}
      onChange={(e) => c.setDraft(e.target.value)}
      onBlur={() => commit(false)}
      onKeyDown={keys(() => commit(true), c.cancel)}
    />
  );
}

/**
 * One of a list (a select field, the type, the owner). A pick with the mouse saves at once; arrow
 * keys only move the choice (Chromium changes a closed select's value on each press), which
 * Enter or leaving then saves.
 */
export function ChoiceCell({ item, label, text, edit, save }: Props<'choice'>) {
  const c = useCellEditing('');
  const keyed = useRef(false);
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (c.editing) select.current?.focus();
  }, [c.editing]);
  if (!c.editing)
    return (
      <CellButton
        label={label}
        text={text}
        button={c.button}
        open={() => c.open(edit.value(item) ?? '')}
      />
    );
  const commit = (value: string, focusBack: boolean) =>
    c.finish(focusBack, () => {
      if (value !== (edit.value(item) ?? '')) save(item, edit.patch(item, value || null));
    });
  c.leave.current = () => commit(c.draft, false);
  const options = [...(edit.extra?.(item) ?? []), ...edit.options];
  return (
    <select
      ref={select}
      className="cell-select"
      aria-label={label}
      value={c.draft}
      onChange={(e) => {
        if (keyed.current) c.setDraft(e.target.value);
        else commit(e.target.value, true);
        keyed.current = false;
      }}
      onBlur={() => commit(c.draft, false)}
      onMouseDown={() => {
        keyed.current = false;
      }}
      onKeyDown={(e) => {
        keyed.current = e.key !== 'Enter' && e.key !== 'Escape';
        keys(() => commit(c.draft, true), c.cancel)(e);
      }}
    >
      {(edit.none !== undefined || c.draft === '') && <option value="">{edit.none ?? '—'}</option>}
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

/**
 * A value picked in a control shown until the item itself changes (the optimistic update lands a
 * moment later, after the mutation cancels in-flight fetches; a rollback is a change too), so a
 * controlled input does not flick back to the old value in between.
 */
function usePending<T>(item: Item) {
  const [pending, setPending] = useState<T | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the item's identity is the signal: any new value or version of it ends the wait
  useEffect(() => setPending(null), [item]);
  return [pending, setPending] as const;
}

export function CheckboxCell({ item, label, edit, save }: Omit<Props<'checkbox'>, 'text'>) {
  const [pending, setPending] = usePending<boolean>(item);
  return (
    <input
      type="checkbox"
      className="cell-check"
      aria-label={label}
      checked={pending ?? edit.value(item)}
      onChange={(e) => {
        setPending(e.target.checked);
        save(item, edit.patch(item, e.target.checked));
      }}
    />
  );
}

/**
 * A day (start, due, a date field). The input is always there (the existing due cell's manner),
 * but saves only on Enter or leaving, so typing a year does not send a PATCH per digit.
 */
export function DateCell({ item, label, edit, save }: Omit<Props<'date'>, 'text'>) {
  const [draft, setDraft] = usePending<string>(item);
  // The item a change was sent for: Enter then leaving must not send it twice before it lands.
  const sentFor = useRef<Item | null>(null);
  const value = edit.value(item) ?? '';
  const onUnmount = useSaveOnUnmount(draft !== null && draft !== value);
  const commit = () => {
    if (sentFor.current === item) return;
    if (draft !== null && draft !== value) {
      sentFor.current = item;
      save(item, edit.patch(item, draft || null));
    } else setDraft(null);
  };
  onUnmount.current = commit;
  return (
    <input
      type="date"
      className="cell-input"
      aria-label={label}
      value={draft ?? value}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={keys(commit, () => setDraft(null))}
    />
  );
}
