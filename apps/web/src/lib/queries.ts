import { collect, type Space, type User } from '@weft/client';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useSyncExternalStore } from 'react';
import { client } from './api';
import { qk } from './keys';
import { isUnauthenticated } from './problem';

/** The signed-in user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: qk.me,
    queryFn: async (): Promise<User | null> => {
      try {
        return await client.me.get();
      } catch (e) {
        if (isUnauthenticated(e)) return null;
        throw e;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export const useWorkspaces = () => useQuery({ queryKey: qk.workspaces, queryFn: async () => (await client.workspaces.list()).data });

export const useSpaces = (ws: string | undefined) =>
  useQuery({ queryKey: qk.spaces(ws ?? ''), enabled: !!ws, queryFn: () => collect<Space>((cursor) => client.spaces.list(ws as string, { cursor, limit: 200 })) });

export const useSpace = (id: string) => useQuery({ queryKey: qk.space(id), queryFn: () => client.spaces.get(id) });

export const useViews = (ws: string | undefined) =>
  useQuery({ queryKey: qk.views(ws ?? ''), enabled: !!ws, queryFn: async () => (await client.views.list(ws as string, { limit: 200 })).data });

export const useMembers = (ws: string | undefined) =>
  useQuery({ queryKey: qk.members(ws ?? ''), enabled: !!ws, staleTime: 60_000, queryFn: () => collect((cursor) => client.members.list(ws as string, { cursor, limit: 200 })) });

// The workspace last opened, remembered across reloads so pages without one in the URL
// (an item page, the home page) still show its sidebar.
const WS_KEY = 'weft.workspace';
const wsListeners = new Set<() => void>();
export function rememberWorkspace(id: string): void {
  if (localStorage.getItem(WS_KEY) === id) return;
  localStorage.setItem(WS_KEY, id);
  for (const l of wsListeners) l();
}

/** The workspace in the URL, else the last one opened, else the first one the person belongs to. */
export function useCurrentWorkspaceId(): string | undefined {
  const params = useParams({ strict: false }) as { workspaceId?: string };
  const remembered = useSyncExternalStore(
    (l) => {
      wsListeners.add(l);
      return () => wsListeners.delete(l);
    },
    () => localStorage.getItem(WS_KEY),
  );
  const { data } = useWorkspaces();
  if (params.workspaceId) return params.workspaceId;
  if (data?.some((w) => w.id === remembered)) return remembered ?? undefined;
  return data?.[0]?.id;
}
