import type { Api } from './api';

export type PoolItem = { id: string; key: string; version: number; statusId: string };

/** Is the bulk-create endpoint there? (It answers 404 ROUTE_NOT_FOUND when it is not.) */
export async function hasBatchEndpoint(api: Api, spaceId: string): Promise<boolean> {
  const r = await api.raw('POST', `/api/v1/spaces/${spaceId}/items/batch`, { items: [] });
  return !(r.status === 404 && r.body?.code === 'ROUTE_NOT_FOUND');
}

const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export const itemInput = (i: number) => ({ title: `Bench item ${i}: check the invoice export`, priority: PRIORITIES[i % 5] });

/**
 * Creates `n` items in a space through the API: in batches of 1,000 when the bulk endpoint exists,
 * else with 8 requests in flight. Returns them in creation order.
 */
export async function createPool(api: Api, spaceId: string, n: number, batch: boolean): Promise<PoolItem[]> {
  const out: PoolItem[] = [];
  const keep = (it: PoolItem) => out.push({ id: it.id, key: it.key, version: it.version, statusId: it.statusId });
  if (batch) {
    for (let i = 0; i < n; i += 1000) {
      const items = Array.from({ length: Math.min(1000, n - i) }, (_, k) => itemInput(i + k));
      const res = await api.call<{ data?: PoolItem[]; items?: PoolItem[] } | PoolItem[]>('POST', `/api/v1/spaces/${spaceId}/items/batch`, { items });
      const list = Array.isArray(res) ? res : (res.data ?? res.items ?? []);
      for (const it of list) keep(it);
    }
    if (out.length === n) return out;
    out.length = 0; // unexpected answer shape: fall back to single creates
  }
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      keep(await api.call<PoolItem>('POST', `/api/v1/spaces/${spaceId}/items`, itemInput(i)));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return out;
}
