import type { Space } from '@weft/client';
import { useId } from 'react';
import { client } from '../../../lib/api';
import { qk } from '../../../lib/keys';
import { useOptimisticMutation } from '../../../lib/optimistic';
import { useMembers } from '../../../lib/queries';

type Change = { kind: 'visibility'; visibility: Space['visibility'] } | { kind: 'member'; userId: string; add: boolean };

/** Who sees the space (the workspace, or its members only) and who its members are. */
export function MembersSection({ space }: { space: Space }) {
  const id = useId();
  const members = useMembers(space.workspaceId);
  const canEdit = space.abilities.manageMembers !== false;
  const change = useOptimisticMutation({
    mutationFn: (c: Change) =>
      c.kind === 'visibility' ? client.spaces.update(space.id, { visibility: c.visibility, version: space.version }) : client.spaces.changeMembers(space.id, c.add ? { add: [c.userId] } : { remove: [c.userId] }),
    keys: () => [qk.space(space.id)],
    apply: (qc, c) =>
      qc.setQueryData<Space>(qk.space(space.id), (s) =>
        !s ? s : c.kind === 'visibility' ? { ...s, visibility: c.visibility } : { ...s, memberIds: c.add ? [...s.memberIds, c.userId] : s.memberIds.filter((u) => u !== c.userId) },
      ),
    onSuccess: (qc, s) => qc.setQueryData(qk.space(space.id), s),
    describe: (c) => (c.kind === 'visibility' ? 'Changing who sees the space' : `${c.add ? 'Adding' : 'Removing'} a member`),
    conflict: { summarize: (cur) => [`Visibility: ${(cur as Space | undefined)?.visibility ?? '?'}`], store: (qc, cur) => cur && qc.setQueryData(qk.space(space.id), cur) },
    invalidate: () => [qk.spaces(space.workspaceId)],
  });
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Members and visibility</h2>
      <div className="field">
        <label htmlFor={`${id}-v`}>Who can see this space</label>
        <select id={`${id}-v`} value={space.visibility} disabled={!canEdit} onChange={(e) => change.mutate({ kind: 'visibility', visibility: e.target.value as Space['visibility'] })}>
          <option value="workspace">Everyone in the workspace</option>
          <option value="members">Only the space’s members</option>
        </select>
      </div>
      <fieldset>
        <legend>Members of the space</legend>
        <ul className="plain-list member-list">
          {members.data?.map((m) => (
            <li key={m.userId}>
              <label className="check">
                <input type="checkbox" disabled={!canEdit} checked={space.memberIds.includes(m.userId)} onChange={(e) => change.mutate({ kind: 'member', userId: m.userId, add: e.target.checked })} /> {m.name}{' '}
                <span className="muted small">
                  {m.email} · {m.role}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </section>
  );
}
