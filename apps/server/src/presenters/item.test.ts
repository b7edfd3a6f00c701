import { testDialects } from '@weft/db';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, buildSpace, statusIn } from '../test/factories';
import { buildUser, buildWorkspace, call, type TestApp, testApp } from '../test/harness';
import type { ItemRow } from '../queries/items/item-rows';
import { presentItems } from './item';

/** Counts the statements a Kysely instance runs. */
function counter(): KyselyPlugin & { count: number } {
  return {
    count: 0,
    transformQuery(args) {
      this.count += 1;
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
}

describe.each(testDialects())('item presenter on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(async () => t.close());

  it('reads details for many items in the same number of queries as for a few', async () => {
    const a = await buildUser(t);
    const ws = await buildWorkspace(t, a);
    const s = await buildSpace(t, a, ws.id);
    const first = await buildItem(t, a, s.id, { assigneeIds: [a.id] });
    const values: ItemRow[] = [];
    for (let i = 0; i < 120; i += 1) {
      values.push({
        ...(await t.deps.store.db.selectFrom('items').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow()),
        id: `bulk${i.toString().padStart(4, '0')}${s.id.slice(-8)}`,
        number: 1000 + i,
        key: `${s.key}-${1000 + i}`,
        parent_id: i > 0 ? first.id : null,
      });
    }
    await t.deps.store.db.insertInto('items').values(values).execute();
    await t.deps.store.db.insertInto('item_assignees').values(values.map((v) => ({ item_id: v.id, user_id: a.id }))).execute();
    await call(t, a, 'POST', `/api/v1/items/${values[1].id}/links`, { kind: 'blocks', itemId: values[2].id });
    const m = { workspaceId: ws.id, userId: a.id, role: 'owner' as const, readOnly: false };
    const rows = await t.deps.store.db.selectFrom('items').selectAll().where('space_id', '=', s.id).orderBy('id').execute();
    const few = counter();
    await presentItems(t.deps.store.db.withPlugin(few), m, rows.slice(0, 3));
    const many = counter();
    const out = await presentItems(t.deps.store.db.withPlugin(many), m, rows);
    expect(out).toHaveLength(121);
    expect(many.count).toBe(few.count);
    expect(out.every((i) => i.assigneeIds[0] === a.id)).toBe(true);
    expect(out.find((i) => i.id === first.id)?.progress).toEqual({ total: 119, done: 0 });
    expect(out.find((i) => i.id === values[2].id)?.links.map((l) => l.kind)).toEqual(['blocked_by']);
    expect(statusIn(s, 'todo')).toBe(first.statusId);
  });
});
