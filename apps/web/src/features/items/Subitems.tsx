import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { Item } from '@weft/client';
import { type FormEvent, useId, useState } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { ErrorAlert } from '../../ui/Field';

const isDone = (i: Item) => i.statusCategory === 'done' || i.statusCategory === 'canceled';

/** The item's children with their progress, and a one-line form to add one in the same space. */
export function Subitems({ item }: { item: Item }) {
  const id = useId();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const q = `parent:${item.key} sort:created`;
  const list = useQuery({ queryKey: qk.itemQuery(item.workspaceId, q), queryFn: () => client.items.query(item.workspaceId, { q, limit: 200 }) });
  const add = useMutation({
    mutationFn: (t: string) => client.items.create(item.spaceId, { title: t, parentId: item.id }),
    onSuccess: async (child) => {
      setTitle('');
      qc.setQueryData(qk.item(child.key), child);
      await Promise.all([qc.invalidateQueries({ queryKey: qk.itemsAll }), qc.invalidateQueries({ queryKey: qk.item(item.key) }), qc.invalidateQueries({ queryKey: qk.board(item.spaceId) })]);
    },
  });
  const children = list.data?.data ?? [];
  const done = children.filter(isDone).length;
  const pct = children.length ? Math.round((done / children.length) * 100) : 0;
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (title.trim()) add.mutate(title.trim());
  }
  return (
    <section aria-labelledby={`${id}-h`} className="subitems">
      <h3 id={`${id}-h`}>
        Subitems{' '}
        <span className="count small">
          {done}/{children.length}
          <span className="visually-hidden"> done</span>
        </span>
      </h3>
      {children.length > 0 && (
        <div className="progress" role="progressbar" aria-label="Subitems done" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
          <span className="progress-fill" style={{ width: `${pct}%` }} />
        </div>
      )}
      <ErrorAlert error={list.error} />
      <ul aria-label="Subitems" className="plain-list">
        {children.map((c) => (
          <li key={c.id} className={isDone(c) ? 'done' : ''}>
            <span className="card-key">{c.key}</span>
            <Link to="/items/$key" params={{ key: c.key }}>
              {c.title}
            </Link>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={onSubmit} aria-label="Add a subitem">
        <label htmlFor={`${id}-new`} className="visually-hidden">
          New subitem
        </label>
        <input id={`${id}-new`} placeholder="Add a subitem…" value={title} onChange={(e) => setTitle(e.target.value)} />
        <button type="submit" className="secondary" disabled={add.isPending || !title.trim()}>
          Add subitem
        </button>
      </form>
      <ErrorAlert error={add.error} />
    </section>
  );
}
