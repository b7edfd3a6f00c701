import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { parseQuickAdd } from '@weft/domain/quick-add';
import { type FormEvent, useCallback, useId, useMemo, useState } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { notify } from '../../lib/notices';
import { useCurrentWorkspaceId, useMe, useMembers, useSpaces } from '../../lib/queries';
import { openDialog } from '../../lib/ui-state';
import { Dialog } from '../../ui/Dialog';
import { ErrorAlert, Field } from '../../ui/Field';
import { useWorkspaceLabels } from '../items/item-lookups';
import { QuickAddChips } from './QuickAddChips';
import '../items/items.css';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * `c` from anywhere: a title with inline syntax (`Fix login #bug @ana !high due:fri`) and a space
 * (the current one by default). The chips under the title show what the syntax will set.
 */
export function QuickCreate() {
  const ws = useCurrentWorkspaceId();
  const params = useParams({ strict: false }) as { spaceId?: string };
  const spaces = useSpaces(ws);
  const me = useMe().data;
  const members = useMembers(ws).data;
  const labels = useWorkspaceLabels(ws).data;
  const live = (spaces.data ?? []).filter((s) => !s.archivedAt);
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const spaceId = chosen ?? params.spaceId ?? live[0]?.id ?? '';
  const spaceFieldId = useId();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const close = useCallback(() => openDialog(null), []);
  const timeZone = me?.timeZone ?? browserZone();
  const parsed = useMemo(
    () =>
      parseQuickAdd(title, {
        now: new Date(),
        timeZone,
        labels: labels ?? [],
        people: (members ?? []).map((m) => ({ id: m.userId, name: m.name, email: m.email })),
        meId: me?.id,
      }),
    [title, timeZone, labels, members, me?.id],
  );
  const create = useMutation({
    mutationFn: () =>
      client.items.create(spaceId, {
        title: parsed.title,
        labelIds: parsed.labelIds,
        assigneeIds: parsed.assigneeIds,
        ...(parsed.priority ? { priority: parsed.priority } : {}),
        ...(parsed.dueAt ? { dueAt: parsed.dueAt } : {}),
        ...(parsed.startAt ? { startAt: parsed.startAt } : {}),
      }),
    onSuccess: (item) => {
      void qc.invalidateQueries({ queryKey: qk.board(item.spaceId) });
      void qc.invalidateQueries({ queryKey: qk.itemsAll });
      qc.setQueryData(qk.item(item.key), item);
      close();
      notify({
        kind: 'info',
        title: `Created ${item.key}`,
        detail: item.title,
        action: { label: 'Open', run: () => void navigate({ to: '/items/$key', params: { key: item.key } }) },
      });
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (parsed.title.trim()) create.mutate();
  }
  return (
    <Dialog title="New item" onClose={close}>
      {live.length === 0 ? (
        <p>Create a space first (sidebar: “+ New space”).</p>
      ) : (
        <form onSubmit={onSubmit} aria-label="New item">
          <Field label="Title" value={title} onChange={setTitle} autoFocus placeholder="Fix login #bug @ana !high due:fri" />
          <QuickAddChips chips={parsed.chips} timeZone={timeZone} />
          <div className="field">
            <label htmlFor={spaceFieldId}>Space</label>
            <select id={spaceFieldId} value={spaceId} onChange={(e) => setChosen(e.target.value)}>
              {live.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.key} · {s.name}
                </option>
              ))}
            </select>
          </div>
          <ErrorAlert error={create.error} />
          <div className="row">
            <button type="submit" disabled={create.isPending || !parsed.title.trim()}>
              Create item
            </button>
            <button type="button" className="secondary" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
