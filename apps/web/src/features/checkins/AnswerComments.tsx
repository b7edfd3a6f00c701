import type { CheckinAnswer, CheckinComment } from '@weft/client';
import { useId, useState } from 'react';
import { Markdown } from '../items/Markdown';
import { isPending, pendingId, useDeleteComment, useEditComment, usePostComment } from './useCheckinComments';

type Ctx = { checkinId: string; occurrenceId: string; userId: string; nameOf: (userId: string) => string };

/** The thread under one answer: read it, post (markdown), edit or delete my own comments. */
export function AnswerComments({ answer, ctx }: { answer: CheckinAnswer; ctx: Ctx }) {
  const id = useId();
  const [body, setBody] = useState('');
  const post = usePostComment();
  const where = { checkinId: ctx.checkinId, occurrenceId: ctx.occurrenceId, answerId: answer.id };
  const stored = answer.id !== 'pending'; // my answer not yet saved cannot take comments
  const n = answer.comments.length;
  return (
    <section className="comments" aria-label={`Comments on ${ctx.nameOf(answer.userId)}’s answer`}>
      <h4 className="muted small">{n === 0 ? 'No comments yet' : `${n} comment${n === 1 ? '' : 's'}`}</h4>
      <ul className="plain-list comment-list">
        {answer.comments.map((c) => (
          <CommentRow key={c.id} c={c} ctx={ctx} where={where} />
        ))}
      </ul>
      {stored && (
        <form
          className="comment-form"
          aria-label="Add a comment"
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim() === '') return;
            const text = body;
            // Refused: the comment leaves the thread (optimistic rollback); the text comes back here to retry.
            post.mutate({ ...where, body: text, authorId: ctx.userId, tempId: pendingId() }, { onError: () => setBody((b) => b || text) });
            setBody('');
          }}
        >
          <label htmlFor={`${id}-c`} className="visually-hidden">
            Comment (markdown)
          </label>
          <textarea id={`${id}-c`} rows={2} placeholder="Comment (markdown)" value={body} onChange={(e) => setBody(e.target.value)} />
          <button type="submit" className="secondary" disabled={body.trim() === ''}>
            Comment
          </button>
        </form>
      )}
    </section>
  );
}

function CommentRow({ c, ctx, where }: { c: CheckinComment; ctx: Ctx; where: { checkinId: string; occurrenceId: string; answerId: string } }) {
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const edit = useEditComment();
  const remove = useDeleteComment();
  const author = ctx.nameOf(c.authorId);
  const pending = isPending(c);
  return (
    <li className={`comment${pending ? ' pending' : ''}`} aria-label={`Comment by ${author}`}>
      <div className="row between">
        <strong className="small">{author}</strong>
        <span className="muted small">
          {pending ? 'sending…' : new Date(c.createdAt).toLocaleString()}
          {c.editedAt && ' (edited)'}
        </span>
      </div>
      {editing !== null ? (
        <form
          className="comment-form"
          aria-label="Edit comment"
          onSubmit={(e) => {
            e.preventDefault();
            if (editing.trim() !== '' && editing !== c.body) edit.mutate({ ...where, comment: c, body: editing });
            setEditing(null);
          }}
        >
          <label htmlFor={`${id}-e`} className="visually-hidden">
            Edit comment (markdown)
          </label>
          <textarea id={`${id}-e`} rows={2} value={editing} onChange={(e) => setEditing(e.target.value)} />
          <div className="row">
            <button type="submit" className="secondary">
              Save comment
            </button>
            <button type="button" className="link" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        // Memoised on the body: typing in the comment box does not re-render every comment's markdown.
        <Markdown source={c.body} />
      )}
      {!pending && editing === null && (
        <div className="row comment-actions">
          {c.abilities.update && (
            <button type="button" className="link" onClick={() => setEditing(c.body)}>
              Edit
            </button>
          )}
          {c.abilities.delete && (
            <button
              type="button"
              className="link"
              onClick={() => {
                if (window.confirm('Delete this comment?')) remove.mutate({ ...where, comment: c });
              }}
            >
              Delete
            </button>
          )}
        </div>
      )}
    </li>
  );
}
