import { type InfiniteData, useInfiniteQuery } from '@tanstack/react-query';
import type { Item, ItemQueryPage, Space } from '@weft/client';
import { useEffect, useMemo } from 'react';
import { client } from '../../lib/api';
import { qk } from '../../lib/keys';

/** The query-language string a space view asks for: the space, the view's own terms, the filter. */
export const spaceQuery = (space: Pick<Space, 'key'>, filter: string, extra = ''): string => `space:${space.key} ${extra} ${filter}`.replace(/\s+/g, ' ').trim();

export type ItemPages = InfiniteData<ItemQueryPage, string | undefined>;

/**
 * Every item matching `q`, streamed in pages of 200 (`GET /workspaces/{id}/items?q=`): the first page
 * shows at once and the rest follow, because the table sorts, and the calendar and timeline place,
 * over the whole set. The key ends in 'all' so it never meets the list's or My work's entries.
 */
export function useSpaceItems(workspaceId: string, q: string, enabled = true) {
  const list = useInfiniteQuery({
    queryKey: [...qk.itemQuery(workspaceId, q), 'all'],
    enabled,
    queryFn: ({ pageParam }) => client.items.query(workspaceId, { q, limit: 200, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, error } = list;
  useEffect(() => {
    if (enabled && hasNextPage && !isFetchingNextPage && !error) void fetchNextPage();
  }, [enabled, hasNextPage, isFetchingNextPage, fetchNextPage, error]);
  const items: Item[] = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  return { items, error: list.error, loaded: !!list.data, complete: !!list.data && !hasNextPage };
}
