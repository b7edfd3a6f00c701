import type { Field, Item, Member } from '@weft/client';
import { moveToDay } from '../spaces/dates';
import type { ItemPatch } from '../items/useUpdateItem';

/*
 * What each editable table cell shows and the PATCH body it sends: plain functions (unit-tested),
 * so the cell components only handle focus and keys.
 */

export type Option = { id: string; name: string };
type Get<T> = (i: Item) => T;
type Patch<T> = (i: Item, v: T) => ItemPatch;

/** The inline editor of a column; `value` reads the item, `patch` builds the PATCH body (without version). */
export type Edit =
  | { kind: 'title' }
  | { kind: 'status' }
  | { kind: 'priority' }
  | { kind: 'date'; value: Get<string | null>; patch: Patch<string | null> }
  /** `patch` answers null when the text is no value (a number that is not one): nothing is sent. */
  | { kind: 'text'; input: 'text' | 'url' | 'number'; value: Get<string>; patch: (i: Item, text: string) => ItemPatch | null }
  /** `none` labels the empty choice (omitted: a value is required); `extra` lists the item's value when it is not among the options. */
  | { kind: 'choice'; options: Option[]; value: Get<string | null>; patch: Patch<string | null>; none?: string; extra?: Get<Option[]> }
  | { kind: 'multi'; options: Option[]; value: Get<string[]>; patch: Patch<string[]> }
  | { kind: 'checkbox'; value: Get<boolean>; patch: Patch<boolean> };

type FieldValue = Item['fields'][string];

/** A number typed in a cell: empty clears (null); anything not a finite number is no value at all. */
export function numberFrom(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Text typed in a cell: trimmed; empty clears the value. */
export const textFrom = (text: string): string | null => text.trim() || null;

/**
 * A start or due day picked in the viewer's zone: empty clears; an all-day value becomes the day;
 * a timed value keeps its time of day there (see moveToDay).
 */
export const dayValue = (current: string | null, day: string, tz: string): string | null => (!day ? null : current ? moveToDay(current, day, tz) : day);

/** Stored values as a list (a person field may hold one id as a plain string). */
export const asList = (v: FieldValue | undefined): string[] => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []);

const asText = (v: FieldValue | undefined): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));

/** The same members, whatever the order. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}

/** Adds `id` to the list or takes it out. */
export const toggle = (list: readonly string[], id: string): string[] => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

/** One custom field value, sent alone (the server merges it into the item's other fields). */
const fieldPatch = (fieldId: string, value: FieldValue): ItemPatch => ({ fields: { [fieldId]: value } });

/** The editor of a custom field by its type; values are shaped as the server checks them. */
export function fieldEdit(f: Field, members: Member[]): Edit {
  const get = (i: Item) => i.fields[f.id];
  switch (f.type) {
    case 'number':
      return {
        kind: 'text',
        input: 'number',
        value: (i) => asText(get(i)),
        patch: (_i, t) => {
          const n = numberFrom(t);
          return n === undefined ? null : fieldPatch(f.id, n);
        },
      };
    case 'url':
      return { kind: 'text', input: 'url', value: (i) => asText(get(i)), patch: (_i, t) => fieldPatch(f.id, textFrom(t)) };
    case 'date':
      return { kind: 'date', value: (i) => asText(get(i)) || null, patch: (_i, day) => fieldPatch(f.id, day || null) };
    case 'checkbox':
      return { kind: 'checkbox', value: (i) => get(i) === true, patch: (_i, on) => fieldPatch(f.id, on) };
    case 'select':
      return { kind: 'choice', options: f.options, none: '—', value: (i) => asText(get(i)) || null, patch: (_i, id) => fieldPatch(f.id, id) };
    case 'multi_select':
      return { kind: 'multi', options: f.options, value: (i) => asList(get(i)), patch: (_i, ids) => fieldPatch(f.id, ids.length ? ids : null) };
    case 'person':
      return { kind: 'multi', options: members.map((m) => ({ id: m.userId, name: m.name })), value: (i) => asList(get(i)), patch: (_i, ids) => fieldPatch(f.id, ids.length ? ids : null) };
    default:
      return { kind: 'text', input: 'text', value: (i) => asText(get(i)), patch: (_i, t) => fieldPatch(f.id, t === '' ? null : t) };
  }
}

/** Where a popup editor goes: under its cell, or above it when there is no room below. */
export function popupPlace(cell: { left: number; top: number; bottom: number }, viewportHeight: number, height = 280): { left: number; top?: number; bottom?: number } {
  const left = Math.max(0, Math.round(cell.left));
  if (cell.bottom + height <= viewportHeight || cell.top < height) return { left, top: Math.round(cell.bottom) };
  return { left, bottom: Math.round(viewportHeight - cell.top) };
}

/** The options of a multi-value editor, plus any chosen value no longer among them (shown as unknown). */
export function withChosen(options: readonly Option[], chosen: readonly string[]): Option[] {
  const known = new Set(options.map((o) => o.id));
  return [...options, ...chosen.filter((id) => !known.has(id)).map((id) => ({ id, name: 'Unknown' }))];
}
