import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import type { Space, WeftEvent } from '@weft/client';
import { useEffect, useId } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { rememberWorkspace, useMembers, useSpace } from '../../lib/queries';
import { ErrorAlert } from '../../ui/Field';
import { useSpaceItems } from '../spaces/useSpaceItems';
import '../items/items.css';

const PROJECT_STATUSES = ['planned', 'active', 'paused', 'completed', 'canceled'] as const;
type ProjectStatus = (typeof PROJECT_STATUSES)[number];
// The workspace feed is read in pages of 1,000 from the start: there is no per-space activity
// endpoint yet, so a very old, busy workspace shows only the history found in the first pages.
const MAX_PAGES = 20;

/** The space's own events (not its items'): created, renamed, re-dated, status changes. */
function useSpaceHistory(space: Space | undefined) {
  return useQuery({
    queryKey: ['space-history', space?.id ?? ''],
    enabled: !!space,
    queryFn: async () => {
      const s = space as Space;
      const out: WeftEvent[] = [];
      let since = 0;
      for (let i = 0; i < MAX_PAGES; i++) {
        const page = await client.events.list(s.workspaceId, { since, limit: 1000 });
        out.push(...page.data.filter((e) => e.spaceId === s.id && e.itemId === null));
        if (page.data.length < 1000) return { events: out, complete: true };
        since = page.nextSince;
      }
      return { events: out, complete: false };
    },
  });
}

function statusChanges(events: WeftEvent[]): { at: string; actorId: string | null; from: string | null; to: string }[] {
  return events.flatMap((e) => {
    const c = (e.data.changes as Record<string, { from: unknown; to: unknown }> | undefined)?.projectStatus;
    return c && typeof c.to === 'string' ? [{ at: e.at, actorId: e.actorId, from: typeof c.from === 'string' ? c.from : null, to: c.to }] : [];
  });
}

const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) : 0);
const day = (d: string | null) => (d ? new Date(`${d.slice(0, 10)}T12:00:00Z`).toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: 'UTC' }) : '—');

function Meter({ label, done, total, unit }: { label: string; done: number; total: number; unit: string }) {
  return (
    <div>
      <div>
        {label}: <strong>{done}</strong> of {total} {unit} ({pct(done, total)}%)
      </div>
      <div className="meter" role="progressbar" aria-label={label} aria-valuenow={pct(done, total)} aria-valuemin={0} aria-valuemax={100}>
        <span className="meter-fill" style={{ width: `${pct(done, total)}%` }} />
      </div>
    </div>
  );
}

/** `/w/:ws/s/:space/overview`: a project's goal, dates, lead, status, progress and status history. */
export function ProjectOverview() {
  const { workspaceId, spaceId } = useParams({ strict: false }) as { workspaceId: string; spaceId: string };
  const id = useId();
  const qc = useQueryClient();
  const space = useSpace(spaceId);
  const s = space.data;
  const members = useMembers(workspaceId).data ?? [];
  const items = useSpaceItems(workspaceId, `space:${s?.key ?? ''}`, !!s);
  const history = useSpaceHistory(s);
  useEffect(() => rememberWorkspace(workspaceId), [workspaceId]);
  const setStatus = useMutation({
    mutationFn: (projectStatus: ProjectStatus) => client.spaces.update(spaceId, { version: s?.version, projectStatus }),
    onSuccess: async (updated) => {
      qc.setQueryData(qk.space(spaceId), updated);
      await Promise.all([qc.invalidateQueries({ queryKey: ['space-history', spaceId] }), qc.invalidateQueries({ queryKey: qk.spaces(workspaceId) })]);
    },
  });
  if (space.error) return <ErrorAlert error={space.error} />;
  if (!s) return <p className="loading">Loading…</p>;
  const name = (uid: string | null) => (uid ? (members.find((m) => m.userId === uid)?.name ?? 'Someone') : 'Weft');
  const own = items.items.filter((i) => i.spaceId === s.id && !i.deletedAt);
  const closed = (c: string) => c === 'done' || c === 'canceled';
  const done = items.complete ? own.filter((i) => closed(i.statusCategory)).length : (s.progress?.done ?? 0);
  const total = items.complete ? own.length : (s.progress?.total ?? 0);
  const estimated = own.filter((i) => i.estimate !== null);
  const estTotal = estimated.reduce((n, i) => n + (i.estimate ?? 0), 0);
  const estDone = estimated.filter((i) => closed(i.statusCategory)).reduce((n, i) => n + (i.estimate ?? 0), 0);
  const changes = statusChanges(history.data?.events ?? []);
  const created = history.data?.events.find((e) => e.type === 'space.created');
  return (
    <div className="project-overview">
      <h1>
        <span className="space-key">{s.key}</span> {s.name} <span className="muted">· Overview</span>
      </h1>
      <nav aria-label="Layout" className="tabs">
        <Link to="/w/$workspaceId/s/$spaceId" params={{ workspaceId, spaceId }} search={{ view: 'board' }}>
          Board
        </Link>
        <Link to="/w/$workspaceId/s/$spaceId" params={{ workspaceId, spaceId }} search={{ view: 'list' }}>
          List
        </Link>
      </nav>
      {s.kind !== 'project' && <p className="muted">This space is a stream: the overview is meant for projects.</p>}
      <section className="card" aria-labelledby={`${id}-about`}>
        <h2 id={`${id}-about`}>About</h2>
        <div className="overview-grid">
          <span className="muted">Goal</span>
          <span>{s.goal || '—'}</span>
          <span className="muted">Dates</span>
          <span>
            {day(s.startDate)} → {day(s.targetDate)}
          </span>
          <span className="muted">Lead</span>
          <span>{s.leadId ? name(s.leadId) : '—'}</span>
          <label htmlFor={`${id}-status`}>Project status</label>
          <span>
            <select id={`${id}-status`} value={s.projectStatus ?? 'planned'} disabled={s.abilities.update === false || setStatus.isPending} onChange={(e) => setStatus.mutate(e.target.value as ProjectStatus)}>
              {PROJECT_STATUSES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </span>
        </div>
        <ErrorAlert error={setStatus.error} />
      </section>
      <section className="card" aria-labelledby={`${id}-progress`}>
        <h2 id={`${id}-progress`}>Progress</h2>
        <Meter label="Items done" done={done} total={total} unit="items" />
        {estTotal > 0 && <Meter label="Estimate done" done={estDone} total={estTotal} unit="points" />}
        {!items.complete && <p className="muted small">Counting items…</p>}
      </section>
      <section className="card" aria-labelledby={`${id}-history`}>
        <h2 id={`${id}-history`}>Status history</h2>
        <ErrorAlert error={history.error} />
        <ol aria-label="Status history" className="plain-list">
          {created && (
            <li>
              Created by {name(created.actorId)} <span className="muted small">{new Date(created.at).toLocaleString()}</span>
            </li>
          )}
          {changes.map((c) => (
            <li key={`${c.at}-${c.to}`}>
              {c.from ?? 'none'} → <strong>{c.to}</strong> by {name(c.actorId)} <span className="muted small">{new Date(c.at).toLocaleString()}</span>
            </li>
          ))}
        </ol>
        {history.data && changes.length === 0 && <p className="muted small">No status changes yet.</p>}
        {history.data && !history.data.complete && <p className="muted small">Older history not shown.</p>}
      </section>
    </div>
  );
}
