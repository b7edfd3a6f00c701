import { useId } from 'react';
import { describeError } from '../lib/problem';

/** Labelled text input: every input gets a visible <label> bound through an id. */
export function Field(props: {
  label: string;
  type?: string;
  value: string;
  onChange: (v: string) => void;
  autoComplete?: string;
  required?: boolean;
  minLength?: number;
  autoFocus?: boolean;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        required={props.required ?? true}
        minLength={props.minLength}
        // biome-ignore lint/a11y/noAutofocus: dialogs focus their first field on purpose
        autoFocus={props.autoFocus}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

/** A refused request, shown where it happened: the problem's detail and the fields it names. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const d = describeError(error);
  return (
    <div role="alert" className="alert">
      <p>{d.detail}</p>
      {d.fields.length > 0 && (
        <ul>
          {d.fields.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
