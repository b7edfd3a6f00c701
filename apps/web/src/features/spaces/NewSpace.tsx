import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useCallback, useId, useState } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { useCurrentWorkspaceId } from '../../lib/queries';
import { openDialog } from '../../lib/ui-state';
import { Dialog } from '../../ui/Dialog';
import { ErrorAlert, Field } from '../../ui/Field';

/** Create a stream or a project in the current workspace, then open its board. */
export function NewSpace() {
  const ws = useCurrentWorkspaceId();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const close = useCallback(() => openDialog(null), []);
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [kind, setKind] = useState<'stream' | 'project'>('stream');
  const kindId = useId();
  const create = useMutation({
    mutationFn: () => client.spaces.create(ws as string, { name, key: key.toUpperCase(), kind }),
    onSuccess: async (s) => {
      await qc.invalidateQueries({ queryKey: qk.spaces(s.workspaceId) });
      close();
      await navigate({ to: '/w/$workspaceId/s/$spaceId', params: { workspaceId: s.workspaceId, spaceId: s.id }, search: { view: 'board' } });
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }
  return (
    <Dialog title="New space" onClose={close}>
      <form onSubmit={onSubmit} aria-label="New space">
        <Field label="Space name" value={name} onChange={setName} autoFocus />
        <Field label="Space key" value={key} onChange={(v) => setKey(v.toUpperCase())} placeholder="OPS" />
        <div className="field">
          <label htmlFor={kindId}>Kind</label>
          <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as 'stream' | 'project')}>
            <option value="stream">Stream (ongoing work)</option>
            <option value="project">Project (has an end)</option>
          </select>
        </div>
        <ErrorAlert error={create.error} />
        <div className="row">
          <button type="submit" disabled={create.isPending || !ws}>
            Create space
          </button>
          <button type="button" className="secondary" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
