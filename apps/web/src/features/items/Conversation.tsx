import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Activity, Item, Member } from '@weft/client';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { ErrorAlert } from '../../ui/Field';
import { Markdown } from './Markdown';
import { MentionTextarea } from './MentionTextarea';

const when = (iso: string) => new Date(iso).toLocaleString();

/** Comments, oldest first, and a form to add one. */
export function Comments({ item, people }: { item: Item; people: Map<string, Member> }) {
  const members = useMemo(() => [...people.values()], [people]);
  const qc = useQueryClient();
  const id = useId();
  const [body, setBody] = useState('');
  const list = useQuery({ queryKey: qk.comments(item.key), queryFn: async () => (await client.comments.list(item.id, { limit: 200 })).data });
  const add = useMutation({
    mutationFn: () => client.comments.create(item.id, { body }),
    onSuccess: async () => {
      setBody('');
      await Promise.all([qc.invalidateQueries({ queryKey: qk.comments(item.key) }), qc.invalidateQueries({ queryKey: qk.activity(item.key) })]);
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    add.mutate();
  }
  return (
    <section aria-labelledby={`${id}-h`} className="comments">
      <h3 id={`${id}-h`}>Comments</h3>
      <ErrorAlert error={list.error} />
      <ol aria-label="Comments" className="plain-list">
        {(list.data ?? []).map((c) => (
          <li key={c.id} className="comment">
            <div className="muted small">
              <span className="comment-author">{people.get(c.authorId)?.name ?? 'Someone'}</span> · {when(c.createdAt)}
            </div>
            <Markdown source={c.body} className="comment-body" />
            {c.mentionIds.length > 0 && (
              <div className="muted small" data-mentions={c.mentionIds.join(' ')}>
                Mentioned: {c.mentionIds.map((m) => people.get(m)?.name ?? 'someone').join(', ')}
              </div>
            )}
          </li>
        ))}
      </ol>
      <form onSubmit={onSubmit} aria-label="Add a comment">
        <label htmlFor={`${id}-body`}>Comment</label>
        <MentionTextarea id={`${id}-body`} value={body} onChange={setBody} members={members} required />
        <ErrorAlert error={add.error} />
        <button type="submit" disabled={add.isPending || !body.trim()}>
          Add comment
        </button>
      </form>
    </section>
  );
}

function describeActivity(a: Activity): string {
  const fields = a.changes ? Object.keys(a.changes) : [];
  return fields.length > 0 ? `${a.type}: ${fields.join(', ')}` : a.type;
}

/** The item's history, newest first as the server pages it. */
export function ActivityList({ item, people }: { item: Item; people: Map<string, Member> }) {
  const id = useId();
  const list = useQuery({ queryKey: qk.activity(item.key), queryFn: async () => (await client.items.activity(item.id, { limit: 50 })).data });
  return (
    <section aria-labelledby={`${id}-h`} className="activity">
      <h3 id={`${id}-h`}>Activity</h3>
      <ErrorAlert error={list.error} />
      <ol className="plain-list small">
        {(list.data ?? []).map((a) => (
          <li key={a.seq}>
            <span>{a.actorId ? (people.get(a.actorId)?.name ?? 'Someone') : 'Weft'}</span> — {describeActivity(a)} <span className="muted">{when(a.at)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
