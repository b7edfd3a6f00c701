import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import type { Space } from '@weft/client';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { client } from '../../../lib/api';
import { qk } from '../../../lib/keys';
import { useSpace } from '../../../lib/queries';
import { ErrorAlert } from '../../../ui/Field';
import { CustomFieldsSection } from './CustomFieldsSection';
import { MembersSection } from './MembersSection';
import { SpaceAreaNav } from './SpaceAreaNav';
import { TemplatesSection } from './TemplatesSection';
import { WorkflowEditor } from './WorkflowEditor';
import '../../routines/routines.css';
import './settings.css';

function General({ space }: { space: Space }) {
  const id = useId();
  const qc = useQueryClient();
  const [name, setName] = useState(space.name);
  useEffect(() => setName(space.name), [space.name]);
  const save = useMutation({
    mutationFn: () => client.spaces.update(space.id, { name, version: space.version }),
    onSuccess: (s) => {
      qc.setQueryData(qk.space(space.id), s);
      void qc.invalidateQueries({ queryKey: qk.spaces(space.workspaceId) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="card row" onSubmit={submit} aria-label="Space name">
      <label htmlFor={`${id}-n`}>Space name</label>
      <input id={`${id}-n`} value={name} required disabled={space.abilities.update === false} onChange={(e) => setName(e.target.value)} />
      <span className="muted small">Key {space.key}</span>
      <button type="submit" disabled={save.isPending || name === space.name}>
        Rename
      </button>
      <ErrorAlert error={save.error} />
    </form>
  );
}

/** A space's settings: name, workflow, custom fields, members and visibility, templates. */
export function SpaceSettingsPage() {
  const { workspaceId, spaceId } = useParams({ strict: false }) as { workspaceId: string; spaceId: string };
  const space = useSpace(spaceId);
  if (space.error) return <ErrorAlert error={space.error} />;
  if (!space.data) return <p className="loading">Loading…</p>;
  return (
    <div className="area-page">
      <SpaceAreaNav workspaceId={workspaceId} space={space.data} current="settings" />
      <h1>Settings</h1>
      <General space={space.data} />
      <WorkflowEditor space={space.data} />
      <CustomFieldsSection workspaceId={workspaceId} spaceId={spaceId} />
      <MembersSection space={space.data} />
      <TemplatesSection space={space.data} />
    </div>
  );
}
