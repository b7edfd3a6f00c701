import { useQueryClient } from '@tanstack/react-query';
import type { Item, Space } from '@weft/client';
import { client, PRIORITIES, type Priority } from '../../lib/api';
import { qk } from '../../lib/keys';
import { notify } from '../../lib/notices';
import { describeError } from '../../lib/problem';
import { useMembers } from '../../lib/queries';
import { useWorkspaceLabels } from '../items/item-lookups';
import { type BulkSet, useBulkChange } from './useBulkChange';

/** A select that runs its action on choice and snaps back to its prompt. */
function ActionSelect({ label, prompt, options, onPick }: { label: string; prompt: string; options: [string, string][]; onPick: (v: string) => void }) {
  return (
    <select
      aria-label={label}
      value=""
      onChange={(e) => {
        if (e.target.value) onPick(e.target.value);
      }}
    >
      <option value="">{prompt}</option>
      {options.map(([v, name]) => (
        <option key={v} value={v}>
          {name}
        </option>
      ))}
    </select>
  );
}

/** Changes for every selected row at once: status, priority, assignee, labels, trash. */
export function BulkBar({ space, items, onClear }: { space: Space; items: Item[]; onClear: () => void }) {
  const qc = useQueryClient();
  const members = useMembers(space.workspaceId).data ?? [];
  const labels = useWorkspaceLabels(space.workspaceId).data ?? [];
  const bulk = useBulkChange();
  const run = (set: BulkSet) => bulk.mutate({ workspaceId: space.workspaceId, spaceId: space.id, items, set });
  const trash = () => {
    const trashed = items;
    bulk.mutate(
      { workspaceId: space.workspaceId, spaceId: space.id, items: trashed, set: { delete: true } },
      {
        onSuccess: () => {
          onClear();
          notify({
            kind: 'info',
            title: `Moved ${trashed.length} item${trashed.length === 1 ? '' : 's'} to the trash`,
            action: {
              label: 'Undo',
              run: () =>
                void Promise.all(trashed.map((i) => client.items.restore(i.id)))
                  .catch((e) => notify({ kind: 'error', title: 'Restoring failed', detail: describeError(e).detail }))
                  .finally(() => qc.invalidateQueries({ queryKey: qk.itemsAll })),
            },
          });
        },
      },
    );
  };
  const n = items.length;
  return (
    <section className="bulk-bar" aria-label="Bulk actions">
      <strong aria-live="polite">
        {n} selected
      </strong>
      <ActionSelect label="Set status" prompt="Status…" options={space.statuses.map((s) => [s.id, s.name])} onPick={(statusId) => run({ statusId })} />
      <ActionSelect label="Set priority" prompt="Priority…" options={PRIORITIES.map((p) => [p, p])} onPick={(p) => run({ priority: p as Priority })} />
      <ActionSelect
        label="Set assignee"
        prompt="Assignee…"
        options={[['-', 'Nobody'], ...members.map((m): [string, string] => [m.userId, m.name])]}
        onPick={(v) => run({ assigneeIds: v === '-' ? [] : [v] })}
      />
      <ActionSelect label="Add label" prompt="Add label…" options={labels.map((l) => [l.id, l.name])} onPick={(l) => run({ addLabelIds: [l] })} />
      <ActionSelect label="Remove label" prompt="Remove label…" options={labels.map((l) => [l.id, l.name])} onPick={(l) => run({ removeLabelIds: [l] })} />
      <button type="button" className="secondary" onClick={trash} disabled={bulk.isPending}>
        Move to trash
      </button>
      <button type="button" className="secondary" onClick={onClear}>
        Clear selection
      </button>
    </section>
  );
}
