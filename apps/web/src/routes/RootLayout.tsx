import { Outlet, useRouterState } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { AuthForm } from '../features/auth/AuthForm';
import { isPublicPath } from '../features/intake/public-paths';
import { Header } from '../features/shell/Header';
import { Sidebar } from '../features/shell/Sidebar';
import { useGlobalShortcuts } from '../features/keyboard/useGlobalShortcuts';
import { useMe } from '../lib/queries';
import { useOpenDialog } from '../lib/ui-state';
import { ErrorAlert } from '../ui/Field';
import { Notices } from '../ui/Notices';

// The dialogs load on first use: they are not needed for the first paint.
const CommandPalette = lazy(() => import('../features/keyboard/CommandPalette').then((m) => ({ default: m.CommandPalette })));
const QuickCreate = lazy(() => import('../features/keyboard/QuickCreate').then((m) => ({ default: m.QuickCreate })));
const ShortcutsHelp = lazy(() => import('../features/keyboard/ShortcutsHelp').then((m) => ({ default: m.ShortcutsHelp })));
const NewSpace = lazy(() => import('../features/spaces/NewSpace').then((m) => ({ default: m.NewSpace })));

function Dialogs() {
  const open = useOpenDialog();
  return (
    <Suspense fallback={null}>
      {open === 'palette' && <CommandPalette />}
      {open === 'quick-create' && <QuickCreate />}
      {open === 'shortcuts' && <ShortcutsHelp />}
      {open === 'new-space' && <NewSpace />}
    </Suspense>
  );
}

function Shell() {
  useGlobalShortcuts();
  return (
    <>
      <Sidebar />
      <main className="content" id="main">
        <Outlet />
      </main>
      <Dialogs />
    </>
  );
}

/** Signed out: the sign-up / log-in form at any URL (a deep link works after signing in). Signed in: the app. */
export function RootLayout() {
  const me = useMe();
  // A public form and a request's status page need no account and show no shell.
  const isPublic = useRouterState({ select: (s) => isPublicPath(s.location.pathname) });
  if (isPublic) {
    return (
      <div className="app">
        <Outlet />
        <Notices />
      </div>
    );
  }
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      {me.isPending ? (
        <p className="loading">Loading…</p>
      ) : me.error ? (
        <ErrorAlert error={me.error} />
      ) : me.data ? (
        <>
          <Header user={me.data} />
          <div className="body">
            <Shell />
          </div>
        </>
      ) : (
        <AuthForm />
      )}
      <Notices />
    </div>
  );
}
