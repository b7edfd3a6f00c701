import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { Item, LinkInput } from '@weft/client';
import { type FormEvent, useDeferredValue, useId, useState } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { ErrorAlert } from '../../ui/Field';

type Kind = LinkInput['kind'];
const KINDS: [Kind, string][] = [
  ['blocks', 'Blocks'],
  ['blocked_by', 'Blocked by'],
  ['relates', 'Relates to'],
];
const KEY = /^[A-Za-z][A-Za-z0-9]*-\d+$/;

/**
 * Blocks / blocked by / relates: listed by kind, removable, added by typing a key or words of a
 * title. The server refuses a loop of blocks (DEPENDENCY_CYCLE); its message is shown as is.
 */
export function Dependencies({ item }: { item: Item }) {
  const id = useId();
  const qc = useQueryClient();
  const [kind, setKind] = useState<Kind>('blocks');
  const [text, setText] = useState('');
  const needle = useDeferredValue(text.trim());
  // A key finds that item; words search titles (quoted so the query language reads them as text).
  const q = KEY.test(needle) ? `key:${needle.toUpperCase()}` : `"${needle.replace(/"/g, '')}" is:open`;
  const found = useQuery({
    queryKey: qk.itemQuery(item.workspaceId, `links:${q}`),
    enabled: needle.length >= 2,
    queryFn: async () => (await client.items.query(item.workspaceId, { q, limit: 8 }).catch(() => ({ data: [] as Item[] }))).data.filter((i) => i.id !== item.id),
    staleTime: 10_000,
  });
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: qk.item(item.key) }), qc.invalidateQueries({ queryKey: qk.activity(item.key) })]);
  const add = useMutation({
    mutationFn: (other: string) => client.items.link(item.id, { kind, itemId: other }),
    onSuccess: async () => {
      setText('');
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: (linkId: string) => client.items.unlink(item.id, linkId), onSuccess: refresh });
  const options = found.data ?? [];
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const exact = options.find((o) => o.key.toUpperCase() === needle.toUpperCase()) ?? (options.length === 1 ? options[0] : undefined);
    if (exact) add.mutate(exact.id);
  }
  return (
    <section aria-labelledby={`${id}-h`} className="links">
      <h3 id={`${id}-h`}>Dependencies</h3>
      {item.links.length === 0 ? (
        <p className="muted small">No dependencies.</p>
      ) : (
        <ul aria-label="Dependencies" className="plain-list">
          {item.links.map((l) => (
            <li key={l.id}>
              <span className="pill">{KINDS.find(([k]) => k === l.kind)?.[1] ?? l.kind}</span>
              <Link to="/items/$key" params={{ key: l.itemKey }}>
                <span className="card-key">{l.itemKey}</span> {l.title}
              </Link>
              <button type="button" className="secondary small" aria-label={`Remove link to ${l.itemKey}`} disabled={remove.isPending} onClick={() => remove.mutate(l.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={onSubmit} aria-label="Add a dependency">
        <label htmlFor={`${id}-kind`} className="visually-hidden">
          Link kind
        </label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {KINDS.map(([k, name]) => (
            <option key={k} value={k}>
              {name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-find`} className="visually-hidden">
          Item to link
        </label>
        <input id={`${id}-find`} placeholder="Key or title, e.g. OPS-12" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
        <button type="submit" className="secondary" disabled={add.isPending || !options.length}>
          Add link
        </button>
      </form>
      {needle.length >= 2 && options.length > 0 && (
        <ul aria-label="Matching items" className="plain-list small">
          {options.map((o) => (
            <li key={o.id}>
              <button type="button" className="secondary" onClick={() => add.mutate(o.id)} disabled={add.isPending}>
                Link {o.key}
              </button>{' '}
              {o.title}
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={add.error ?? remove.error} />
    </section>
  );
}
