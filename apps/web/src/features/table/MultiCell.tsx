import type { Item } from '@weft/client';
import { type CSSProperties, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ItemPatch } from '../items/useUpdateItem';
import { type Edit, popupPlace, sameSet, toggle, withChosen } from './cell-edits';
import { CellButton, keys } from './EditCells';
import { useCellEditing } from './useCellEditing';

type Props = { item: Item; label: string; text: string; edit: Extract<Edit, { kind: 'multi' }>; save: (item: Item, patch: ItemPatch) => void };

/**
 * Several values (assignees, labels, a multi-select or person field): the cell's button opens a
 * small popup of checkboxes, placed over the page (a cell clips what overflows it). Space ticks,
 * Enter or "Done" or leaving the popup saves the whole set in one PATCH, Escape cancels.
 */
export function MultiCell({ item, label, text, edit, save }: Props) {
  const c = useCellEditing<string[]>([]);
  const { draft, setDraft } = c;
  const [place, setPlace] = useState<CSSProperties>({});
  const box = useRef<HTMLDivElement>(null);
  const commit = (focusBack: boolean) =>
    c.finish(focusBack, () => {
      if (!sameSet(draft, edit.value(item))) save(item, edit.patch(item, draft));
    });
  c.leave.current = () => commit(false);

  const { editing, leave } = c;
  useEffect(() => {
    if (!editing) return;
    (box.current?.querySelector<HTMLElement>('input') ?? box.current)?.focus();
    // The popup does not follow its cell: scrolling the table saves and closes it.
    const onScroll = (e: Event) => {
      if (!box.current?.contains(e.target as Node)) leave.current?.();
    };
    window.addEventListener('scroll', onScroll, true);
    return () => window.removeEventListener('scroll', onScroll, true);
  }, [editing, leave]);

  const open = () => {
    const r = c.button.current?.getBoundingClientRect();
    if (r) setPlace(popupPlace(r, window.innerHeight));
    c.open(edit.value(item));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'BUTTON') return;
    keys(() => commit(true), c.cancel)(e);
  };
  return (
    <>
      <CellButton label={label} text={text} button={c.button} open={open} popup expanded={c.editing} />
      {c.editing &&
        createPortal(
          <div
            ref={box}
            role="dialog"
            aria-label={label}
            className="cell-popup"
            style={place}
            tabIndex={-1}
            onKeyDown={onKeyDown}
            onBlur={(e) => {
              if (!box.current?.contains(e.relatedTarget as Node | null)) commit(false);
            }}
          >
            <fieldset>
              <legend className="visually-hidden">{label}</legend>
              {withChosen(edit.options, draft).map((o) => (
                <label key={o.id} className="check">
                  <input type="checkbox" checked={draft.includes(o.id)} onChange={() => setDraft((d) => toggle(d, o.id))} /> {o.name}
                </label>
              ))}
              {edit.options.length === 0 && <p className="muted small">Nothing to choose from yet.</p>}
            </fieldset>
            <div className="row">
              <button type="button" onClick={() => commit(true)}>
                Done
              </button>
              <button type="button" className="secondary" onClick={c.cancel}>
                Cancel
              </button>
            </div>
          </div>,
          document.body,
        )}
    </>
  );
}
