import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Field } from '@weft/client';
import { type FormEvent, useId, useState } from 'react';
import { client } from '../../../lib/api';
import { useOptimisticMutation } from '../../../lib/optimistic';
import { ErrorAlert } from '../../../ui/Field';
import { intakeKeys, useSpaceFields } from '../../intake/useIntake';

const TYPES: [Field['type'], string][] = [
  ['text', 'Text'],
  ['number', 'Number'],
  ['date', 'Date'],
  ['select', 'Single select'],
  ['multi_select', 'Multi select'],
  ['person', 'Person'],
  ['checkbox', 'Checkbox'],
  ['url', 'URL'],
];
const hasOptions = (t: Field['type']) => t === 'select' || t === 'multi_select';
const splitOptions = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function FieldRow({ field, ws, spaceId }: { field: Field; ws: string; spaceId: string }) {
  const id = useId();
  const key = intakeKeys.spaceFields(ws, spaceId);
  const [name, setName] = useState(field.name);
  const [options, setOptions] = useState(field.options.map((o) => o.name).join(', '));
  const change = useOptimisticMutation({
    mutationFn: async (v: { kind: 'update'; name: string; options?: string[] } | { kind: 'delete' }): Promise<Field | undefined> =>
      v.kind === 'delete'
        ? client.fields.remove(field.id).then(() => undefined)
        : client.fields.update(field.id, {
            name: v.name,
            version: field.version,
            // Existing options keep their ids (values already stored point at them).
            ...(v.options ? { options: v.options.map((n) => ({ ...(field.options.find((o) => o.name === n) ?? {}), name: n })) } : {}),
          }),
    keys: () => [key],
    apply: (qc, v) => qc.setQueryData<Field[]>(key, (l) => (v.kind === 'delete' ? l?.filter((f) => f.id !== field.id) : l?.map((f) => (f.id === field.id ? { ...f, name: v.name } : f)))),
    describe: (v) => `${v.kind === 'delete' ? 'Deleting' : 'Saving'} field “${field.name}”`,
    invalidate: () => [key],
  });
  const workspaceWide = field.spaceId === null;
  const canEdit = field.abilities.update !== false && !workspaceWide;
  return (
    <li className="field-row">
      <form
        className="row"
        aria-label={`Field ${field.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate({ kind: 'update', name, options: hasOptions(field.type) ? splitOptions(options) : undefined });
        }}
      >
        <label htmlFor={`${id}-n`} className="visually-hidden">
          Name of field {field.name}
        </label>
        <input id={`${id}-n`} value={name} disabled={!canEdit} onChange={(e) => setName(e.target.value)} />
        <span className="pill">{TYPES.find(([t]) => t === field.type)?.[1]}</span>
        {workspaceWide && <span className="muted small">workspace-wide</span>}
        {hasOptions(field.type) && (
          <>
            <label htmlFor={`${id}-o`} className="visually-hidden">
              Options of {field.name}
            </label>
            <input id={`${id}-o`} value={options} disabled={!canEdit} onChange={(e) => setOptions(e.target.value)} placeholder="Options, comma separated" />
          </>
        )}
        {canEdit && (
          <>
            <button type="submit" className="secondary">
              Save
            </button>
            <button type="button" className="secondary" aria-label={`Delete field ${field.name}`} onClick={() => window.confirm(`Delete the field “${field.name}” and its values?`) && change.mutate({ kind: 'delete' })}>
              Delete
            </button>
          </>
        )}
      </form>
    </li>
  );
}

/** The space's custom fields (and the workspace-wide ones it also shows); create, rename, edit options, delete. */
export function CustomFieldsSection({ workspaceId, spaceId }: { workspaceId: string; spaceId: string }) {
  const id = useId();
  const qc = useQueryClient();
  const fields = useSpaceFields(workspaceId, spaceId);
  const [name, setName] = useState('');
  const [type, setType] = useState<Field['type']>('text');
  const [options, setOptions] = useState('');
  const create = useMutation({
    mutationFn: () => client.fields.create(workspaceId, { name, type, spaceId, ...(hasOptions(type) ? { options: splitOptions(options).map((n) => ({ name: n })) } : {}) }),
    onSuccess: (f) => {
      qc.setQueryData<Field[]>(intakeKeys.spaceFields(workspaceId, spaceId), (l) => [...(l ?? []), f]);
      setName('');
      setOptions('');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Custom fields</h2>
      <ErrorAlert error={fields.error} />
      {fields.data?.length === 0 && <p className="muted">No custom fields yet.</p>}
      <ul className="plain-list" aria-label="Custom fields">
        {fields.data?.map((f) => (
          <FieldRow key={f.id} field={f} ws={workspaceId} spaceId={spaceId} />
        ))}
      </ul>
      <form className="row" onSubmit={submit} aria-label="New custom field">
        <label htmlFor={`${id}-n`}>New field</label>
        <input id={`${id}-n`} value={name} required onChange={(e) => setName(e.target.value)} placeholder="Customer" />
        <label htmlFor={`${id}-t`} className="visually-hidden">
          Type
        </label>
        <select id={`${id}-t`} value={type} onChange={(e) => setType(e.target.value as Field['type'])}>
          {TYPES.map(([t, l]) => (
            <option key={t} value={t}>
              {l}
            </option>
          ))}
        </select>
        {hasOptions(type) && (
          <>
            <label htmlFor={`${id}-o`} className="visually-hidden">
              Options
            </label>
            <input id={`${id}-o`} value={options} onChange={(e) => setOptions(e.target.value)} placeholder="Options, comma separated" />
          </>
        )}
        <button type="submit" disabled={create.isPending}>
          Add field
        </button>
      </form>
      <ErrorAlert error={create.error} />
    </section>
  );
}
