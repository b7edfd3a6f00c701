import { describe, expect, it } from 'vitest';
import { isWeftError } from '../errors';
import { parseQuery } from '../query/parse-query';
import { CreateFormInput } from '../schemas/intake';
import { checkSubmission, type FormFieldDef, isEmailAddress } from './form-values';
import { requestSlaState, targetState } from './sla-state';

const fields: FormFieldDef[] = [
  { key: 'summary', label: 'Summary', kind: 'short_text', required: true, mapsTo: 'title' },
  { key: 'body', label: 'Body', kind: 'long_text', required: false, mapsTo: 'description', maxLength: 20 },
  { key: 'when', label: 'When', kind: 'date', required: false, mapsTo: 'due' },
  { key: 'tier', label: 'Tier', kind: 'choice', required: false, mapsTo: 'none', options: [{ value: 'gold', label: 'Gold' }] },
];

describe('intake rules (pure)', () => {
  it('maps a submission onto item parts and names every problem', () => {
    expect(checkSubmission(fields, { summary: '  Printer \n jam ', body: 'Again.', when: '2026-12-24', tier: 'gold' })).toEqual({
      errors: [],
      mapped: { title: 'Printer jam', description: 'Again.\n\n- **Tier:** gold', dueAt: '2026-12-24', priority: null, fields: {} },
    });
    const bad = checkSubmission(fields, { body: 'x'.repeat(21), when: '2026-13-01', tier: 'silver', other: 'y' });
    expect(bad.mapped).toBeNull();
    expect(bad.errors.map((e) => e.path).sort()).toEqual(['body.values.body', 'body.values.other', 'body.values.summary', 'body.values.tier', 'body.values.when']);
  });

  it('checks email addresses plainly', () => {
    expect(isEmailAddress('ana@example.com')).toBe(true);
    for (const bad of ['ana', 'ana@', '@example.com', 'a b@example.com', 'ana@example', `${'a'.repeat(250)}@example.com`, '<ana@example.com>']) expect(isEmailAddress(bad)).toBe(false);
  });

  it('requires exactly one short-text title and fitting kinds when a form is made', () => {
    const r = CreateFormInput.safeParse({ name: 'F', fields: [{ key: 'a', label: 'A', kind: 'date', mapsTo: 'title' }, { key: 'a', label: 'B', kind: 'choice' }] });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['fields.0.mapsTo', 'fields.1.key', 'fields.1.options']));
    expect(CreateFormInput.safeParse({ name: 'F', fields: [{ key: 'homepage', label: 'H', kind: 'short_text', mapsTo: 'title' }] }).success).toBe(false);
  });

  it('computes target and request SLA states at an instant (at risk at 80% elapsed, breached after due)', () => {
    const c = { dueAt: '2026-01-01T10:00:00.000Z', riskAt: '2026-01-01T09:12:00.000Z', metAt: null };
    expect(targetState(c, '2026-01-01T09:00:00.000Z')).toBe('on_track');
    expect(targetState(c, '2026-01-01T09:12:00.000Z')).toBe('at_risk');
    expect(targetState(c, '2026-01-01T10:00:00.000Z')).toBe('at_risk');
    expect(targetState(c, '2026-01-01T10:00:00.001Z')).toBe('breached');
    expect(targetState({ ...c, metAt: '2026-01-01T09:59:00.000Z' }, '2026-02-01T00:00:00.000Z')).toBe('met');
    expect(targetState({ ...c, metAt: '2026-01-01T10:01:00.000Z' }, '2026-01-01T10:01:00.000Z')).toBe('breached');
    expect(targetState({ dueAt: null, riskAt: null, metAt: null }, '2026-01-01T00:00:00.000Z')).toBeNull();
    expect(requestSlaState([c, { ...c, dueAt: '2026-01-02T00:00:00.000Z', riskAt: '2026-01-01T20:00:00.000Z' }], '2026-01-01T09:30:00.000Z')).toBe('at_risk');
    expect(requestSlaState([{ ...c, metAt: '2026-01-01T09:00:00.000Z' }], '2026-01-03T00:00:00.000Z')).toBe('on_track');
    expect(requestSlaState([], '2026-01-03T00:00:00.000Z')).toBeNull();
  });

  it('parses sla: terms in the query language', () => {
    expect(parseQuery('sla:breached,At-Risk -sla:on_track').clauses).toEqual([
      { field: 'sla', op: '=', values: ['breached', 'at_risk'], negated: false, position: 0 },
      { field: 'sla', op: '=', values: ['on_track'], negated: true, position: 22 },
    ]);
    try {
      parseQuery('sla:late');
      expect.unreachable();
    } catch (e) {
      expect(isWeftError(e) && e.code).toBe('QUERY_INVALID');
    }
  });
});
