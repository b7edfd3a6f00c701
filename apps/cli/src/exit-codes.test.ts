import { WeftApiError, WeftNetworkError } from '@weft/client';
import { ERROR_CATALOGUE } from '@weft/domain';
import { describe, expect, it } from 'vitest';
import { CliError, describeError, EXIT, exitCodeFor } from './exit-codes';
import { due, table } from './format';

describe('exit codes', () => {
  it.each([
    ['VALIDATION_FAILED', 2],
    ['QUERY_INVALID', 2],
    ['USAGE', 2],
    ['UNAUTHENTICATED', 3],
    ['INVALID_CREDENTIALS', 3],
    ['FORBIDDEN', 4],
    ['TOKEN_READ_ONLY', 4],
    ['ITEM_NOT_FOUND', 5],
    ['WORKSPACE_NOT_FOUND', 5],
    ['VERSION_CONFLICT', 6],
    ['RATE_LIMITED', 7],
    ['UNREACHABLE', 8],
    ['INTERNAL', 1],
    ['SOMETHING_NEW', 1],
    ['REQUEST_ALREADY_TRIAGED', 6],
    ['ALREADY_ANSWERED', 6],
    ['TEMPLATE_UNSUPPORTED', 2],
  ])('%s exits %i', (code, exit) => {
    expect(exitCodeFor(code)).toBe(exit);
  });

  it('maps every catalogued code to a documented status', () => {
    for (const code of Object.keys(ERROR_CATALOGUE)) expect(Object.values(EXIT)).toContain(exitCodeFor(code));
  });

  it('describes API, network and CLI errors', () => {
    const q = new WeftApiError(400, { type: 't', title: 't', status: 400, code: 'QUERY_INVALID', detail: 'bad', requestId: 'r', position: 4 });
    expect(describeError(q, 'http://s')).toEqual({ code: 'QUERY_INVALID', detail: 'bad (at position 4)' });
    const u = new WeftApiError(401, { type: 't', title: 't', status: 401, code: 'UNAUTHENTICATED', detail: 'sign in', requestId: 'r' });
    expect(describeError(u, 'http://s').detail).toContain('weft login --server http://s');
    expect(describeError(new WeftNetworkError('http://s', new Error('x')), 'http://s').code).toBe('UNREACHABLE');
    expect(describeError(new CliError('USAGE', 'no'), 'http://s')).toEqual({ code: 'USAGE', detail: 'no' });
    expect(describeError(new Error('boom'), 'http://s')).toEqual({ code: 'INTERNAL', detail: 'boom' });
  });
});

describe('format', () => {
  it('aligns columns and leaves the last one unpadded', () => {
    expect(table(['A', 'BB'], [['xyz', 'long text'], [null, 'b']])).toBe('A    BB\nxyz  long text\n     b');
  });
  it('marks open items past their due date', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    expect(due('2026-11-25', true, now)).toBe('2026-11-25 (overdue)');
    expect(due('2026-11-25', false, now)).toBe('2026-11-25');
    expect(due('2026-11-26', true, now)).toBe('2026-11-26');
    expect(due(null, true, now)).toBe('');
  });
});
