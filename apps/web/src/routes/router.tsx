import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { Home } from '../features/workspaces/Home';
import { RootLayout } from './RootLayout';

export const SPACE_VIEWS = ['board', 'list', 'table', 'calendar', 'timeline'] as const;
export type SpaceView = (typeof SPACE_VIEWS)[number];
export type SpaceSearch = { view: SpaceView; q?: string; item?: string; zoom?: string; columns?: string; lanes?: string; group?: string };
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

// Code-based routes; every page but the home one is its own chunk, loaded when first visited.
const rootRoute = createRootRoute({ component: RootLayout, notFoundComponent: Home });

const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: Home });

const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invite/$token',
  component: lazyRouteComponent(() => import('../features/workspaces/InvitePage'), 'InvitePage'),
});

export const myWorkRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/w/$workspaceId',
  validateSearch: (s: Record<string, unknown>): { q?: string } => ({ q: str(s.q) }),
  component: lazyRouteComponent(() => import('../features/mywork/MyWork'), 'MyWork'),
});

export const spaceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/w/$workspaceId/s/$spaceId',
  // zoom: the timeline's scale (features/timeline validates it); columns: the board's column field id, lanes: its
  // swimlanes (features/board); group: the list's grouping (features/list). Saved views keep the last three.
  validateSearch: (s: Record<string, unknown>): SpaceSearch => ({ view: SPACE_VIEWS.find((v) => v === s.view) ?? 'board', q: str(s.q), item: str(s.item), zoom: str(s.zoom), columns: str(s.columns), lanes: str(s.lanes), group: str(s.group) }),
  component: lazyRouteComponent(() => import('../features/spaces/SpacePage'), 'SpacePage'),
});

export const itemRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/items/$key',
  component: lazyRouteComponent(() => import('../features/items/ItemPage'), 'ItemPage'),
});

// Issue 4 areas: a space's routines, intake and settings; the workspace's check-ins; and the two
// public pages (a form, a request's status) that RootLayout renders outside the signed-in shell.
const lazyPage = <P extends string, M extends Record<string, unknown>>(path: P, load: () => Promise<M>, name: keyof M & string) =>
  createRoute({ getParentRoute: () => rootRoute, path, component: lazyRouteComponent(load, name as never) });
const areaRoutes = [
  lazyPage('/w/$workspaceId/s/$spaceId/routines', () => import('../features/routines/RoutinesPage'), 'RoutinesPage'),
  lazyPage('/w/$workspaceId/s/$spaceId/intake', () => import('../features/intake/IntakePage'), 'IntakePage'),
  lazyPage('/w/$workspaceId/s/$spaceId/settings', () => import('../features/spaces/settings/SpaceSettingsPage'), 'SpaceSettingsPage'),
  lazyPage('/w/$workspaceId/checkins', () => import('../features/checkins/CheckinsPage'), 'CheckinsPage'),
  lazyPage('/w/$workspaceId/checkins/$checkinId', () => import('../features/checkins/CheckinPage'), 'CheckinPage'),
  lazyPage('/f/$publicId', () => import('../features/intake/PublicFormPage'), 'PublicFormPage'),
  lazyPage('/requests/$reference', () => import('../features/intake/RequestStatusPage'), 'RequestStatusPage'),
];

// Issue 5: the person's profile and a project's overview.
const personRoutes = [
  lazyPage('/profile', () => import('../features/profile/ProfilePage'), 'ProfilePage'),
  lazyPage('/w/$workspaceId/s/$spaceId/overview', () => import('../features/projects/ProjectOverview'), 'ProjectOverview'),
];

const routeTree = rootRoute.addChildren([indexRoute, inviteRoute, myWorkRoute, spaceRoute, itemRoute, ...areaRoutes, ...personRoutes]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
