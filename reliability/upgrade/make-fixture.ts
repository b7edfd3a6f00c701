// Makes reliability/upgrade/fixtures/core-1.0.json: a small, realistic workspace built through the
// API of the first release, dumped table by table, with the API's answers at that release.
//
//   node --import tsx reliability/upgrade/make-fixture.ts
//
// It is a historical record, not something to regenerate: once a second migration lands, the
// app writes the newer schema and the output would no longer be "a database of the first release".
// The script refuses to run then; keep the committed fixture and add a new one per release instead.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDb } from '@weft/db';
import { sql } from 'kysely';
import { buildUser, call, type TestApp, type TestUser, testApp } from '../../apps/server/src/test/harness';
import { dumpTables, FIRST_SCHEMA, type Fixture, type RecordedCall } from './fixture-db';

const PASSWORD = 'correct horse battery';
const MINUTE = 60_000;

async function ok(res: Awaited<ReturnType<typeof call>>, want: number, what: string) {
  if (res.statusCode !== want) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.body ? res.json() : null;
}

async function assertFirstRelease(): Promise<void> {
  const w = await createTestDb('sqlite');
  const rows = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(w.db)).rows;
  await w.close();
  if (rows.map((r) => r.name).join() !== FIRST_SCHEMA) {
    throw new Error(`the schema is past ${FIRST_SCHEMA} (${rows.map((r) => r.name).join(', ')}): this fixture is a record of the first release; do not regenerate it`);
  }
}

/** Joins through an invite link at sign-up, as a real person would. */
async function joinByInvite(t: TestApp, inviter: TestUser, wsId: string, who: { name: string; email: string }, invite: Record<string, unknown>): Promise<TestUser> {
  const link = await ok(await call(t, inviter, 'POST', `/api/v1/workspaces/${wsId}/invites`, invite), 201, 'invite');
  const res = await call(t, null, 'POST', '/api/v1/auth/signup', { ...who, password: PASSWORD, timeZone: 'America/New_York', inviteToken: link.token });
  const user = await ok(res, 201, 'signup by invite');
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  return { id: user.id, email: who.email, name: who.name, cookie, headers: { cookie } };
}

