import { Link } from '@tanstack/react-router';
import type { Space } from '@weft/client';
import { useCurrentWorkspaceId, useSpaces } from '../../lib/queries';
import { openDialog } from '../../lib/ui-state';
import { SavedViews } from './SavedViews';

function SpaceLinks({ ws, spaces, label }: { ws: string; spaces: Space[]; label: string }) {
  return (
    <>
      <h2 className="nav-heading">{label}</h2>
      {spaces.length === 0 ? (
        <p className="muted small">None yet</p>
      ) : (
        <ul aria-label={label} className="nav-list">
          {spaces.map((s) => (
            <li key={s.id}>
              <Link to="/w/$workspaceId/s/$spaceId" params={{ workspaceId: ws, spaceId: s.id }} search={{ view: 'board' }} activeProps={{ 'aria-current': 'page', className: 'active' }}>
                <span className="space-key">{s.key}</span> {s.name}
              </Link>
              {s.kind === 'project' && (
                <Link to="/w/$workspaceId/s/$spaceId/overview" params={{ workspaceId: ws, spaceId: s.id }} className="small" style={{ paddingLeft: '1.5rem' }} aria-label={`${s.name} overview`} activeProps={{ 'aria-current': 'page', className: 'active' }}>
                  Overview
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** My work, the workspace's streams and projects, and its saved views. */
export function Sidebar() {
  const ws = useCurrentWorkspaceId();
  const spaces = useSpaces(ws);
  if (!ws) return null;
  const live = (spaces.data ?? []).filter((s) => !s.archivedAt);
  return (
    <nav className="sidebar" aria-label="Workspace">
      <ul className="nav-list">
        <li>
          <Link to="/w/$workspaceId" params={{ workspaceId: ws }} activeOptions={{ exact: true }} activeProps={{ 'aria-current': 'page', className: 'active' }}>
            My work
          </Link>
        </li>
        <li>
          <Link to="/w/$workspaceId/checkins" params={{ workspaceId: ws }} activeProps={{ 'aria-current': 'page', className: 'active' }}>
            Check-ins
          </Link>
        </li>
      </ul>
      <SpaceLinks ws={ws} label="Streams" spaces={live.filter((s) => s.kind === 'stream')} />
      <SpaceLinks ws={ws} label="Projects" spaces={live.filter((s) => s.kind === 'project')} />
      <button type="button" className="link" onClick={() => openDialog('new-space')}>
        + New space
      </button>
      <SavedViews ws={ws} />
    </nav>
  );
}
