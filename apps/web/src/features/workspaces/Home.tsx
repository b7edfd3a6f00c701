import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { useWorkspaces } from '../../lib/queries';
import { ErrorAlert, Field } from '../../ui/Field';

/** The home page: the person's workspaces and a form to create one. */
export function Home() {
  const { data: items, error } = useWorkspaces();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => client.workspaces.create({ name }),
    onSuccess: async () => {
      setName('');
      await qc.invalidateQueries({ queryKey: qk.workspaces });
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }
  return (
    <section className="card narrow">
      <h1>Workspaces</h1>
      <ErrorAlert error={error} />
      {items === undefined ? (
        <p>Loading…</p>
      ) : items.length === 0 ? (
        <p>No workspaces yet.</p>
      ) : (
        <ul aria-label="Workspaces" className="plain-list">
          {items.map((w) => (
            <li key={w.id}>
              <Link to="/w/$workspaceId" params={{ workspaceId: w.id }}>
                {w.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} aria-label="Create workspace">
        <Field label="Workspace name" value={name} onChange={setName} />
        <ErrorAlert error={create.error} />
        <button type="submit" disabled={create.isPending}>
          Create workspace
        </button>
      </form>
    </section>
  );
}
