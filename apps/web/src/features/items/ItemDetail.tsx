import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { notify } from '../../lib/notices';
import { useMembers, useSpace } from '../../lib/queries';
import { ErrorAlert } from '../../ui/Field';
import { ActivityList, Comments } from './Conversation';
import { ItemFields, TitleEditor } from './ItemFields';
import { DescriptionEditor } from './Markdown';
import { type ItemPatch, useUpdateItem } from './useUpdateItem';

export function useItem(key: string) {
  return useQuery({ queryKey: qk.item(key), queryFn: () => client.items.get(key) });
}

/** Everything about one item, shared by the side panel and the item page. */
export function ItemDetail({ itemKey, headingLevel }: { itemKey: string; headingLevel: 'h1' | 'h2' }) {
  const q = useItem(itemKey);
  const item = q.data;
  const space = useSpace(item?.spaceId ?? '');
  const members = useMembers(item?.workspaceId);
  const statuses = space.data?.statuses ?? [];
  const statusName = useCallback((id: string) => statuses.find((s) => s.id === id)?.name ?? 'another status', [statuses]);
  const update = useUpdateItem(statusName);
  const people = useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m])), [members.data]);
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!item) return <p className="loading">Loading…</p>;
  const save = (patch: ItemPatch) => update.mutate({ base: item, patch });
  const H = headingLevel;
  const url = `${window.location.origin}/items/${item.key}`;
  return (
    <article className="item-detail" aria-label={`Item ${item.key}`}>
      <div className="row between">
        <H className="item-key">{item.key}</H>
        <div className="row">
          <Link to="/items/$key" params={{ key: item.key }} className="small">
            Open as page
          </Link>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              navigator.clipboard?.writeText(url).then(
                () => notify({ kind: 'info', title: 'Link copied', detail: url }),
                () => notify({ kind: 'error', title: 'Could not copy the link', detail: url }),
              )
            }
          >
            Copy link
          </button>
        </div>
      </div>
      <TitleEditor value={item.title} onSave={(title) => save({ title })} />
      <ItemFields item={item} statuses={statuses} members={members.data ?? []} save={save} />
      <DescriptionEditor value={item.description} onSave={(description) => save({ description })} />
      <Comments item={item} people={people} />
      <ActivityList item={item} people={people} />
    </article>
  );
}
