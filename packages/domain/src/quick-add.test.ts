import { describe, expect, it } from 'vitest';
import { findPerson, parseQuickAdd, type QuickAddContext, resolveQuickDate } from './quick-add';

const people = [
  { id: 'u-ana', name: 'Ana Lopez', email: 'ana@acme.test' },
  { id: 'u-bo1', name: 'Bo Chen', email: 'bo.chen@acme.test' },
  { id: 'u-bo2', name: 'Bo Diaz', email: 'bdiaz@acme.test' },
  { id: 'u-grace', name: 'Grace Hopper', email: 'admiral@navy.test' },
];
const labels = [
  { id: 'l-bug', name: 'Bug' },
  { id: 'l-ux', name: 'UX' },
  { id: 'l-nr', name: 'Needs review' },
];
// Thursday 2026-05-14 at 19:00 in Los Angeles; already Friday 2026-05-15 in UTC.
const NOW = new Date('2026-05-15T02:00:00Z');
const ctx = (over: Partial<QuickAddContext> = {}): QuickAddContext => ({ now: NOW, timeZone: 'UTC', labels, people, meId: 'u-grace', ...over });

describe('parseQuickAdd', () => {
  it('reads the example from the issue: label, assignee, priority and due date leave the title', () => {
    const r = parseQuickAdd('Fix login #bug @ana !high due:fri', ctx({ timeZone: 'America/Los_Angeles' }));
    expect(r).toMatchObject({ title: 'Fix login', labelIds: ['l-bug'], assigneeIds: ['u-ana'], priority: 'high', dueAt: '2026-05-15', startAt: null });
    expect(r.chips.map((c) => c.kind)).toEqual(['label', 'assignee', 'priority', 'due']);
  });

  it('resolves weekdays and day words in the viewer’s time zone', () => {
    // Los Angeles: today is Thursday 14th, so the next Friday is the 15th. UTC: today is Friday 15th → the 22nd.
    expect(parseQuickAdd('x due:fri', ctx({ timeZone: 'America/Los_Angeles' })).dueAt).toBe('2026-05-15');
    expect(parseQuickAdd('x due:fri', ctx({ timeZone: 'UTC' })).dueAt).toBe('2026-05-22');
    expect(parseQuickAdd('x due:tomorrow', ctx({ timeZone: 'America/Los_Angeles' })).dueAt).toBe('2026-05-15');
    expect(parseQuickAdd('x due:tomorrow', ctx({ timeZone: 'Asia/Tokyo' })).dueAt).toBe('2026-05-16');
    expect(parseQuickAdd('x start:today due:2026-12-24', ctx())).toMatchObject({ startAt: '2026-05-15', dueAt: '2026-12-24', title: 'x' });
    expect(parseQuickAdd('x due:Friday start:MON', ctx())).toMatchObject({ dueAt: '2026-05-22', startAt: '2026-05-18' });
    expect(parseQuickAdd('x due:+3d', ctx()).dueAt).toBe('2026-05-18');
    expect(parseQuickAdd('x due:+2w', ctx()).dueAt).toBe('2026-05-29');
  });

  it('takes every priority word, several labels and people, once each', () => {
    expect(parseQuickAdd('a !urgent', ctx()).priority).toBe('urgent');
    expect(parseQuickAdd('a !LOW', ctx()).priority).toBe('low');
    expect(parseQuickAdd('a !med', ctx()).priority).toBe('medium');
    const r = parseQuickAdd('Ship it #bug #ux #BUG @ana @grace @me #"needs review"', ctx());
    expect(r.title).toBe('Ship it');
    expect(r.labelIds).toEqual(['l-bug', 'l-ux', 'l-nr']);
    expect(r.assigneeIds).toEqual(['u-ana', 'u-grace']);
  });

  it('leaves unknown labels and people, ambiguous names and bad values in the title as warnings', () => {
    const r = parseQuickAdd('Fix #nolabel the @nobody thing @bo !soon due:someday', ctx());
    expect(r.title).toBe('Fix #nolabel the @nobody thing @bo !soon due:someday');
    expect(r.labelIds).toEqual([]);
    expect(r.assigneeIds).toEqual([]);
    expect(r.priority).toBeNull();
    expect(r.dueAt).toBeNull();
    expect(r.chips.map((c) => [c.kind, c.raw])).toEqual([
      ['warning', '#nolabel'],
      ['warning', '@nobody'],
      ['warning', '@bo'],
      ['warning', '!soon'],
      ['warning', 'due:someday'],
    ]);
  });

  it('does not read plain text as syntax', () => {
    const r = parseQuickAdd('Email ana@acme.test about C# and a ! mark # @ done!', ctx());
    expect(r.title).toBe('Email ana@acme.test about C# and a ! mark # @ done!');
    expect(r.chips).toEqual([]);
    expect(parseQuickAdd('  spaced   out  ', ctx()).title).toBe('spaced out');
    expect(parseQuickAdd('x due:2026-02-30', ctx()).chips[0]?.kind).toBe('warning');
  });
});

describe('findPerson', () => {
  it('matches an email, a local part, a first name or a unique prefix of a name or email', () => {
    expect(findPerson('ana', people)?.id).toBe('u-ana');
    expect(findPerson('an', people)?.id).toBe('u-ana');
    expect(findPerson('lop', people)?.id).toBe('u-ana');
    expect(findPerson('admiral', people)?.id).toBe('u-grace');
    expect(findPerson('bo.chen@acme.test', people)?.id).toBe('u-bo1');
    expect(findPerson('bdi', people)?.id).toBe('u-bo2');
    expect(findPerson('GraceHopper', people)?.id).toBe('u-grace');
  });
  it('refuses to guess between several people', () => {
    expect(findPerson('bo', people)).toBeNull();
    expect(findPerson('b', people)).toBeNull();
    expect(findPerson('zed', people)).toBeNull();
  });
});

describe('resolveQuickDate', () => {
  it('refuses what is not a date', () => {
    expect(resolveQuickDate('fr', NOW, 'UTC')).toBeNull();
    expect(resolveQuickDate('fridays', NOW, 'UTC')).toBeNull();
    expect(resolveQuickDate('2026-13-01', NOW, 'UTC')).toBeNull();
  });
  it('adds months clamped to the month’s end', () => {
    expect(resolveQuickDate('+1m', new Date('2026-01-31T12:00:00Z'), 'UTC')).toBe('2026-02-28');
  });
});
