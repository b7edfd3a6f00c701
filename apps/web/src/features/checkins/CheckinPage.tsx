import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { client } from '../../lib/api';
import { notify } from '../../lib/notices';
import { describeError } from '../../lib/problem';
import { ErrorAlert } from '../../ui/Field';
import { describeRule, parseRRuleText } from '../routines/rrule';
import { OccurrenceView } from './OccurrenceView';
import { checkinKeys, useCheckin, useOccurrences } from './useCheckins';
import '../routines/routines.css';
import './checkins.css';

const STATE = { pending: 'to answer', answered: 'answered', skipped: 'skipped' } as const;

/** One check-in: its occurrences (newest first) and the selected one's answers. */
export function CheckinPage() {
  const { workspaceId, checkinId } = useParams({ strict: false }) as { workspaceId: string; checkinId: string };
  const qc = useQueryClient();
  const checkin = useCheckin(checkinId);
  const occurrences = useOccurrences(checkinId);
  const [selected, setSelected] = useState<string | null>(null);
  const askNow = useMutation({
    mutationFn: () => client.checkins.askNow(checkinId),
    onSuccess: async (o) => {
      await qc.invalidateQueries({ queryKey: checkinKeys.occurrences(checkinId) });
      setSelected(o.id);
    },
    onError: (e) => notify({ kind: 'error', title: 'Asking now failed', detail: describeError(e).detail }),
  });
  if (checkin.error) return <ErrorAlert error={checkin.error} />;
  if (!checkin.data) return <p className="loading">Loading…</p>;
  const c = checkin.data;
  const rule = parseRRuleText(c.recurrence.rrule);
  const current = selected ?? occurrences.data?.[0]?.id ?? null;
  return (
    <div className="area-page">
      <p>
        <Link to="/w/$workspaceId/checkins" params={{ workspaceId }}>
          ← Check-ins
        </Link>
      </p>
      <div className="row between">
        <h1>{c.name}</h1>
        {c.abilities.update && (
          <button type="button" className="secondary" onClick={() => askNow.mutate()} disabled={askNow.isPending}>
            Ask now
          </button>
        )}
      </div>
      <p className="muted">
        “{c.question}” · {rule ? describeRule(rule, false) : c.recurrence.rrule} at {c.recurrence.start.slice(11)}, each person in their own time zone
        {c.pausedAt && ' · paused'}
      </p>
      <ErrorAlert error={occurrences.error} />
      <div className="checkin-layout">
        <nav aria-label="Occurrences" className="occurrence-list">
          {occurrences.data?.length === 0 && <p className="muted small">Not asked yet.</p>}
          <ul className="plain-list">
            {occurrences.data?.map((o) => (
              <li key={o.id}>
                <button type="button" className={`occ${o.id === current ? ' active' : ''}`} aria-current={o.id === current ? 'true' : undefined} onClick={() => setSelected(o.id)}>
                  <span>{o.date}</span>
                  <span className="muted small">
                    {o.counts.answered} answered{o.myState ? ` · ${STATE[o.myState]}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="occurrence-main">{current && <OccurrenceView key={current} checkinId={checkinId} occurrenceId={current} />}</div>
      </div>
    </div>
  );
}
