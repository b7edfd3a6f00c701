import { describe, expect, it } from 'vitest';
import { matchMentions, parseMentions } from './mentions';

const people = [
  { id: 'u1', name: 'Ana Lopez', email: 'ana@acme.test' },
  { id: 'u2', name: 'Bo Chen', email: 'bo.chen@acme.test' },
  { id: 'u3', name: 'Bo Diaz', email: 'bdiaz@acme.test' },
  { id: 'u4', name: 'Zoë', email: 'zoe@acme.test' },
];
const mentions = (body: string) => matchMentions(parseMentions(body), people);

describe('parseMentions', () => {
  it('reads quoted names, emails and bare words, once each, in order', () => {
    expect(parseMentions('hi @"Ana Lopez", @bo.chen@acme.test and @zoë! again @zoë')).toEqual([
      { kind: 'quoted', text: 'Ana Lopez' },
      { kind: 'email', text: 'bo.chen@acme.test' },
      { kind: 'word', text: 'zoë' },
    ]);
  });
  it('ignores plain email addresses, code and trailing punctuation', () => {
    expect(parseMentions('mail ana@acme.test')).toEqual([]);
    expect(parseMentions('run `@build` or\n```\n@deploy\n```\nthanks @ana.')).toEqual([{ kind: 'word', text: 'ana' }]);
    expect(parseMentions('@')).toEqual([]);
  });
});

describe('matchMentions', () => {
  it('matches emails and quoted names exactly, any case', () => {
    expect(mentions('@BO.CHEN@acme.test')).toEqual(['u2']);
    expect(mentions('@"ana lopez"')).toEqual(['u1']);
    expect(mentions('@"Ana"')).toEqual([]);
  });
  it('matches a bare word to a squashed full name, an email local part or a unique first name', () => {
    expect(mentions('@AnaLopez')).toEqual(['u1']);
    expect(mentions('@bdiaz')).toEqual(['u3']);
    expect(mentions('@ana')).toEqual(['u1']);
    expect(mentions('@Zoë')).toEqual(['u4']);
  });
  it('mentions nobody when a first name is ambiguous or unknown', () => {
    expect(mentions('@bo')).toEqual([]);
    expect(mentions('@nobody')).toEqual([]);
  });
  it('does not repeat a person mentioned twice in different ways', () => {
    expect(mentions('@ana @"Ana Lopez" @ana@acme.test')).toEqual(['u1']);
  });
});
