import { WeftError } from '../errors';
import type { QueryOp } from './ast';

/*
 * Hand-written scanner rather than a parser generator or a regex split: the grammar is tiny
 * (terms separated by spaces), every error must carry the exact offset and length of the problem
 * for the editor to underline it, and the domain package takes no dependency for it.
 *
 *   query  := term*
 *   term   := '-'? name ':' op? values  |  word  |  quoted
 *   name   := word | quoted              values := value (',' value)*
 *   op     := '>=' | '<=' | '>' | '<' | '='
 */

/** A value as written, with where it sits so errors can point at it. */
export type RawValue = { text: string; position: number; length: number; quoted: boolean };

export type Term =
  | { kind: 'text'; text: string; position: number; length: number }
  | {
      kind: 'field';
      name: string;
      position: number;
      length: number;
      negated: boolean;
      op: QueryOp;
      opPosition: number;
      values: RawValue[];
    };

/** Throws the one error the query language reports, pointing at `[position, position + length)`. */
export function queryError(message: string, position: number, length = 1): WeftError {
  return new WeftError('QUERY_INVALID', message, { extra: { position, length: Math.max(length, 1) } });
}

const OPS: readonly QueryOp[] = ['>=', '<=', '>', '<', '='];
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** Splits a query into terms; throws QUERY_INVALID on syntax errors. */
export function tokenize(input: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  const n = input.length;

  // Reads a double-quoted string starting at i (which is on the quote); `\"` and `\\` escape.
  const readQuoted = (): string => {
    const start = i;
    let out = '';
    i++;
    while (i < n && input[i] !== '"') {
      if (input[i] === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\')) i++;
      out += input[i++];
    }
    if (i >= n) throw queryError('Unterminated quote', start, n - start);
    i++;
    return out;
  };
  const readWhile = (stop: (c: string) => boolean): string => {
    const start = i;
    while (i < n && !stop(input[i])) i++;
    return input.slice(start, i);
  };

  while (i < n) {
    if (isSpace(input[i])) {
      i++;
      continue;
    }
    const termStart = i;
    const negated = input[i] === '-' && i + 1 < n && !isSpace(input[i + 1]);
    if (negated) i++;
    const namePos = i;
    const quoted = input[i] === '"';
    const name = quoted ? readQuoted() : readWhile((c) => isSpace(c) || c === ':' || c === '"');
    if (input[i] !== ':') {
      if (negated) throw queryError('Only field terms can be negated: use -field:value', termStart, i - termStart);
      if (name.trim() !== '') terms.push({ kind: 'text', text: name, position: termStart, length: i - termStart });
      continue;
    }
    if (name.trim() === '') throw queryError("Missing field name before ':'", namePos, i - namePos + 1);
    const nameLength = i - namePos;
    i++;
    const opPosition = i;
    const found = OPS.find((o) => input.startsWith(o, i));
    if (found) i += found.length;
    const op = found ?? '=';
    const values: RawValue[] = [];
    for (;;) {
      const vPos = i;
      const vQuoted = input[i] === '"';
      const text = vQuoted ? readQuoted() : readWhile((c) => isSpace(c) || c === ',' || c === '"');
      if (text.trim() === '') throw queryError(`Empty value for '${name}'`, vPos, i - vPos);
      values.push({ text: text.trim(), position: vPos, length: i - vPos, quoted: vQuoted });
      if (input[i] === ',') {
        i++;
        continue;
      }
      if (input[i] === '"') throw queryError('Unexpected quote inside a value', i);
      break;
    }
    terms.push({ kind: 'field', name, position: namePos, length: nameLength, negated, op, opPosition, values });
  }
  return terms;
}