async function main() {
  await assertFirstRelease();
  const t = await testApp('sqlite');
  const tick = () => t.clock.advance(MINUTE);
  try {
    const owner = await buildUser(t, { name: 'Olive Owner', email: 'olive@fixture.test', timeZone: 'Europe/Berlin' });
    tick();
    const ws = await ok(await call(t, owner, 'POST', '/api/v1/workspaces', { name: 'Acme Fixture Co.', slug: 'acme-fixture', timeZone: 'Europe/Berlin' }), 201, 'workspace');
    const W = `/api/v1/workspaces/${ws.id}`;
    tick();
    const admin = await joinByInvite(t, owner, ws.id, { name: 'Ada Admin', email: 'ada@fixture.test' }, { role: 'admin', email: 'ada@fixture.test' });
    const member = await joinByInvite(t, admin, ws.id, { name: 'Zoë Ångström-Müller', email: 'zoe@fixture.test' }, { role: 'member' });
    tick();
    const team = await ok(await call(t, admin, 'POST', `${W}/teams`, { name: 'Platform', memberIds: [admin.id, member.id] }), 201, 'team');

    const ops = await ok(await call(t, owner, 'POST', `${W}/spaces`, { key: 'OPS', name: 'Operations', description: 'Ongoing **ops** work.' }), 201, 'space OPS');
    const launch = await ok(
      await call(t, owner, 'POST', `${W}/spaces`, {
        key: 'LAUNCH',
        name: 'Launch 2027',
        kind: 'project',
        visibility: 'members',
        goal: 'Ship v2 to every customer',
        startDate: '2026-12-01',
        targetDate: '2027-03-31',
        leadId: member.id,
        projectStatus: 'active',
        memberIds: [member.id],
      }),
      201,
      'space LAUNCH',
    );
    tick();
    const guest = await joinByInvite(t, member, ws.id, { name: 'Gus Guest', email: 'gus@fixture.test' }, { role: 'guest', spaceIds: [ops.id] });
    const waiting = await ok(await call(t, admin, 'POST', `/api/v1/spaces/${ops.id}/statuses`, { name: 'Waiting on customer', category: 'in_progress', color: '#aa8800' }), 201, 'status');
    const st = (space: { statuses: Array<{ id: string; name: string }> }, name: string) => space.statuses.find((s) => s.name === name)?.id as string;

    const label = async (name: string, color?: string) => (await ok(await call(t, member, 'POST', `${W}/labels`, { name, color }), 201, `label ${name}`)).id as string;
    const bug = await label('bug', 'red');
    const customer = await label('customer');
    const q4 = await label('Q4 🎯', '#00ff00');
    const field = async (body: Record<string, unknown>) => ok(await call(t, admin, 'POST', `${W}/fields`, body), 201, `field ${body.name}`);
    const severity = await field({ name: 'Severity', type: 'select', options: [{ name: 'S1', color: 'red' }, { name: 'S2' }, { name: 'S3' }] });
    const points = await field({ name: 'Story points', type: 'number' });
    const account = await field({ name: 'Customer account', type: 'text' });
    const components = await field({ name: 'Components', type: 'multi_select', options: [{ name: 'api' }, { name: 'web' }, { name: 'db' }] });
    const reviewer = await field({ name: 'Reviewer', type: 'person' });
    const approved = await field({ name: 'Approved', type: 'checkbox', spaceId: launch.id });
    const spec = await field({ name: 'Spec', type: 'url', spaceId: launch.id });
    const launchDate = await field({ name: 'Launch date', type: 'date', spaceId: launch.id });
    await ok(await call(t, admin, 'POST', `${W}/types`, { key: 'incident', name: 'Incident' }), 201, 'type');
    tick();

    const item = async (u: TestUser, spaceId: string, body: Record<string, unknown>) => {
      tick();
      return ok(await call(t, u, 'POST', `/api/v1/spaces/${spaceId}/items`, body), 201, `item ${body.title}`);
    };
    const outage = await item(owner, ops.id, {
      title: 'Checkout returns 502 for EU customers',
      description: '## Impact\nEU checkout fails ~3% of the time.\n\n- [ ] find the bad node\n- [x] page on-call\n\n```sh\ncurl -I https://shop.example/checkout\n```',
      type: 'incident',
      priority: 'urgent',
      assigneeIds: [admin.id, member.id],
      ownerId: admin.id,
      labelIds: [bug, customer],
      dueAt: '2026-11-28T17:00:00Z',
      estimate: 3,
      fields: { [severity.id]: severity.options[0].id, [points.id]: 5, [account.id]: 'Globex GmbH', [components.id]: [components.options[0].id, components.options[2].id], [reviewer.id]: member.id },
    });
    const rootCause = await item(admin, ops.id, { title: 'Find the root cause', parentId: outage.id, assigneeIds: [member.id], statusId: st(ops, 'In Progress') });
    const postmortem = await item(member, ops.id, { title: 'Write the post-mortem', parentId: outage.id, priority: 'medium', startAt: '2026-11-30', dueAt: '2026-12-04' });
    const rotate = await item(member, ops.id, { title: 'Rotate TLS certificates', type: 'task', priority: 'high', labelIds: [q4], statusId: waiting.id, fields: { [points.id]: 2.5 } });
    await item(admin, ops.id, { title: 'Clean up old dashboards', priority: 'low', statusId: st(ops, 'Done') });
    const mistake = await item(member, ops.id, { title: 'Duplicate of the 502 report', labelIds: [bug] });
    const plan = await item(member, launch.id, {
      title: 'Launch plan',
      type: 'milestone',
      description: 'See the [spec](https://docs.example/launch) — “quotes”, emoji 🚀 and <angle brackets>.',
      dueAt: '2027-03-31',
      fields: { [approved.id]: true, [spec.id]: 'https://docs.example/launch', [launchDate.id]: '2027-03-15' },
    });
    const beta = await item(member, launch.id, { title: 'Private beta with 10 customers', parentId: plan.id, assigneeIds: [member.id], labelIds: [customer, q4] });
    const movedOut = await item(owner, ops.id, { title: 'Pricing page copy', labelIds: [customer] });

    // Changes after creation: updates (versions > 1), links, a move across spaces (old key kept),
    // multi-homing, trash, comments edited and deleted.
    tick();
    const outage2 = await ok(await call(t, admin, 'PATCH', `/api/v1/items/${outage.id}`, { version: outage.version, statusId: st(ops, 'In Progress'), priority: 'high' }), 200, 'update');
    await ok(await call(t, admin, 'PATCH', `/api/v1/items/${outage.id}`, { version: outage2.version, fields: { [severity.id]: severity.options[1].id } }), 200, 'update 2');
    await ok(await call(t, admin, 'POST', `/api/v1/items/${rootCause.id}/links`, { kind: 'blocks', itemId: postmortem.id }), 201, 'link');
    await ok(await call(t, member, 'POST', `/api/v1/items/${rotate.id}/links`, { kind: 'relates', itemId: outage.id }), 201, 'link 2');
    await ok(await call(t, member, 'POST', `/api/v1/items/${plan.id}/links`, { kind: 'blocked_by', itemId: rotate.id }), 201, 'link 3');
    tick();
    await ok(await call(t, owner, 'POST', `/api/v1/items/${movedOut.id}/move`, { version: movedOut.version, spaceId: launch.id }), 200, 'move to LAUNCH');
    await ok(await call(t, member, 'POST', `/api/v1/items/${rotate.id}/move`, { version: rotate.version, statusId: st(ops, 'Todo') }), 200, 'board move');
    const rot = await ok(await call(t, member, 'GET', `/api/v1/items/${rotate.id}`), 200, 'rotate');
    await ok(await call(t, member, 'PATCH', `/api/v1/items/${rot.id}`, { version: rot.version, alsoInSpaceIds: [launch.id] }), 200, 'multi-home');
    await ok(await call(t, member, 'DELETE', `/api/v1/items/${mistake.id}`), 200, 'trash');
    tick();
    const comment = async (u: TestUser, itemId: string, body: string) => {
      tick();
      return ok(await call(t, u, 'POST', `/api/v1/items/${itemId}/comments`, { body }), 201, 'comment');
    };
    const c1 = await comment(admin, outage.id, 'Paging @"Zoë Ångström-Müller" — can you look at the EU nodes?');
    await comment(member, outage.id, 'On it. Looks like `node-eu-3` (see <https://status.example>).');
    await comment(guest, outage.id, 'Customers confirm it is back 👍');
    const typo = await comment(owner, rootCause.id, 'Probably DNS. It is always DNS.');
    await comment(member, beta.id, 'Shortlist: Globex, Initech, Umbrella.');
    await ok(await call(t, admin, 'PATCH', `/api/v1/comments/${c1.id}`, { version: c1.version, body: `${c1.body} (edited: it is urgent)` }), 200, 'edit comment');
    await ok(await call(t, owner, 'DELETE', `/api/v1/comments/${typo.id}`), 204, 'delete comment');
    tick();
    await ok(await call(t, member, 'POST', `${W}/views`, { name: 'My open work', query: 'assignee:me is:open', layout: 'list' }), 201, 'view');
    await ok(await call(t, admin, 'POST', `${W}/views`, { name: 'OPS board', query: 'space:OPS', layout: 'board', spaceId: ops.id, shared: true, options: { columns: ['title', 'assignees'] } }), 201, 'view 2');
    await ok(await call(t, owner, 'POST', `${W}/invites`, { role: 'member', email: 'pending@fixture.test' }), 201, 'pending invite');
    const revoked = await ok(await call(t, owner, 'POST', `${W}/invites`, { role: 'guest' }), 201, 'invite to revoke');
    await ok(await call(t, owner, 'DELETE', `${W}/invites/${revoked.id}`), 200, 'revoke invite');
    const token = await ok(await call(t, member, 'POST', '/api/v1/tokens', { name: 'CI script' }), 201, 'token');
    const readOnly = await ok(await call(t, member, 'POST', '/api/v1/tokens', { name: 'dashboard', readOnly: true, expiresAt: '2027-06-01T00:00:00Z' }), 201, 'ro token');
    const dead = await ok(await call(t, member, 'POST', '/api/v1/tokens', { name: 'old laptop' }), 201, 'token to revoke');
    await ok(await call(t, member, 'DELETE', `/api/v1/tokens/${dead.id}`), 200, 'revoke token');
    await ok(await call(t, owner, 'PATCH', W, { version: ws.version, name: 'Acme Fixture Co. (EU)' }), 200, 'rename workspace');
    tick();

    // The API as it answered at this release: replayed, with the same callers, after the upgrade.
    const actors: Record<string, Record<string, string>> = {
      owner: owner.headers,
      admin: admin.headers,
      member: member.headers,
      guest: guest.headers,
      memberToken: { authorization: `Bearer ${token.token}` },
      memberReadOnly: { authorization: `Bearer ${readOnly.token}` },
    };
    const items = await t.deps.store.db.selectFrom('items').select(['id', 'key']).orderBy('id').execute();
    const oldKeys = await t.deps.store.db.selectFrom('item_keys').select('key').orderBy('key').execute();
    const urls: Array<[string, string]> = [
      ['owner', '/api/v1/me'],
      ['memberToken', '/api/v1/me'],
      ['memberReadOnly', '/api/v1/me'],
      ['guest', '/api/v1/me'],
      ['member', '/api/v1/tokens'],
      ['owner', '/api/v1/workspaces'],
      ['guest', '/api/v1/workspaces'],
      ['owner', W],
      ['owner', `${W}/members?limit=200`],
      ['owner', `${W}/invites?limit=200`],
      ['owner', `${W}/teams?limit=200`],
      ['owner', `${W}/labels?limit=200`],
      ['owner', `${W}/fields?limit=200`],
      ['owner', `${W}/types`],
      ['member', `${W}/views?limit=200`],
      ['owner', `${W}/spaces?limit=200`],
      ['guest', `${W}/spaces?limit=200`],
      ['owner', `/api/v1/spaces/${ops.id}`],
      ['member', `/api/v1/spaces/${launch.id}`],
      ['owner', `/api/v1/spaces/${ops.id}/statuses`],
      ['owner', `/api/v1/spaces/${ops.id}/items?limit=200`],
      ['owner', `/api/v1/spaces/${ops.id}/items?limit=200&deleted=true`],
      ['member', `/api/v1/spaces/${launch.id}/items?limit=200`],
      ['guest', `/api/v1/spaces/${ops.id}/items?limit=200`],
      ['guest', `/api/v1/spaces/${launch.id}`],
      ...items.flatMap((i): Array<[string, string]> => [
        ['owner', `/api/v1/items/${i.id}`],
        ['owner', `/api/v1/items/${i.key}`],
        ['owner', `/api/v1/items/${i.id}/comments?limit=200`],
        ['owner', `/api/v1/items/${i.id}/activity?limit=200`],
      ]),
      ...oldKeys.map((k): [string, string] => ['owner', `/api/v1/items/${k.key}`]),
      ['owner', `${W}/events?since=0&limit=1000`],
      ['guest', `${W}/events?since=0&limit=1000`],
      ['memberToken', `${W}/events?since=0&limit=1000`],
      ['owner', `${W}/items?limit=200`],
      ['member', `${W}/items?limit=200&q=${encodeURIComponent('assignee:me is:open sort:-priority')}`],
      ['owner', `${W}/items?limit=200&q=${encodeURIComponent('label:customer')}`],
      ['owner', `${W}/items?limit=200&q=${encodeURIComponent('Severity:S2')}`],
      ['owner', `${W}/items?limit=200&q=${encodeURIComponent('eu nodes')}`],
      ['owner', `${W}/items?limit=200&q=${encodeURIComponent('is:blocked')}`],
    ];
    const api: RecordedCall[] = [];
    for (const [as, url] of urls) {
      const res = await t.app.inject({ method: 'GET', url, headers: actors[as] });
      api.push({ as, url, status: res.statusCode, body: res.json() });
    }
    const failed = api.filter((c) => c.status !== 200 && !(c.as === 'guest' && c.url.endsWith(launch.id)));
    if (failed.length > 0) throw new Error(`unexpected answers: ${JSON.stringify(failed.map((c) => [c.url, c.status, c.body]))}`);

    const fixture: Fixture = {
      schema: FIRST_SCHEMA,
      description:
        'Weft 1.0 (schema 20261126000000-core): workspace "Acme Fixture Co." with an owner, admin, member and a guest; ' +
        'a team; a stream (OPS, custom status) and a members-only project (LAUNCH); labels, eight field types, a custom item type; ' +
        'items with assignees, labels, field values, subitems, links, a cross-space move, multi-homing, trash; comments (edited, deleted); ' +
        'views, invites (used, pending, revoked), API tokens (read-write, read-only, revoked); the event log. Made by make-fixture.ts through the API.',
      now: t.clock.now().toISOString(),
      credentials: actors,
      password: PASSWORD,
      tables: await dumpTables(t.deps.store.db),
      api,
    };
    const out = join(import.meta.dirname, 'fixtures', 'core-1.0.json');
    writeFileSync(out, `${JSON.stringify(fixture, null, 1)}\n`);
    const counts = Object.entries(fixture.tables).map(([k, v]) => `${k}=${v.length}`).join(' ');
    console.log(`wrote ${out}: ${counts}; ${api.length} recorded API answers; team ${team.id}`);
  } finally {
    await t.close();
  }
}

await main();
