import { testDialects } from '@weft/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpace, type SpaceJson } from '../../test/factories';
import { buildMember, buildUser, buildWorkspace, call, dbDigest, type TestApp, testApp, type TestUser } from '../../test/harness';

const api = '/api/v1';

describe.each(testDialects())('space templates with routines, forms and an SLA policy on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let ana: TestUser;
  let outsider: TestUser;
  let ws: string;
  let src: SpaceJson;
  let severity: { id: string; options: Array<{ id: string; name: string }> };
  let calendarId: string;

  beforeAll(async () => {
    t = await testApp(dialect);
    t.clock.set('2026-10-01T08:00:00Z');
    owner = await buildUser(t, { name: 'Olga' });
    ws = (await buildWorkspace(t, owner)).id;
    ana = await buildMember(t, ws, 'member', { name: 'Ana' });
    outsider = await buildMember(t, ws, 'member', { name: 'Out' });
    // A members-only source space with Out in it: the new space (members-only, without Out) drops Out.
    src = await buildSpace(t, owner, ws, { key: 'DESK', name: 'Desk', kind: 'stream', visibility: 'members', memberIds: [ana.id, outsider.id] });
    severity = (await call(t, owner, 'POST', `${api}/workspaces/${ws}/fields`, { name: 'Severity', type: 'select', spaceId: src.id, options: [{ name: 'Low' }, { name: 'High' }] })).json();
    const cal = await call(t, owner, 'POST', `${api}/workspaces/${ws}/calendars`, { name: 'Office', timeZone: 'Europe/Berlin' });
    calendarId = cal.json().id;
    const high = severity.options.find((o) => o.name === 'High')?.id as string;
    const r1 = await call(t, owner, 'POST', `${api}/spaces/${src.id}/routines`, {
      name: 'Weekly review',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', timeZone: 'Europe/Berlin', start: '2026-10-05T09:00' },
      leadDays: 1,
      template: { title: 'Review {{date}}', priority: 'high', fields: { [severity.id]: high }, checklist: ['Look'] },
      rotation: [ana.id, outsider.id],
    });
    expect(r1.statusCode, r1.body).toBe(201);
    const r2 = await call(t, owner, 'POST', `${api}/spaces/${src.id}/routines`, { name: 'Quarterly', recurrence: { rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1', timeZone: 'UTC', start: '2026-10-01T10:00' }, template: { title: 'Q' }, paused: true });
    expect(r2.statusCode, r2.body).toBe(201);
    const form = await call(t, owner, 'POST', `${api}/spaces/${src.id}/forms`, {
      name: 'IT help',
      access: 'public',
      fields: [
        { key: 'summary', label: 'Summary', kind: 'short_text', mapsTo: 'title', required: true },
        { key: 'sev', label: 'Severity', kind: 'choice', mapsTo: 'field', fieldId: severity.id, options: severity.options.map((o) => ({ value: o.id, label: o.name })) },
      ],
      priority: 'high',
      assigneeRule: { kind: 'round_robin', userIds: [ana.id, outsider.id] },
    });
    expect(form.statusCode, form.body).toBe(201);
    const sla = await call(t, owner, 'POST', `${api}/spaces/${src.id}/sla-policies`, { name: 'Desk SLA', calendarId, targets: { high: { firstResponseMinutes: 60, resolutionMinutes: 480 } } });
    expect(sla.statusCode, sla.body).toBe(201);
  });
  afterAll(async () => t.close());

  it('save as template → apply round-trips routines, forms (new link) and the SLA policy, in one transaction', async () => {
    const saved = await call(t, owner, 'POST', `${api}/spaces/${src.id}/save-as-template`, { name: 'Desk kit' });
    expect(saved.statusCode, saved.body).toBe(201);
    const content = saved.json().content;
    expect(content.routines.map((r: { name: string; paused: boolean }) => [r.name, r.paused])).toEqual([
      ['Weekly review', false],
      ['Quarterly', true],
    ]);
    expect(content.routines[0].templateFields).toEqual([{ field: 'Severity', value: 'High' }]);
    expect(JSON.stringify(content.forms)).not.toContain('publicId');
    expect(content.slaPolicies).toEqual([{ name: 'Desk SLA', calendarId, targets: { high: { firstResponseMinutes: 60, resolutionMinutes: 480 } } }]);

    const applied = await call(t, owner, 'POST', `${api}/templates/${saved.json().id}/apply`, { key: 'DESK2', name: 'Desk 2', visibility: 'members', memberIds: [ana.id] });
    expect(applied.statusCode, applied.body).toBe(201);
    const out = applied.json();
    expect(out.routines.map((r: { name: string }) => r.name)).toEqual(['Weekly review', 'Quarterly']);
    expect(out.forms.map((f: { name: string }) => f.name)).toEqual(['IT help']);
    expect(out.slaPolicies).toHaveLength(1);
    expect(out.dropped.assigneeIds).toEqual([outsider.id]);
    const newSpace = out.space.id as string;
    const newSeverity = out.fields.find((f: { name: string }) => f.name === 'Severity');

    const routines = (await call(t, ana, 'GET', `${api}/spaces/${newSpace}/routines`)).json().data;
    const weekly = routines.find((r: { name: string }) => r.name === 'Weekly review');
    expect(weekly).toMatchObject({ leadDays: 1, rotation: [ana.id], recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', timeZone: 'Europe/Berlin' } });
    const newHigh = newSeverity.options.find((o: { name: string }) => o.name === 'High').id;
    expect(weekly.template.fields).toEqual({ [newSeverity.id]: newHigh });
    expect(routines.find((r: { name: string }) => r.name === 'Quarterly').paused).toBe(true);

    const forms = (await call(t, ana, 'GET', `${api}/spaces/${newSpace}/forms`)).json().data;
    const oldForm = (await call(t, ana, 'GET', `${api}/spaces/${src.id}/forms`)).json().data[0];
    expect(forms[0].publicId).not.toBe(oldForm.publicId);
    expect(forms[0].assigneeRule).toEqual({ kind: 'round_robin', userIds: [ana.id] });
    expect(forms[0].fields[1]).toMatchObject({ fieldId: newSeverity.id, options: [{ value: newSeverity.options[0].id }, { value: newHigh }] });
    const policies = (await call(t, ana, 'GET', `${api}/spaces/${newSpace}/sla-policies`)).json().data;
    expect(policies[0]).toMatchObject({ name: 'Desk SLA', calendarId });

    // The new routine runs: its first item lands in the new space with the new field's option.
    const submitted = await call(t, null, 'POST', `${api}/forms/${forms[0].publicId}/submissions`, { email: 'x@example.com', values: { summary: 'Printer', sev: newHigh } });
    expect(submitted.statusCode, submitted.body).toBe(201);
  });

  it('all-or-nothing: a broken form entry rolls back the space, its routines and everything else', async () => {
    const tpl = await call(t, owner, 'POST', `${api}/workspaces/${ws}/templates`, {
      kind: 'space',
      name: 'Broken kit',
      content: {
        statuses: [{ name: 'Open', category: 'backlog' }, { name: 'Done', category: 'done' }],
        routines: [{ name: 'Daily', recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC', start: '2026-10-02T09:00' }, template: { title: 'D' } }],
        forms: [{ name: 'No title field', fields: [{ key: 'x', label: 'X', kind: 'long_text' }] }],
      },
    });
    expect(tpl.statusCode, tpl.body).toBe(201);
    const before = await dbDigest(t);
    const res = await call(t, owner, 'POST', `${api}/templates/${tpl.json().id}/apply`, { key: 'BRK', name: 'Broken' });
    expect(res.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('content.forms.0.fields');
    expect(await dbDigest(t)).toBe(before);
  });

  it('an SLA policy whose calendar is gone is left out and reported', async () => {
    const tpl = await call(t, owner, 'POST', `${api}/workspaces/${ws}/templates`, {
      kind: 'space',
      name: 'Old SLA',
      content: { statuses: [{ name: 'Open', category: 'todo' }], slaPolicies: [{ name: 'Gone', calendarId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', targets: {} }] },
    });
    expect(tpl.statusCode, tpl.body).toBe(201);
    const res = await call(t, owner, 'POST', `${api}/templates/${tpl.json().id}/apply`, { key: 'OLD', name: 'Old' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().dropped.calendarIds).toEqual(['01JZZZZZZZZZZZZZZZZZZZZZZZ']);
    expect((await call(t, owner, 'GET', `${api}/spaces/${res.json().space.id}/sla-policies`)).json().data).toEqual([]);
  });
});
