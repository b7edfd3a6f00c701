import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp, type TestUser } from '../test/harness';

describe.each(testDialects())('saved view queries must parse, on %s', (dialect) => {
  let t: TestApp;
  let u: TestUser;
  let wsId: string;
  beforeAll(async () => {
    t = await testApp(dialect);
    u = await buildUser(t);
    wsId = (await buildWorkspace(t, u)).id;
  });
  afterAll(async () => t.close());

  it('refuses a malformed query on create and update, pointing at the position', async () => {
    const before = await dbDigest(t);
    const bad = await call(t, u, 'POST', `/api/v1/workspaces/${wsId}/views`, { name: 'Bad', query: 'status:todo priority:>=huge' });
    expect(bad.json()).toMatchObject({ status: 400, code: 'QUERY_INVALID', position: 23 });
    expect(await dbDigest(t)).toBe(before);
    const ok = await call(t, u, 'POST', `/api/v1/workspaces/${wsId}/views`, { name: 'Good', query: 'status:todo' });
    expect(ok.statusCode).toBe(201);
    const mid = await dbDigest(t);
    const badUpdate = await call(t, u, 'PATCH', `/api/v1/views/${ok.json().id}`, { query: '"unterminated', version: 1 });
    expect(badUpdate.json()).toMatchObject({ status: 400, code: 'QUERY_INVALID', position: 0 });
    expect(await dbDigest(t)).toBe(mid);
  });
});
