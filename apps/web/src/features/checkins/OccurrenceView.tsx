import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CheckinAnswer, CheckinOccurrenceDetails } from '@weft/client';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { client } from '../../lib/api';
import { renderMarkdown } from '../../lib/markdown';
import { notify } from '../../lib/notices';
import { describeError } from '../../lib/problem';
import { useMe, useMembers } from '../../lib/queries';
import { ErrorAlert } from '../../ui/Field';
import { AnswerComments } from './AnswerComments';
import { AnswerForm } from './AnswerForm';
import { checkinKeys, useOccurrence } from './useCheckins';

type Thread = Parameters<typeof AnswerComments>[0]['ctx'];

function AnswerCard({ a, name, mine, onEdit, thread }: { a: CheckinAnswer; name: string; mine: boolean; onEdit: () => void; thread: Thread }) {
  return (
    <article className="answer" aria-label={`Answer by ${name}`}>
      <header className="row between">
        <strong>{name}</strong>
        <span className="muted small">
          {new Date(a.updatedAt).toLocaleString()}
          {a.editedAt && ' (edited)'}
        </span>
      </header>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by renderMarkdown (DOMPurify) */}
      <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(a.body) }} />
      {mine && a.abilities.update !== false && (
        <button type="button" className="secondary" onClick={onEdit}>
          Edit my answer
        </button>
      )}
      <AnswerComments answer={a} ctx={thread} />
    </article>
  );
}

/** One occurrence: my answer (draft prefilled) or skip, then everyone's answers and who is still pending. */
export function OccurrenceView({ checkinId, occurrenceId }: { checkinId: string; occurrenceId: string }) {
  const me = useMe();
  const { workspaceId } = useParams({ strict: false }) as { workspaceId?: string };
  // Commenters need not be among the people asked: the workspace's members name them.
  const members = useMembers(workspaceId);
  const qc = useQueryClient();
  const occ = useOccurrence(checkinId, occurrenceId);
  const [editing, setEditing] = useState(false);
  const skip = useMutation({
    mutationFn: () => client.checkins.skip(checkinId, occurrenceId),
    onSuccess: () => qc.invalidateQueries({ queryKey: checkinKeys.occurrence(checkinId, occurrenceId) }),
    onError: (e) => notify({ kind: 'error', title: 'Skipping failed', detail: describeError(e).detail }),
  });
  if (occ.error) return <ErrorAlert error={occ.error} />;
  if (!occ.data || !me.data) return <p className="loading">Loading…</p>;
  const d: CheckinOccurrenceDetails = occ.data;
  const userId = me.data.id;
  const names = new Map(d.prompts.map((p) => [p.userId, p.name]));
  const mine = d.answers.find((a) => a.userId === userId);
  const who = (ids: string[]) => ids.map((u) => names.get(u) ?? 'someone').join(', ') || 'nobody';
  const nameOf = (u: string) => names.get(u) ?? members.data?.find((m) => m.userId === u)?.name ?? 'Someone';
  const thread: Thread = { checkinId, occurrenceId, userId, nameOf };
  return (
    <section aria-label={`Occurrence ${d.date}`} className="occurrence">
      <h2>
        {d.question} <span className="muted">· {d.date}</span>
      </h2>
      {(d.myState === 'pending' || d.myState === 'skipped') && (
        <div className="card">
          {d.myState === 'skipped' && <p className="muted">You skipped this one. Answering takes the skip back.</p>}
          <AnswerForm checkinId={checkinId} occurrenceId={occurrenceId} userId={userId} />
          {d.myState === 'pending' && (
            <button type="button" className="link" onClick={() => skip.mutate()}>
              Skip this one
            </button>
          )}
        </div>
      )}
      {mine && editing && (
        <div className="card">
          <AnswerForm checkinId={checkinId} occurrenceId={occurrenceId} userId={userId} mine={mine} onDone={() => setEditing(false)} />
        </div>
      )}
      <h3>Team answers</h3>
      <p className="muted small">
        Answered: {who(d.answered)} · Pending: {who(d.pending)} · Skipped: {who(d.skipped)}
      </p>
      {d.answers.length === 0 && <p className="muted">No answers yet.</p>}
      <div className="answers">
        {d.answers.map((a) => (
          <AnswerCard key={a.id} a={a} name={nameOf(a.userId)} mine={a.userId === userId} onEdit={() => setEditing(true)} thread={thread} />
        ))}
      </div>
    </section>
  );
}
