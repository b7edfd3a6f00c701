import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import type { User } from '@weft/client';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { notify } from '../../lib/notices';
import { describeError } from '../../lib/problem';
import { useCurrentWorkspaceId, useWorkspaces } from '../../lib/queries';
import { toggleTheme, useTheme } from '../../lib/theme';
import { openDialog } from '../../lib/ui-state';
import { LiveStream } from '../live/LiveStream';
import { SyncIndicator } from '../live/SyncIndicator';

function WorkspaceSwitcher() {
  const { data } = useWorkspaces();
  const current = useCurrentWorkspaceId();
  const navigate = useNavigate();
  if (!data || data.length === 0) return null;
  return (
    <label className="switcher">
      <span className="visually-hidden">Workspace</span>
      <select value={current ?? ''} onChange={(e) => navigate({ to: '/w/$workspaceId', params: { workspaceId: e.target.value } })}>
        {data.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Header({ user }: { user: User }) {
  const qc = useQueryClient();
  const theme = useTheme();
  const logout = useMutation({
    // Not a change to anyone's data: the sync indicator leaves it out.
    mutationKey: ['session'],
    mutationFn: () => client.auth.logout(),
    onSuccess: () => {
      // Another person's data must not survive a change of session; `me` keeps its observers.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== qk.me[0] });
      qc.setQueryData(qk.me, null);
    },
    onError: (e) => notify({ kind: 'error', title: 'Logging out failed', detail: describeError(e).detail }),
  });
  return (
    <header className="topbar">
      <LiveStream />
      <Link to="/" className="brand">
        Weft
      </Link>
      <WorkspaceSwitcher />
      <button type="button" className="secondary search-button" onClick={() => openDialog('palette')} aria-keyshortcuts="Control+K">
        Search or run a command… <kbd>Ctrl K</kbd>
      </button>
      <span className="spacer" />
      <SyncIndicator />
      <button type="button" className="secondary" onClick={() => openDialog('quick-create')} aria-keyshortcuts="c">
        New item
      </button>
      <button type="button" className="secondary" aria-pressed={theme === 'dark'} onClick={toggleTheme}>
        Dark mode
      </button>
      <button type="button" className="secondary" onClick={() => openDialog('shortcuts')} aria-keyshortcuts="Shift+?" aria-label="Keyboard shortcuts">
        ?
      </button>
      <span className="who">
        Signed in as <strong>{user.name}</strong>{' '}
        <Link to="/profile" className="small">
          Profile
        </Link>{' '}
        <button type="button" className="secondary" onClick={() => logout.mutate()}>
          Log out
        </button>
      </span>
    </header>
  );
}
