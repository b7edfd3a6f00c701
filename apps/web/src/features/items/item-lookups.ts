import { useQuery } from '@tanstack/react-query';
import { collect, type ItemType, type Label } from '@weft/client';
import { client } from '../../lib/api';
import { lookupKeys } from '../spaces/lookups';

/** The workspace's item types (task, bug, …) for the type picker. */
export const useItemTypes = (ws: string | undefined) =>
  useQuery({
    queryKey: lookupKeys.types(ws ?? ''),
    enabled: !!ws,
    staleTime: 60_000,
    queryFn: () => collect<ItemType>((cursor) => client.types.list(ws as string, { cursor, limit: 200 })),
  });

/** The calendar day of a stored date or instant, for a date input (date-only values pass through). */
export const dayOf = (v: string | null | undefined): string => (v ? v.slice(0, 10) : '');

/** The workspace's labels (the same cache entry as the space views' `useLabels`), idle until the workspace is known. */
export const useWorkspaceLabels = (ws: string | undefined) =>
  useQuery({
    queryKey: lookupKeys.labels(ws ?? ''),
    enabled: !!ws,
    staleTime: 60_000,
    queryFn: () => collect<Label>((cursor) => client.labels.list(ws as string, { cursor, limit: 200 })),
  });
