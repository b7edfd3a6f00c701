import { Link, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useState } from 'react';
import { rememberWorkspace, useSpace } from '../../lib/queries';
import { spaceRoute } from '../../routes/router';
import { ErrorAlert } from '../../ui/Field';
import { BoardView } from '../board/BoardView';
import { ListView } from '../list/ListView';

const ItemPanel = lazy(() => import('../items/ItemPanel').then((m) => ({ default: m.ItemPanel })));

function FilterBox({ value, onApply }: { value: string; onApply: (q: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not in React's JSX types yet
    <form
      className="filter"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(text.trim());
      }}
    >
      <label htmlFor="filter-box" className="visually-hidden">
        Filter (query language)
      </label>
      <input id="filter-box" data-search type="search" value={text} placeholder="Filter: assignee:me priority:>=high is:open …  ( / )" onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="secondary">
        Apply
      </button>
    </form>
  );
}

/** A space: list or board, the filter box, and the item side panel (`?item=KEY`). */
export function SpacePage() {
  const { workspaceId, spaceId } = spaceRoute.useParams();
  const search = spaceRoute.useSearch();
  const navigate = useNavigate({ from: spaceRoute.fullPath });
  const space = useSpace(spaceId);
  useEffect(() => rememberWorkspace(workspaceId), [workspaceId]);

  if (space.error) return <ErrorAlert error={space.error} />;
  if (!space.data) return <p className="loading">Loading…</p>;
  const s = space.data;
  return (
    <div className={`space-page${search.item ? ' with-panel' : ''}`}>
      <div className="space-main">
        <div className="space-head">
          <h1>
            <span className="space-key">{s.key}</span> <span className="space-name">{s.name}</span>
          </h1>
          <nav aria-label="Layout" className="tabs">
            {(['board', 'list'] as const).map((v) => (
              <Link key={v} from={spaceRoute.fullPath} to="." search={(p) => ({ ...p, view: v })} aria-current={search.view === v ? 'page' : undefined} className={search.view === v ? 'active' : ''}>
                {v === 'board' ? 'Board' : 'List'}
              </Link>
            ))}
          </nav>
          {search.view === 'list' && <FilterBox value={search.q ?? ''} onApply={(q) => navigate({ search: (p) => ({ ...p, q: q || undefined }) })} />}
        </div>
        {search.view === 'board' ? <BoardView spaceId={s.id} /> : <ListView space={s} filter={search.q ?? ''} selectedKey={search.item} />}
      </div>
      {search.item && (
        <Suspense fallback={<aside className="panel">Loading…</aside>}>
          <ItemPanel itemKey={search.item} onClose={() => navigate({ search: (p) => ({ ...p, item: undefined }) })} />
        </Suspense>
      )}
    </div>
  );
}
