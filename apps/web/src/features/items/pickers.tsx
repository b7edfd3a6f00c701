import { useEffect, useState } from 'react';

export type Option = { id: string; name: string };

/**
 * Several values as removable chips plus an "Add …" select of the rest: every change saves at
 * once. `label` names the control for screen readers ("Add assignee", "Remove Ana").
 */
export function MultiPicker({ id, label, options, value, onChange }: { id: string; label: string; options: Option[]; value: string[]; onChange: (next: string[]) => void }) {
  const byId = new Map(options.map((o) => [o.id, o]));
  const rest = options.filter((o) => !value.includes(o.id));
  return (
    <div className="picker">
      <ul className="chips" aria-label={label}>
        {value.map((v) => (
          <li key={v} className="chip">
            {byId.get(v)?.name ?? 'Unknown'}
            <button type="button" aria-label={`Remove ${byId.get(v)?.name ?? v} from ${label.toLowerCase()}`} onClick={() => onChange(value.filter((x) => x !== v))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {rest.length > 0 && (
        <select
          id={id}
          aria-label={`Add to ${label.toLowerCase()}`}
          value=""
          onChange={(e) => {
            if (e.target.value) onChange([...value, e.target.value]);
          }}
        >
          <option value="">Add…</option>
          {rest.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** A text-like input that saves on Enter or blur when its value changed (Escape restores it). */
export function CommitInput(props: { id: string; type?: string; value: string; onCommit: (v: string) => void; label?: string; step?: string; min?: string }) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const commit = () => {
    if (text !== props.value) props.onCommit(text);
  };
  return (
    <input
      id={props.id}
      type={props.type ?? 'text'}
      aria-label={props.label}
      step={props.step}
      min={props.min}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        } else if (e.key === 'Escape') setText(props.value);
      }}
    />
  );
}
