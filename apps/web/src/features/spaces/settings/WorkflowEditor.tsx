import type { Space, Status } from '@weft/client';
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { DeleteStatusDialog } from './DeleteStatusDialog';
import { CATEGORIES, type Category, ordered, useWorkflowChange } from './useWorkflow';

function StatusRow(p: { status: Status; index: number; count: number; canEdit: boolean; onMove: (by: number) => void; onRemove: () => void; change: ReturnType<typeof useWorkflowChange> }) {
  const { status: s } = p;
  const id = useId();
  const [name, setName] = useState(s.name);
  // A rollback or someone else's rename shows in the input.
  useEffect(() => setName(s.name), [s.name]);
  const commit = () => {
    const n = name.trim();
    if (n && n !== s.name) p.change.mutate({ kind: 'update', status: s, patch: { name: n } });
    else setName(s.name);
  };
  return (
    <li className="status-row" data-status={s.name}>
      <label htmlFor={`${id}-n`} className="visually-hidden">
        Name of status {s.name}
      </label>
      <input
        id={`${id}-n`}
        value={name}
        disabled={!p.canEdit}
        onChange={(e) => setName(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
          if (e.key === 'Escape') setName(s.name);
        }}
      />
      <label htmlFor={`${id}-c`} className="visually-hidden">
        Category of {s.name}
      </label>
      <select id={`${id}-c`} value={s.category} disabled={!p.canEdit} onChange={(e) => p.change.mutate({ kind: 'update', status: s, patch: { category: e.target.value as Category } })}>
        {CATEGORIES.map(([c, l]) => (
          <option key={c} value={c}>
            {l}
          </option>
        ))}
      </select>
      {p.canEdit && (
        <>
          <button type="button" className="secondary" disabled={p.index === 0} onClick={() => p.onMove(-1)} aria-label={`Move ${s.name} up`}>
            ↑
          </button>
          <button type="button" className="secondary" disabled={p.index === p.count - 1} onClick={() => p.onMove(1)} aria-label={`Move ${s.name} down`}>
            ↓
          </button>
          <button type="button" className="secondary" disabled={p.count === 1} onClick={p.onRemove} aria-label={`Remove ${s.name}`}>
            Remove…
          </button>
        </>
      )}
    </li>
  );
}

/** The space's workflow: add, rename, reorder (buttons: keyboard-first), recategorize and remove statuses. */
export function WorkflowEditor({ space }: { space: Space }) {
  const change = useWorkflowChange(space.id);
  const id = useId();
  const statuses = ordered(space.statuses);
  const canEdit = space.abilities.manageWorkflow !== false;
  const [name, setName] = useState('');
  const [category, setCategory] = useState<Category>('todo');
  const [removing, setRemoving] = useState<Status | null>(null);
  const closeRemove = useCallback(() => setRemoving(null), []);
  const move = (i: number, by: number) => {
    const order = statuses.map((s) => s.id);
    const [x] = order.splice(i, 1);
    order.splice(i + by, 0, x as string);
    change.mutate({ kind: 'reorder', order });
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    change.mutate({ kind: 'create', tempId: `tmp-${Date.now()}`, name: name.trim(), category });
    setName('');
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Workflow</h2>
      <ol className="plain-list status-list" aria-label="Statuses">
        {statuses.map((s, i) => (
          <StatusRow key={s.id} status={s} index={i} count={statuses.length} canEdit={canEdit} change={change} onMove={(by) => move(i, by)} onRemove={() => setRemoving(s)} />
        ))}
      </ol>
      {canEdit && (
        <form className="row" onSubmit={add} aria-label="Add status">
          <label htmlFor={`${id}-new`}>New status</label>
          <input id={`${id}-new`} value={name} onChange={(e) => setName(e.target.value)} placeholder="In review" />
          <label htmlFor={`${id}-cat`} className="visually-hidden">
            Category of the new status
          </label>
          <select id={`${id}-cat`} value={category} onChange={(e) => setCategory(e.target.value as Category)}>
            {CATEGORIES.map(([c, l]) => (
              <option key={c} value={c}>
                {l}
              </option>
            ))}
          </select>
          <button type="submit">Add status</button>
        </form>
      )}
      {removing && <DeleteStatusDialog status={removing} others={statuses.filter((s) => s.id !== removing.id)} onClose={closeRemove} onConfirm={(to) => change.mutate({ kind: 'remove', status: removing, moveItemsTo: to })} />}
    </section>
  );
}
