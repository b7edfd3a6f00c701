import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Space, View } from '@weft/client';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { notify } from '../../lib/notices';
import { Dialog } from '../../ui/Dialog';
import { Field, FormActions } from '../../ui/Field';
import type { useSavedViewActions } from '../shell/useSavedViewActions';
import './filters.css';

/** Saves the current filter and layout as a view (`POST /workspaces/{id}/views`): personal or shared. */
export function SaveViewDialog({ space, query, layout, options = {}, onClose }: { space: Space; query: string; layout: View['layout']; options?: Record<string, string>; onClose: () => void }) {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const id = useId();
  const save = useMutation({
    mutationFn: () => client.views.create(space.workspaceId, { name: name.trim(), query, layout, spaceId: space.id, shared, options }),
    onSuccess: async (v) => {
      await qc.invalidateQueries({ queryKey: qk.views(space.workspaceId) });
      notify({ kind: 'info', title: `Saved the view “${v.name}”`, detail: v.shared ? 'Everyone who can read this space sees it.' : 'Only you see it.' });
      onClose();
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <Dialog title="Save view" onClose={onClose}>
      <form onSubmit={onSubmit} aria-label="Save view" className="save-view">
        <Field label="View name" value={name} onChange={setName} autoFocus />
        <p className="muted small">
          Layout: {layout}. Filter: <code>{query || '(none)'}</code>
          {Object.keys(options).length > 0 && <> Also kept: {Object.keys(options).join(', ')}.</>}
        </p>
        <fieldset aria-labelledby={`${id}-who`}>
          <span id={`${id}-who`} className="visually-hidden">
            Who sees it
          </span>
          <label className="check">
            <input type="radio" name={`${id}-shared`} checked={!shared} onChange={() => setShared(false)} /> Personal
          </label>
          <label className="check">
            <input type="radio" name={`${id}-shared`} checked={shared} onChange={() => setShared(true)} /> Shared with the space
          </label>
        </fieldset>
        <FormActions error={save.error} label="Save view" disabled={save.isPending || !name.trim()} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

type Actions = ReturnType<typeof useSavedViewActions>;

/** Renames a saved view (`PATCH /views/{id}` with its version); the server's refusal shows here. */
export function RenameViewDialog({ view, update, onClose }: { view: View; update: Actions['update']; onClose: () => void }) {
  const [name, setName] = useState(view.name);
  const { reset } = update;
  useEffect(() => reset(), [reset]);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    update.mutate({ view, patch: { name: name.trim() }, what: 'Renaming the view', quiet: true }, { onSuccess: onClose });
  }
  return (
    <Dialog title="Rename view" onClose={onClose}>
      <form onSubmit={onSubmit} aria-label="Rename view" className="save-view">
        <Field label="View name" value={name} onChange={setName} autoFocus />
        <FormActions error={update.error} label="Rename" disabled={update.isPending || !name.trim() || name.trim() === view.name} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** Asks before deleting a saved view (`DELETE /views/{id}`): a shared one goes for everyone. */
export function DeleteViewDialog({ view, remove, onClose }: { view: View; remove: Actions['remove']; onClose: () => void }) {
  const { reset } = remove;
  useEffect(() => reset(), [reset]);
  return (
    <Dialog title={`Delete the view “${view.name}”?`} onClose={onClose}>
      <p>{view.shared ? 'It is shared: it goes for everyone who sees it.' : 'Only you see it.'} This cannot be undone.</p>
      <FormActions error={remove.error} label="Delete view" disabled={remove.isPending} onCancel={onClose} danger onClick={() => remove.mutate(view, { onSuccess: onClose })} />
    </Dialog>
  );
}
