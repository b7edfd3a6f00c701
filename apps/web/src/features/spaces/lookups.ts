import { useQuery } from '@tanstack/react-query';
import { collect, type Field, type Label } from '@weft/client';
import { client } from '../../lib/api';

// Keys of the reference data the space views show by name (labels, custom fields); kept here rather
// than in lib/keys.ts until another feature needs them.
export const lookupKeys = {
  labels: (ws: string) => ['labels', ws] as const,
  fields: (ws: string, spaceId: string) => ['fields', ws, spaceId] as const,
  types: (ws: string) => ['types', ws] as const,
};

export const useLabels = (ws: string) =>
  useQuery({ queryKey: lookupKeys.labels(ws), staleTime: 60_000, queryFn: () => collect<Label>((cursor) => client.labels.list(ws, { cursor, limit: 200 })) });

/** The custom fields that apply in a space: the workspace's own and the space's. */
export const useSpaceFields = (ws: string, spaceId: string) =>
  useQuery({
    queryKey: lookupKeys.fields(ws, spaceId),
    staleTime: 60_000,
    queryFn: async () => (await collect<Field>((cursor) => client.fields.list(ws, { spaceId, cursor, limit: 200 }))).filter((f) => f.spaceId === null || f.spaceId === spaceId),
  });
