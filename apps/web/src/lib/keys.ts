/** Query keys in one place so the optimistic layer and the views agree. */
export const qk = {
  me: ['me'] as const,
  workspaces: ['workspaces'] as const,
  spaces: (ws: string) => ['spaces', ws] as const,
  space: (id: string) => ['space', id] as const,
  views: (ws: string) => ['views', ws] as const,
  members: (ws: string) => ['members', ws] as const,
  board: (spaceId: string) => ['board', spaceId] as const,
  itemQuery: (ws: string, q: string) => ['items', ws, q] as const,
  itemsAll: ['items'] as const,
  item: (key: string) => ['item', key.toUpperCase()] as const,
  comments: (key: string) => ['comments', key.toUpperCase()] as const,
  activity: (key: string) => ['activity', key.toUpperCase()] as const,
};
