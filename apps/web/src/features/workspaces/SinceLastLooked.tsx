import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { WeftEvent } from '@weft/client';
import { useEffect, useId, useMemo, useState } from 'react';
import { client } from '../../lib/api';
import { useMe, useMembers, useSpaces } from '../../lib/queries';
import { ErrorAlert } from '../../ui/Field';
import { latestSeq, readVisit, writeVisit } from './last-visit';

const PAGE = 500;
const MAX_PAGES = 4;

type ItemChange = { key: string; title: string | null; what: Set<string>; actors: Set<string>; at: string };
type Group = { spaceId: string | null; items: Map<string, ItemChange>; other: WeftEvent[] };

const VERBS: Record<string, string> = {
  'item.created': 'created',
  'item.updated': 'updated',
  'item.moved': 'moved',
  'item.left': 'moved out of this space',
  'item.deleted': 'trashed',
  'item.restored': 'restored',
  'item.linked': 'linked',
  'item.unlinked': 'unlinked',
  'comment.created': 'commented',
};

function verb(e: WeftEvent): string {
  const base = VERBS[e.type] ?? e.type.split('.').pop() ?? e.type;
  const changes = e.data.changes;
  if (e.type === 'item.updated' && changes && typeof changes === 'object') return `${base} ${Object.keys(changes).join(', ')}`;
  return base;
}

function group(events: WeftEvent[]): Group[] {
  const bySpace = new Map<string | null, Group>();
  for (const e of events) {
    const g = bySpace.get(e.spaceId) ?? { spaceId: e.spaceId, items: new Map<string, ItemChange>(), other: [] };
    bySpace.set(e.spaceId, g);
    if (!e.itemId) {
      g.other.push(e);
      continue;
    }
    const key = typeof e.data.key === 'string' ? e.data.key : null;
    const title = typeof e.data.title === 'string' ? e.data.title : null;
    const c = g.items.get(e.itemId) ?? { key: key ?? '', title: null, what: new Set<string>(), actors: new Set<string>(), at: e.at };
    if (key) c.key = key;
    if (title) c.title = title;
    c.what.add(verb(e));
    if (e.actorId) c.actors.add(e.actorId);
    c.at = e.at;
    g.items.set(e.itemId, c);
  }
  return [...bySpace.values()];
}

/** The workspace home's "since you last looked": what others changed, grouped by space, then by item. */
export function SinceLastLooked({ workspaceId }: { workspaceId: string }) {
  const id = useId();
  const me = useMe().data;
  const spaces = useSpaces(workspaceId).data ?? [];
  const members = useMembers(workspaceId).data ?? [];
  const [mine, setMine] = useState(false);
  // Read once per mount: the page keeps showing what was new when it opened.
  const [prev] = useState(() => readVisit(workspaceId));
  const feed = useQuery({
    queryKey: ['since-last-looked', workspaceId, prev?.seq ?? null],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      if (!prev) return { events: [] as WeftEvent[], latest: await latestSeq((since) => client.events.list(workspaceId, { since, limit: 1 })), more: false };
      const events: WeftEvent[] = [];
      let since = prev.seq;
      for (let i = 0; i < MAX_PAGES; i++) {
        const page = await client.events.list(workspaceId, { since, limit: PAGE });
        events.push(...page.data);
        since = page.nextSince;
        if (page.data.length < PAGE) return { events, latest: since, more: false };
      }
      return { events, latest: since, more: true };
    },
  });
  useEffect(() => {
    if (feed.data) writeVisit(workspaceId, { seq: feed.data.latest, at: new Date().toISOString() });
  }, [feed.data, workspaceId]);
  const shown = useMemo(() => (feed.data?.events ?? []).filter((e) => mine || e.actorId !== me?.id), [feed.data, mine, me?.id]);
  const groups = useMemo(() => group(shown), [shown]);
  const spaceName = (sid: string | null) => (sid ? (spaces.find((s) => s.id === sid)?.name ?? 'A space') : 'Workspace');
  const person = (uid: string) => members.find((m) => m.userId === uid)?.name ?? 'Someone';
  return (
    <section className="card since" aria-labelledby={`${id}-h`}>
      <div className="row between">
        <h2 id={`${id}-h`}>Since you last looked</h2>
        <label className="check small">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Include my changes
        </label>
      </div>
      {prev && <p className="muted small">Your last visit: {new Date(prev.at).toLocaleString()}</p>}
      <ErrorAlert error={feed.error} />
      {!feed.data ? (
        <p className="loading">Loading…</p>
      ) : !prev ? (
        <p className="muted">This is your first visit here: changes made from now on will be listed on your next visit.</p>
      ) : groups.length === 0 ? (
        <p className="muted">Nothing changed.</p>
      ) : (
        groups.map((g) => (
          <div key={g.spaceId ?? 'ws'} className="since-group">
            <h3>{spaceName(g.spaceId)}</h3>
            <ul className="plain-list" aria-label={`Changes in ${spaceName(g.spaceId)}`}>
              {[...g.items.entries()].map(([itemId, c]) => (
                <li key={itemId}>
                  {c.key ? (
                    <Link to="/items/$key" params={{ key: c.key }}>
                      <span className="card-key">{c.key}</span> {c.title ?? ''}
                    </Link>
                  ) : (
                    'An item'
                  )}{' '}
                  — {[...c.what].join('; ')} <span className="muted small">by {[...c.actors].map(person).join(', ') || 'Weft'}</span>
                </li>
              ))}
              {g.other.map((e) => (
                <li key={e.seq}>
                  {e.type.replace('.', ' ')} <span className="muted small">by {e.actorId ? person(e.actorId) : 'Weft'}</span>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
      {feed.data?.more && <p className="muted small">And more: only the first {PAGE * MAX_PAGES} changes are listed.</p>}
    </section>
  );
}
