import type { CheckinAnswer } from '@weft/client';
import { useEffect, useId, useState } from 'react';
import { useAnswer, useDraft } from './useCheckins';

/**
 * My answer to one occurrence. A first answer starts from the server's draft (what I completed,
 * started, what is blocked or aging since the last one); an edit starts from what I wrote.
 */
export function AnswerForm(p: { checkinId: string; occurrenceId: string; userId: string; mine?: CheckinAnswer; onDone?: () => void }) {
  const id = useId();
  const draft = useDraft(p.checkinId, p.occurrenceId, !p.mine);
  const [body, setBody] = useState(p.mine?.body ?? '');
  const [touched, setTouched] = useState(!!p.mine);
  const answer = useAnswer();
  useEffect(() => {
    if (!touched && draft.data) setBody(draft.data.markdown);
  }, [draft.data, touched]);
  return (
    <form
      className="answer-form"
      aria-label="Your answer"
      onSubmit={(e) => {
        e.preventDefault();
        answer.mutate({ checkinId: p.checkinId, occurrenceId: p.occurrenceId, userId: p.userId, body, previous: p.mine });
        p.onDone?.();
      }}
    >
      <label htmlFor={`${id}-a`}>Your answer (markdown)</label>
      {!p.mine && (
        <p className="muted small" id={`${id}-hint`}>
          {draft.isPending ? 'Loading your draft…' : draft.data ? 'Prefilled with what moved for you since the last one: edit it freely.' : 'No draft available.'}
        </p>
      )}
      <textarea
        id={`${id}-a`}
        rows={10}
        required
        aria-describedby={p.mine ? undefined : `${id}-hint`}
        value={body}
        onChange={(e) => {
          setTouched(true);
          setBody(e.target.value);
        }}
      />
      <div className="row">
        <button type="submit" disabled={answer.isPending || body.trim() === ''}>
          {p.mine ? 'Save answer' : 'Post answer'}
        </button>
        {p.onDone && (
          <button type="button" className="secondary" onClick={p.onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
