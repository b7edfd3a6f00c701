import { Link, useLocation } from '@tanstack/react-router';
import type { View } from '@weft/client';
import { lazy, Suspense, useState } from 'react';
import { useViews } from '../../lib/queries';
import { currentFilter, type Entry, type Here, menuEntries, viewOptionsOf } from './saved-views';
import { useSavedViewActions } from './useSavedViewActions';
import { ViewMenu } from './ViewMenu';
import './saved-views.css';

const RenameViewDialog = lazy(() => import('../filters/SaveViewDialog').then((m) => ({ default: m.RenameViewDialog })));
const DeleteViewDialog = lazy(() => import('../filters/SaveViewDialog').then((m) => ({ default: m.DeleteViewDialog })));

/** The sidebar's saved views: a link each, and a menu of what this person may do with it. */
export function SavedViews({ ws }: { ws: string }) {
  const views = useViews(ws);
  const location = useLocation();
  const here: Here = { pathname: location.pathname, search: location.search as unknown as Record<string, unknown> };
  const { update, remove } = useSavedViewActions(ws);
  const [dialog, setDialog] = useState<{ kind: 'rename' | 'delete'; view: View } | null>(null);
  const list = views.data ?? [];

  const pick = (v: View, e: Entry) => {
    const current = currentFilter(v, here);
    if (e === 'rename' || e === 'delete') setDialog({ kind: e, view: v });
    else if (e === 'update' && current) update.mutate({ view: v, patch: current, what: 'Updating the view', detail: `Filter: ${current.query || '(none)'}${current.layout ? `, layout: ${current.layout}` : ''}` });
    else if (e === 'share') update.mutate({ view: v, patch: { shared: true }, what: 'Sharing the view', detail: 'Everyone who can read its space sees it now.' });
    else if (e === 'unshare') update.mutate({ view: v, patch: { shared: false }, what: 'Making the view personal', detail: 'Only you see it now.' });
  };

  return (
    <>
      <h2 className="nav-heading">Saved views</h2>
      {list.length === 0 ? (
        <p className="muted small">None yet</p>
      ) : (
        <ul aria-label="Saved views" className="nav-list">
          {list.map((v) => (
            <li key={v.id} className="saved-view">
              {v.spaceId ? (
                <Link to="/w/$workspaceId/s/$spaceId" params={{ workspaceId: ws, spaceId: v.spaceId }} search={{ view: v.layout, q: v.query || undefined, ...viewOptionsOf(v.options) }} title={v.shared ? 'Shared view' : 'Personal view'}>
                  {v.name}
                </Link>
              ) : (
                <Link to="/w/$workspaceId" params={{ workspaceId: ws }} search={{ q: v.query }}>
                  {v.name}
                </Link>
              )}
              <ViewMenu view={v} entries={menuEntries(v, currentFilter(v, here))} onPick={(e) => pick(v, e)} />
            </li>
          ))}
        </ul>
      )}
      <Suspense fallback={null}>
        {dialog?.kind === 'rename' && <RenameViewDialog view={dialog.view} update={update} onClose={() => setDialog(null)} />}
        {dialog?.kind === 'delete' && <DeleteViewDialog view={dialog.view} remove={remove} onClose={() => setDialog(null)} />}
      </Suspense>
    </>
  );
}
