import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Field, Form } from '@weft/client';
import { type FormEvent, useId, useState } from 'react';
import { client, PRIORITIES } from '../../lib/api';
import { ErrorAlert, Field as TextField } from '../../ui/Field';
import { FormFieldRow } from './FormFieldRow';
import { intakeKeys } from './useIntake';

export type DraftField = Form['fields'][number];
type Draft = { name: string; description: string; access: Form['access']; priority: Form['priority']; fields: DraftField[] };

const NEW_FORM: Draft = {
  name: '',
  description: '',
  access: 'public',
  priority: 'none',
  fields: [
    { key: 'summary', label: 'Summary', kind: 'short_text', required: true, mapsTo: 'title' },
    { key: 'details', label: 'Details', kind: 'long_text', required: false, mapsTo: 'description' },
  ],
};

/** A field key from its label: lowercase letters, digits and _, starting with a letter, unique in the form. */
export function keyFor(label: string, taken: string[]): string {
  const base = `${/^[a-z]/.test(label.toLowerCase()) ? '' : 'f_'}${label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`.slice(0, 36) || 'field';
  const reserved = ['email', 'homepage', ...taken];
  let key = base;
  for (let n = 2; reserved.includes(key); n++) key = `${base}_${n}`;
  return key;
}

/** Builds or edits a form: its fields (kind, label, required, what they fill in), access and default priority. */
export function FormBuilder({ spaceId, form, fields, onDone }: { spaceId: string; form: Form | null; fields: Field[]; onDone: (f: Form | null) => void }) {
  const qc = useQueryClient();
  const id = useId();
  const [d, setD] = useState<Draft>(() => (form ? { name: form.name, description: form.description, access: form.access, priority: form.priority, fields: form.fields } : NEW_FORM));
  const set = (p: Partial<Draft>) => setD((x) => ({ ...x, ...p }));
  const setField = (i: number, f: DraftField) => set({ fields: d.fields.map((x, j) => (j === i ? f : x)) });
  const move = (i: number, by: number) => {
    const next = [...d.fields];
    const [f] = next.splice(i, 1);
    next.splice(i + by, 0, f as DraftField);
    set({ fields: next });
  };
  const save = useMutation({
    mutationFn: () => (form ? client.forms.update(form.id, { ...d, version: form.version }) : client.forms.create(spaceId, d)),
    onSuccess: (f) => {
      qc.setQueryData<Form[]>(intakeKeys.forms(spaceId), (l) => (l?.some((x) => x.id === f.id) ? l.map((x) => (x.id === f.id ? f : x)) : [...(l ?? []), f]));
      onDone(f);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="card form-builder" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{form ? `Edit “${form.name}”` : 'New form'}</h2>
      <TextField label="Form name" value={d.name} onChange={(name) => set({ name })} placeholder="IT help desk" />
      <div className="field">
        <label htmlFor={`${id}-desc`}>Introduction (markdown, shown above the form)</label>
        <textarea id={`${id}-desc`} rows={2} value={d.description} onChange={(e) => set({ description: e.target.value })} />
      </div>
      <div className="row">
        <fieldset className="row">
          <legend>Who can submit</legend>
          <label className="check">
            <input type="radio" name={`${id}-access`} checked={d.access === 'public'} onChange={() => set({ access: 'public' })} /> Anyone with the link (public)
          </label>
          <label className="check">
            <input type="radio" name={`${id}-access`} checked={d.access === 'internal'} onChange={() => set({ access: 'internal' })} /> Signed-in members (internal)
          </label>
        </fieldset>
        <label htmlFor={`${id}-prio`}>Default priority</label>
        <select id={`${id}-prio`} value={d.priority} onChange={(e) => set({ priority: e.target.value as Draft['priority'] })}>
          {PRIORITIES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </div>
      <h3>Fields</h3>
      <ol className="plain-list form-fields" aria-label="Form fields">
        {d.fields.map((f, i) => (
          <FormFieldRow
            key={f.key}
            field={f}
            index={i}
            count={d.fields.length}
            customFields={fields}
            onChange={(nf) => setField(i, nf)}
            onMove={(by) => move(i, by)}
            onRemove={() => set({ fields: d.fields.filter((_, j) => j !== i) })}
          />
        ))}
      </ol>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          const label = `Question ${d.fields.length + 1}`;
          set({ fields: [...d.fields, { key: keyFor(label, d.fields.map((f) => f.key)), label, kind: 'short_text', required: false, mapsTo: 'none' }] });
        }}
      >
        Add field
      </button>
      <ErrorAlert error={save.error} />
      <div className="row form-actions">
        <button type="submit" disabled={save.isPending}>
          {form ? 'Save form' : 'Create form'}
        </button>
        <button type="button" className="secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
