import type { Field, Item, Member } from '@weft/client';
import { describe, expect, it, vi } from 'vitest';

// The dates helpers reach lib/api, which builds the client from window.location at import time.
vi.hoisted(() => {
  (globalThis as { window?: unknown }).window = { location: { origin: 'http://localhost' } };
});

import { asList, dayValue, type Edit, fieldEdit, numberFrom, popupPlace, sameSet, textFrom, toggle, withChosen } from './cell-edits';

const item = (over: Partial<Item> = {}): Item => ({ id: 'i1', key: 'ENG-1', fields: {}, startAt: null, dueAt: null, estimate: null, version: 3, ...over }) as Item;
const field = (type: Field['type'], options: Field['options'] = []): Field => ({ id: 'f1', type, name: 'F', options }) as Field;
const members = [{ userId: 'u1', name: 'Ana' }, { userId: 'u2', name: 'Ben' }] as Member[];
const of = <K extends Edit['kind']>(e: Edit, kind: K) => {
  expect(e.kind).toBe(kind);
  return e as Extract<Edit, { kind: K }>;
};

describe('table cell edits', () => {
  it('reads numbers: empty clears, junk is no value', () => {
    expect(numberFrom('')).toBeNull();
    expect(numberFrom('  ')).toBeNull();
    expect(numberFrom('2.5')).toBe(2.5);
    expect(numberFrom('-3')).toBe(-3);
    expect(numberFrom('abc')).toBeUndefined();
    expect(numberFrom('Infinity')).toBeUndefined();
    expect(textFrom('  hi ')).toBe('hi');
    expect(textFrom('   ')).toBeNull();
  });

  it('moves a day in the viewer zone: all-day stays all-day, a timed value keeps its local time', () => {
    expect(dayValue(null, '2026-03-04', 'Europe/Berlin')).toBe('2026-03-04');
    expect(dayValue('2026-03-01', '2026-03-04', 'Europe/Berlin')).toBe('2026-03-04');
    expect(dayValue('2026-03-01T08:00:00.000Z', '', 'Europe/Berlin')).toBeNull();
    // 09:00 in Berlin (UTC+1) on the 1st moves to 09:00 on the 30th, which is summer time (UTC+2).
    expect(dayValue('2026-03-01T08:00:00.000Z', '2026-03-30', 'Europe/Berlin')).toBe('2026-03-30T07:00:00.000Z');
  });

  it('compares and toggles sets', () => {
    expect(sameSet(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameSet(['a'], ['a', 'b'])).toBe(false);
    expect(sameSet(['a', 'a'], ['a', 'b'])).toBe(false);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggle(['a'], 'c')).toEqual(['a', 'c']);
    expect(asList('u1')).toEqual(['u1']);
    expect(asList(null)).toEqual([]);
    expect(withChosen([{ id: 'a', name: 'A' }], ['a', 'gone'])).toEqual([
      { id: 'a', name: 'A' },
      { id: 'gone', name: 'Unknown' },
    ]);
  });

  it('sends each custom field type in the shape the server checks, one field at a time', () => {
    const i = item({ fields: { f1: null } });
    const num = of(fieldEdit(field('number'), members), 'text');
    expect(num.input).toBe('number');
    expect(num.patch(i, '42')).toEqual({ fields: { f1: 42 } });
    expect(num.patch(i, '')).toEqual({ fields: { f1: null } });
    expect(num.patch(i, 'x')).toBeNull();
    const url = of(fieldEdit(field('url'), members), 'text');
    expect(url.input).toBe('url');
    expect(url.patch(i, ' https://a.example/x ')).toEqual({ fields: { f1: 'https://a.example/x' } });
    expect(of(fieldEdit(field('text'), members), 'text').patch(i, '')).toEqual({ fields: { f1: null } });
    expect(of(fieldEdit(field('date'), members), 'date').patch(i, '2026-05-01')).toEqual({ fields: { f1: '2026-05-01' } });
    expect(of(fieldEdit(field('date'), members), 'date').patch(i, null)).toEqual({ fields: { f1: null } });
    const box = of(fieldEdit(field('checkbox'), members), 'checkbox');
    expect(box.value(item({ fields: { f1: true } }))).toBe(true);
    expect(box.value(i)).toBe(false);
    expect(box.patch(i, true)).toEqual({ fields: { f1: true } });
    const opts = [{ id: 'o1', name: 'One' }];
    const sel = of(fieldEdit(field('select', opts), members), 'choice');
    expect(sel.options).toEqual(opts);
    expect(sel.none).toBeDefined();
    expect(sel.patch(i, 'o1')).toEqual({ fields: { f1: 'o1' } });
    expect(sel.patch(i, null)).toEqual({ fields: { f1: null } });
    const multi = of(fieldEdit(field('multi_select', opts), members), 'multi');
    expect(multi.value(item({ fields: { f1: ['o1'] } }))).toEqual(['o1']);
    expect(multi.patch(i, ['o1'])).toEqual({ fields: { f1: ['o1'] } });
    expect(multi.patch(i, [])).toEqual({ fields: { f1: null } });
    const person = of(fieldEdit(field('person'), members), 'multi');
    expect(person.options).toEqual([
      { id: 'u1', name: 'Ana' },
      { id: 'u2', name: 'Ben' },
    ]);
    expect(person.value(item({ fields: { f1: 'u2' } }))).toEqual(['u2']);
    expect(person.patch(i, ['u1', 'u2'])).toEqual({ fields: { f1: ['u1', 'u2'] } });
  });

  it('places a popup under its cell, or above it near the bottom of the window', () => {
    expect(popupPlace({ left: 10.4, top: 100, bottom: 140 }, 900)).toEqual({ left: 10, top: 140 });
    expect(popupPlace({ left: 10, top: 800, bottom: 840 }, 900)).toEqual({ left: 10, bottom: 100 });
    // No room above either: below, and the page scrolls.
    expect(popupPlace({ left: -5, top: 100, bottom: 140 }, 300)).toEqual({ left: 0, top: 140 });
  });
});
