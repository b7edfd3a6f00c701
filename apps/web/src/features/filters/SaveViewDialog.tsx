import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Space, View } from '@weft/client';
import { type FormEvent, useId, useState } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { notify } from '../../lib/notices';
import { Dialog } from '../../ui/Dialog';
import { ErrorAlert, Field } from '../../ui/Field';
import './filters.css';

/** Saves the current filter and layout as a view (`POST /workspaces/{id}/views`): personal or shared. */
export function SaveViewDialog({ space, query, layout, onClose }: { space: Space; query: string; layout: View['layout']; onClose: () => void }) {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const id = useId();
  const save = useMutation({
    mutationFn: () => client.views.create(space.workspaceId, { name: name.trim(), query, layout, spaceId: space.id, shared }),
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
        <ErrorAlert error={save.error} />
        <div className="row">
          <button type="submit" disabled={save.isPending || !name.trim()}>
            Save view
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
