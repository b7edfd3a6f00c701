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

/**
 * A form's last lines: the server's refusal (if any), the action and Cancel. The action
 * submits the form, or runs `onClick` when given (a dialog without a form).
 */
export function FormActions(props: { error: unknown; label: string; disabled?: boolean; onCancel: () => void; danger?: boolean; onClick?: () => void }) {
  return (
    <>
      <ErrorAlert error={props.error} />
      <div className="row">
        <button type={props.onClick ? 'button' : 'submit'} className={props.danger ? 'danger' : undefined} disabled={props.disabled} onClick={props.onClick}>
          {props.label}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
