import { Link, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { rememberWorkspace, useSpace } from '../../lib/queries';
import { SPACE_VIEWS, type SpaceView, spaceRoute } from '../../routes/router';
import { ErrorAlert } from '../../ui/Field';
import { BoardView } from '../board/BoardView';
import { FilterBox } from '../filters/FilterBox';
import { ListView } from '../list/ListView';
import { SpaceAreaNav } from './settings/SpaceAreaNav';
import { StreamThroughput } from './StreamThroughput';
import { viewOptionsOf } from '../shell/saved-views';

const ItemPanel = lazy(() => import('../items/ItemPanel').then((m) => ({ default: m.ItemPanel })));
// The newer layouts and the filter tools are their own chunks: the board and list stay light.
const TableView = lazy(() => import('../table/TableView').then((m) => ({ default: m.TableView })));
const CalendarView = lazy(() => import('../calendar/CalendarView').then((m) => ({ default: m.CalendarView })));
const TimelineView = lazy(() => import('../timeline/TimelineView').then((m) => ({ default: m.TimelineView })));
const FilterBuilder = lazy(() => import('../filters/FilterBuilder').then((m) => ({ default: m.FilterBuilder })));
const SaveViewDialog = lazy(() => import('../filters/SaveViewDialog').then((m) => ({ default: m.SaveViewDialog })));

const LABELS: Record<SpaceView, string> = { board: 'Board', list: 'List', table: 'Table', calendar: 'Calendar', timeline: 'Timeline' };

/** A space in one of its layouts, the filter box and builder, and the item side panel (`?item=KEY`). */
export function SpacePage() {
  const { workspaceId, spaceId } = spaceRoute.useParams();
  const search = spaceRoute.useSearch();
  const navigate = useNavigate({ from: spaceRoute.fullPath });
  const space = useSpace(spaceId);
  const [draft, setDraft] = useState(search.q ?? '');
  const [building, setBuilding] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => rememberWorkspace(workspaceId), [workspaceId]);
  useEffect(() => setDraft(search.q ?? ''), [search.q]);
  const closeSave = useCallback(() => setSaving(false), []);
  const apply = (q: string) => navigate({ search: (p) => ({ ...p, q: q.trim() || undefined }) });

  if (space.error) return <ErrorAlert error={space.error} />;
  if (!space.data) return <p className="loading">Loading…</p>;
  const s = space.data;
  const filter = search.q ?? '';
  return (
    <div className={`space-page${search.item ? ' with-panel' : ''}`}>
      <div className="space-main">
        <div className="space-head">
          <h1>
            <span className="space-key">{s.key}</span> <span className="space-name">{s.name}</span>
          </h1>
          <SpaceAreaNav workspaceId={workspaceId} space={s} current="items" />
          {s.kind === 'stream' && <StreamThroughput workspaceId={workspaceId} spaceKey={s.key} />}
          <nav aria-label="Layout" className="tabs">
            {SPACE_VIEWS.map((v) => (
              <Link key={v} from={spaceRoute.fullPath} to="." search={(p) => ({ ...p, view: v })} aria-current={search.view === v ? 'page' : undefined} className={search.view === v ? 'active' : ''}>
                {LABELS[v]}
              </Link>
            ))}
          </nav>
          <FilterBox text={draft} setText={setDraft} onApply={apply} />
          <button type="button" className="secondary" aria-expanded={building} onClick={() => setBuilding((b) => !b)}>
            Filters
          </button>
          <button type="button" className="secondary" onClick={() => setSaving(true)}>
            Save view
          </button>
        </div>
        <Suspense fallback={null}>
          {building && <FilterBuilder key={filter} space={s} query={draft} onChange={setDraft} onApply={apply} />}
          {saving && <SaveViewDialog space={s} query={filter} layout={search.view} options={viewOptionsOf(search)} onClose={closeSave} />}
        </Suspense>
        <Suspense fallback={<p className="loading">Loading…</p>}>
          {search.view === 'board' && <BoardView spaceId={s.id} filter={filter} />}
          {search.view === 'list' && <ListView space={s} filter={filter} selectedKey={search.item} />}
          {search.view === 'table' && <TableView space={s} filter={filter} />}
          {search.view === 'calendar' && <CalendarView space={s} filter={filter} />}
          {search.view === 'timeline' && <TimelineView space={s} filter={filter} />}
        </Suspense>
      </div>
      {search.item && (
        <Suspense fallback={<aside className="panel">Loading…</aside>}>
          <ItemPanel itemKey={search.item} onClose={() => navigate({ search: (p) => ({ ...p, item: undefined }) })} />
        </Suspense>
      )}
    </div>
  );
}
