import { describe, expect, it } from 'vitest';
import { testApp } from '../test/harness';

/**
 * The route table with each route's auth level. A diff in the snapshot is a permission change and
 * is reviewed as one; a route without a declared level cannot even start (see app.ts).
 */
describe('route table', () => {
  it('describes every API route in the OpenAPI 3.1 document generated from the zod schemas', async () => {
    const t = await testApp('sqlite');
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toBe('3.1.0');
      for (const r of t.app.routeTable.filter((x) => x.url.startsWith('/api/v1/') && x.url !== '/api/v1/openapi.json')) {
        const path = r.url.slice('/api/v1'.length).replace(/:([A-Za-z]+)/g, '{$1}');
        expect(doc.paths[`/api/v1${path}`]?.[r.method.toLowerCase()], `${r.method} ${r.url} missing from OpenAPI`).toBeDefined();
      }
      const create = doc.paths['/api/v1/spaces/{id}/items'].post;
      expect(create.requestBody.content['application/json'].schema.properties.title).toBeDefined();
    } finally {
      await t.close();
    }
  });

  it('matches the reviewed snapshot and refuses anonymous callers on every user route', async () => {
    const t = await testApp('sqlite');
    try {
      const rows = [...t.app.routeTable].sort((a, b) => (a.url === b.url ? a.method.localeCompare(b.method) : a.url.localeCompare(b.url)));
      await expect(`${rows.map((r) => `${r.method.padEnd(6)} ${r.url}  ${r.auth}`).join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/route-table.txt');
      const userRoutes = rows.filter((r) => r.auth === 'user');
      expect(userRoutes.length).toBeGreaterThan(5);
      for (const r of userRoutes) {
        const url = r.url.replace(/:[A-Za-z]+/g, '0190a1b2c3d4e5f60718293a4b5c6d7e');
        const res = await t.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
        expect({ route: `${r.method} ${r.url}`, status: res.statusCode, code: res.json().code }).toEqual({ route: `${r.method} ${r.url}`, status: 401, code: 'UNAUTHENTICATED' });
      }
    } finally {
      await t.close();
    }
  });
});
