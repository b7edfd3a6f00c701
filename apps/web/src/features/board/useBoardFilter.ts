import { useMemo } from 'react';
import { useSpace } from '../../lib/queries';
import { spaceQuery, useSpaceItems } from '../spaces/useSpaceItems';

/**
 * The board endpoint takes no query, so a filter on the board asks the query endpoint which items
 * match and shows only those cards. Null (show all) when there is no filter.
 */
export function useBoardFilter(spaceId: string, filter: string): { ids: Set<string> | null; error: unknown } {
  const space = useSpace(spaceId).data;
  const active = !!filter.trim() && !!space;
  const res = useSpaceItems(space?.workspaceId ?? '', active && space ? spaceQuery(space, filter) : '', active);
  const ids = useMemo(() => (active ? new Set(res.items.map((i) => i.id)) : null), [active, res.items]);
  return { ids, error: active ? res.error : null };
}
