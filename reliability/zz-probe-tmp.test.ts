import { it } from 'vitest';
import { buildItem, buildSpace } from '../apps/server/src/test/factories';
import { buildMember, buildUser, buildWorkspace, call, dbDigest, testApp } from '../apps/server/src/test/harness';
it('probe', async () => {
  for (const d of ['sqlite', 'postgres'] as const) {
  const t = await testApp(d);
  const u = await buildUser(t); const ws = await buildWorkspace(t, u); const sp = await buildSpace(t, u, ws.id);
  const m = await buildMember(t, ws.id, 'member');
  const it1 = await buildItem(t, u, sp.id); const it2 = await buildItem(t, u, sp.id);
  const show = async (m: string, url: string, p?: unknown) => { const r = await call(t, u, m, url, p); console.log(m, url, r.statusCode, r.body.slice(0, 400)); return r; };
  await show('POST', `/api/v1/workspaces/${ws.id}/invites`, {});
  await show('POST', `/api/v1/tokens`, { name: 'x' });
  await show('POST', `/api/v1/items/${it1.id}/links`, { kind: 'blocks', itemId: it2.id });
  await show('POST', `/api/v1/items/${it1.id}/comments`, { body: 'hi' });
  await show('POST', `/api/v1/workspaces/${ws.id}/fields`, { name: 'F', type: 'text' });
  await show('GET', `/api/v1/items/${it1.key}`);
  await show('GET', `/api/v1/spaces/${sp.key}`);
  await show('POST', `/api/v1/workspaces/${ws.id}/items/bulk`, { itemIds: [it1.id], set: { priority: 'high' } });
  await show('POST', `/api/v1/workspaces/${ws.id}/labels`, { name: 'a\u0000b' });
  await show('POST', `/api/v1/workspaces/${ws.id}/labels`, { name: 'a\ud800b' });
  for (let i = 0; i < 100; i++) await buildItem(t, u, sp.id);
  let s = performance.now(); for (let i = 0; i < 20; i++) await dbDigest(t); console.log(d, 'digest ms', (performance.now() - s) / 20);
  s = performance.now(); for (let i = 0; i < 100; i++) await call(t, u, 'PATCH', `/api/v1/items/${it1.id}`, { title: 5 }); console.log(d, '400 ms', (performance.now() - s) / 100);
  s = performance.now(); for (let i = 0; i < 100; i++) await call(t, u, 'GET', `/api/v1/items/${it1.id}`); console.log(d, 'get ms', (performance.now() - s) / 100);
  await t.close();
  }
}, 120000);
