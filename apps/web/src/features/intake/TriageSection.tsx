import { Link } from '@tanstack/react-router';
import type { IntakeRequest } from '@weft/client';
import { useCallback, useState } from 'react';
import { ErrorAlert } from '../../ui/Field';
import { DecisionDialog } from './DecisionDialog';
import { SlaBadge } from './SlaBadge';
import { type RequestState, useRequests, useTriage } from './useIntake';

const STATES: [RequestState, string][] = [
  ['triage', 'Waiting for triage'],
  ['accepted', 'Accepted'],
  ['declined', 'Declined'],
  ['merged', 'Merged'],
];

/** The request queue: requests waiting for a decision, with their SLA state; accept, decline or merge each. */
export function TriageSection({ spaceId }: { spaceId: string }) {
  const [state, setState] = useState<RequestState>('triage');
  const requests = useRequests(spaceId, state);
  const triage = useTriage(spaceId);
  const [deciding, setDeciding] = useState<{ request: IntakeRequest; kind: 'decline' | 'merge' } | null>(null);
  const close = useCallback(() => setDeciding(null), []);
  return (
    <section aria-label="Triage">
      <div className="row between">
        <h2>Requests</h2>
        <fieldset className="tabs state-filter" aria-label="Request state">
          {STATES.map(([s, label]) => (
            <button key={s} type="button" aria-pressed={state === s} className={state === s ? 'active' : ''} onClick={() => setState(s)}>
              {label}
            </button>
          ))}
        </fieldset>
      </div>
      <ErrorAlert error={requests.error} />
      {requests.data?.length === 0 && <p className="muted">Nothing here.</p>}
      <ul className="plain-list" aria-label="Requests list">
        {requests.data?.map((r) => (
          <li key={r.id} className="request-row">
            <div className="request-main">
              <div>
                <strong>{r.title}</strong> <span className={`pill prio-${r.priority}`}>{r.priority}</span> <SlaBadge sla={r.sla} />
              </div>
              <div className="muted small">
                <Link to="/items/$key" params={{ key: r.itemKey }}>
                  {r.itemKey}
                </Link>{' '}
                · {r.reference} · {r.requesterEmail ?? 'member'} · {new Date(r.createdAt).toLocaleString()}
                {r.declineReason && <> · declined: {r.declineReason}</>}
                {r.mergedIntoReference && <> · duplicate of {r.mergedIntoReference}</>}
              </div>
            </div>
            {r.state === 'triage' && r.abilities.triage !== false && (
              <div className="row">
                <button type="button" onClick={() => triage.mutate({ request: r, kind: 'accept' })} aria-label={`Accept ${r.title}`}>
                  Accept
                </button>
                <button type="button" className="secondary" onClick={() => setDeciding({ request: r, kind: 'decline' })} aria-label={`Decline ${r.title}`}>
                  Decline…
                </button>
                <button type="button" className="secondary" onClick={() => setDeciding({ request: r, kind: 'merge' })} aria-label={`Merge ${r.title}`}>
                  Merge…
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {deciding && <DecisionDialog spaceId={spaceId} request={deciding.request} kind={deciding.kind} onClose={close} onDecide={(d) => triage.mutate(d)} />}
    </section>
  );
}
