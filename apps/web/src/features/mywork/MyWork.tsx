import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { Item } from '@weft/client';
import { useEffect } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { rememberWorkspace } from '../../lib/queries';
import { myWorkRoute } from '../../routes/router';
import { ErrorAlert } from '../../ui/Field';
import { SinceLastLooked } from '../workspaces/SinceLastLooked';

// Each group is one query-language search; the full My work (requests, chores) comes with issue 5's rest.
const GROUPS: [string, string][] = [
  ['Overdue', 'assignee:me is:overdue sort:due'],
  ['Due in the next 7 days', 'assignee:me is:open due:today..+7d sort:due'],
  ['Assigned to me', 'assignee:me is:open sort:-priority'],
  ['Owned by me', 'owner:me is:open'],
];

function Group({ ws, title, q }: { ws: string; title: string; q: string }) {
  const r = useQuery({ queryKey: qk.itemQuery(ws, q), queryFn: () => client.items.query(ws, { q, limit: 50 }) });
  return (
    <section className="card">
      <h2>{title}</h2>
      {r.error ? <ErrorAlert error={r.error} /> : !r.data ? <p className="loading">Loading…</p> : r.data.data.length === 0 ? <p className="muted">Nothing here.</p> : <ItemLinks items={r.data.data} />}
    </section>
  );
}

function ItemLinks({ items }: { items: Item[] }) {
  return (
    <ul className="plain-list">
      {items.map((i) => (
        <li key={i.id}>
          <Link to="/items/$key" params={{ key: i.key }}>
            <span className="card-key">{i.key}</span> {i.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** My work: what is assigned to or owned by me across the workspace, grouped. */
export function MyWork() {
  const { workspaceId } = myWorkRoute.useParams();
  const { q } = myWorkRoute.useSearch();
  useEffect(() => rememberWorkspace(workspaceId), [workspaceId]);
  return (
    <div className="my-work">
      <h1>My work</h1>
      {!q && <SinceLastLooked key={workspaceId} workspaceId={workspaceId} />}
      {q ? <Group ws={workspaceId} title={`Saved view: ${q}`} q={q} /> : GROUPS.map(([title, query]) => <Group key={title} ws={workspaceId} title={title} q={query} />)}
    </div>
  );
}
