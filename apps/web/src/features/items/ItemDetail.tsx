import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { Item } from '@weft/client';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { notify } from '../../lib/notices';
import { useMembers, useSpace } from '../../lib/queries';
import { ErrorAlert } from '../../ui/Field';
import { PresenceBar } from '../live/PresenceBar';
import { setEditing } from '../live/presence';
import { ActivityList, Comments } from './Conversation';
import { CustomFields } from './CustomFields';
import { Dependencies } from './Dependencies';
import { ItemFields, TitleEditor } from './ItemFields';
import { useWorkspaceLabels } from './item-lookups';
import { DescriptionEditor } from './Markdown';
import { Subitems } from './Subitems';
import './items.css';
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
  const labels = useWorkspaceLabels(item?.workspaceId);
  const statuses = space.data?.statuses ?? [];
  const statusName = useCallback((id: string) => statuses.find((s) => s.id === id)?.name ?? 'another status', [statuses]);
  const update = useUpdateItem(statusName);
  const people = useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m])), [members.data]);
  // One save in flight at a time: an edit made while another is on its way would carry the same,
  // soon stale, version and be refused. It waits (merged with any others) and goes out on top of
  // the server's answer.
  const queued = useRef<ItemPatch | null>(null);
  const qc = useQueryClient();
  const { isPending, mutate } = update;
  const itemId = item?.id;
  const editingDescription = useCallback((editing: boolean) => itemId && setEditing(itemId, editing), [itemId]);
  useEffect(() => {
    if (isPending || !queued.current || !item) return;
    const patch = queued.current;
    queued.current = null;
    mutate({ base: item, patch });
  }, [isPending, item, mutate]);
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!item) return <p className="loading">Loading…</p>;
  const save = (patch: ItemPatch) => {
    if (!isPending) return mutate({ base: item, patch });
    const prev = queued.current;
    queued.current = { ...prev, ...patch, ...(prev?.fields || patch.fields ? { fields: { ...prev?.fields, ...patch.fields } } : {}) };
    // Shown at once all the same; the real optimistic step (with its rollback) runs when it is sent.
    qc.setQueryData<Item>(qk.item(item.key), (i) => i && ({ ...i, ...patch, fields: patch.fields ? { ...i.fields, ...patch.fields } : i.fields } as Item));
  };
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
      <PresenceBar itemId={item.id} />
      <TitleEditor itemKey={item.key} value={item.title} onSave={(title) => save({ title })} />
      {item.parentId && <ParentLink parentId={item.parentId} />}
      <ItemFields item={item} statuses={statuses} members={members.data ?? []} labels={labels.data ?? []} save={save} />
      <CustomFields item={item} members={members.data ?? []} save={save} />
      <DescriptionEditor value={item.description} onSave={(description) => save({ description })} onEditing={editingDescription} />
      <Subitems item={item} />
      <Dependencies item={item} />
      <section className="attachments" aria-label="Attachments">
        <h3>Attachments</h3>
        <p className="muted small">Files arrive with the docs issue.</p>
      </section>
      <Comments item={item} people={people} />
      <ActivityList item={item} people={people} />
    </article>
  );
}

/** "Subitem of OPS-3: …", linking up to the parent. */
function ParentLink({ parentId }: { parentId: string }) {
  const parent = useItem(parentId).data;
  if (!parent) return null;
  return (
    <p className="small">
      Subitem of{' '}
      <Link to="/items/$key" params={{ key: parent.key }}>
        {parent.key} {parent.title}
      </Link>
    </p>
  );
}
