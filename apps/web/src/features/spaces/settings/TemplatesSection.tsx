import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { collect, type Space, type Template } from '@weft/client';
import { type FormEvent, useCallback, useId, useState } from 'react';
import { client } from '../../../lib/api';
import { qk } from '../../../lib/keys';
import { notify } from '../../../lib/notices';
import { describeError } from '../../../lib/problem';
import { Dialog } from '../../../ui/Dialog';
import { ErrorAlert, Field, FormActions } from '../../../ui/Field';

const templatesKey = (ws: string) => ['templates', ws] as const;

function NewSpaceFromTemplate({ template, onClose }: { template: Template; onClose: () => void }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const apply = useMutation({
    mutationFn: () => client.templates.apply(template.id, { name, key }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: qk.spaces(template.workspaceId) });
      onClose();
      if (r.space) await navigate({ to: '/w/$workspaceId/s/$spaceId', params: { workspaceId: r.space.workspaceId, spaceId: r.space.id }, search: { view: 'board' } });
    },
  });
  return (
    <Dialog title={`New space from “${template.name}”`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply.mutate();
        }}
      >
        <Field label="Space name" value={name} onChange={setName} autoFocus />
        <Field label="Space key" value={key} onChange={(v) => setKey(v.toUpperCase())} placeholder="OPS" />
        <FormActions error={apply.error} label="Create space" disabled={apply.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** Templates: apply an item template here, start a new space from a space template, or save this space as one. */
export function TemplatesSection({ space }: { space: Space }) {
  const id = useId();
  const qc = useQueryClient();
  const ws = space.workspaceId;
  const templates = useQuery({ queryKey: templatesKey(ws), queryFn: () => collect<Template>((cursor) => client.templates.list(ws, { cursor, limit: 200 })) });
  const [name, setName] = useState(`${space.name} template`);
  const [fromSpace, setFromSpace] = useState<Template | null>(null);
  const closeDialog = useCallback(() => setFromSpace(null), []);
  const save = useMutation({
    mutationFn: () => client.templates.saveSpace(space.id, { name }),
    onSuccess: (t) => {
      qc.setQueryData<Template[]>(templatesKey(ws), (l) => [...(l ?? []), t]);
      notify({ kind: 'info', title: `Saved as template “${t.name}”` });
    },
  });
  const applyItem = useMutation({
    mutationFn: (t: Template) => client.templates.apply(t.id, { spaceId: space.id }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: qk.board(space.id) });
      notify({ kind: 'info', title: `Created ${r.item?.key ?? 'the item'}${r.subitems?.length ? ` with ${r.subitems.length} subitems` : ''}` });
    },
    onError: (e) => notify({ kind: 'error', title: 'Applying the template failed', detail: describeError(e).detail }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Templates</h2>
      <ErrorAlert error={templates.error} />
      {templates.data?.length === 0 && <p className="muted">No templates yet.</p>}
      <ul className="plain-list" aria-label="Templates list">
        {templates.data?.map((t) => (
          <li key={t.id} className="row between template-row">
            <span>
              <strong>{t.name}</strong> <span className="pill">{t.kind === 'space' ? 'space' : 'item'}</span> <span className="muted small">{t.description}</span>
            </span>
            {t.kind === 'item' ? (
              <button type="button" className="secondary" onClick={() => applyItem.mutate(t)} aria-label={`Create an item from ${t.name}`}>
                Create item here
              </button>
            ) : (
              <button type="button" className="secondary" onClick={() => setFromSpace(t)} aria-label={`New space from ${t.name}`}>
                New space from it…
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={submit} aria-label="Save space as template">
        <label htmlFor={`${id}-n`}>Template name</label>
        <input id={`${id}-n`} value={name} required onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={save.isPending}>
          Save this space as a template
        </button>
      </form>
      <ErrorAlert error={save.error} />
      {fromSpace && <NewSpaceFromTemplate template={fromSpace} onClose={closeDialog} />}
    </section>
  );
}
