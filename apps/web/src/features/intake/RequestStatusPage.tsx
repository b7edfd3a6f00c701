import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import type { RequestStatus } from '@weft/client';
import { client } from '../../lib/api';
import { ErrorAlert } from '../../ui/Field';
import './intake.css';

const CATEGORY: Record<RequestStatus['statusCategory'], string> = { backlog: 'Not started', todo: 'Planned', in_progress: 'In progress', done: 'Done', canceled: 'Closed' };

function summary(s: RequestStatus): string {
  if (s.state === 'triage') return 'Received: waiting for the team to look at it.';
  if (s.state === 'declined') return 'Declined.';
  if (s.state === 'merged') return `Handled together with an earlier request: ${s.original ? CATEGORY[s.original.statusCategory] : 'closed'}.`;
  return `Accepted: ${CATEGORY[s.statusCategory]}.`;
}

/** The requester's page for one request, by its reference (no account needed). */
export function RequestStatusPage() {
  const { reference } = useParams({ strict: false }) as { reference: string };
  const status = useQuery({ queryKey: ['request-status', reference], queryFn: () => client.requests.status(reference), retry: false, refetchInterval: 60_000 });
  return (
    <main className="public-page" id="main">
      <h1>Your request</h1>
      <ErrorAlert error={status.error} />
      {status.data && (
        <section className="card" aria-label="Request status">
          <h2>{status.data.title}</h2>
          <p className="request-state" role="status">
            {summary(status.data)}
          </p>
          {status.data.declineReason && (
            <p>
              <strong>Reason:</strong> {status.data.declineReason}
            </p>
          )}
          <dl className="status-facts">
            <dt>Reference</dt>
            <dd>
              <code>{status.data.reference}</code>
            </dd>
            <dt>Submitted</dt>
            <dd>{new Date(status.data.submittedAt).toLocaleString()}</dd>
          </dl>
          <p className="muted small">Keep this page’s address: it is the only way to follow this request, and anyone who has it can see its status.</p>
        </section>
      )}
    </main>
  );
}
