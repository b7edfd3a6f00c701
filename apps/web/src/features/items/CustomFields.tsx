import type { Field, Item, Member } from '@weft/client';
import { useId } from 'react';
import { useSpaceFields } from '../spaces/lookups';
import { CommitInput, MultiPicker } from './pickers';
import type { ItemPatch } from './useUpdateItem';

type Value = Item['fields'][string];
type EditorProps = { id: string; field: Field; value: Value; members: Member[]; set: (v: Value) => void };

const asText = (v: Value) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const asList = (v: Value) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []);

/** One typed editor per field type; an empty text clears the value (null). */
function Editor({ id, field, value, members, set }: EditorProps) {
  switch (field.type) {
    case 'number':
      return <CommitInput id={id} type="number" step="any" value={asText(value)} onCommit={(v) => set(v.trim() === '' ? null : Number(v))} />;
    case 'date':
      return <input id={id} type="date" value={asText(value)} onChange={(e) => set(e.target.value || null)} />;
    case 'checkbox':
      return <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />;
    case 'select':
      return (
        <select id={id} value={asText(value)} onChange={(e) => set(e.target.value || null)}>
          <option value="">—</option>
          {field.options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      );
    case 'multi_select':
      return <MultiPicker id={id} label={field.name} options={field.options} value={asList(value)} onChange={(v) => set(v)} />;
    case 'person':
      return <MultiPicker id={id} label={field.name} options={members.map((m) => ({ id: m.userId, name: m.name }))} value={asList(value)} onChange={(v) => set(v)} />;
    case 'url':
      return (
        <span className="row">
          <CommitInput id={id} type="url" value={asText(value)} onCommit={(v) => set(v.trim() || null)} />
          {typeof value === 'string' && /^https?:\/\//.test(value) && (
            <a href={value} target="_blank" rel="noopener noreferrer" className="small">
              Open
            </a>
          )}
        </span>
      );
    default:
      return <CommitInput id={id} value={asText(value)} onCommit={(v) => set(v === '' ? null : v)} />;
  }
}

/** The space's custom fields (workspace-wide and its own) with an editor for each. */
export function CustomFields({ item, members, save }: { item: Item; members: Member[]; save: (p: ItemPatch) => void }) {
  const id = useId();
  const fields = useSpaceFields(item.workspaceId, item.spaceId).data ?? [];
  if (fields.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-h`} className="custom-fields">
      <h3 id={`${id}-h`}>Fields</h3>
      <div className="fields-grid">
        {fields.map((f) => (
          <FieldRow key={f.id} field={f} item={item} members={members} save={save} />
        ))}
      </div>
    </section>
  );
}

function FieldRow({ field, item, members, save }: { field: Field; item: Item; members: Member[]; save: (p: ItemPatch) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{field.name}</label>
      <Editor id={id} field={field} value={item.fields[field.id] ?? null} members={members} set={(v) => save({ fields: { [field.id]: v } })} />
    </>
  );
}
