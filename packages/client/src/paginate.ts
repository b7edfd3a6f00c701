/** Walks every page of a cursor-paginated list: `for await (const item of paginate((cursor) => c.members.list(ws, { cursor })))`. */
export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Collects every page into one array (for small lists: members, labels, spaces). */
export async function collect<T>(fetchPage: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of paginate(fetchPage)) out.push(x);
  return out;
}
