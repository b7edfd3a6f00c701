import { PERMISSIONS, type Role } from '@weft/domain';
import { describe, expect, it } from 'vitest';
import type { Membership } from '../context';
import { calendarPolicy, formPolicy, requestPolicy, slaPolicy } from './intake.policy';
import type { SpaceSubject } from './space.policy';

const ROLES: Role[] = ['owner', 'admin', 'member', 'guest'];
const me = (role: Role, readOnly = false): Membership => ({ workspaceId: 'w', userId: 'me', role, readOnly });
const bits = (policy: Record<string, (m: Membership, s: never) => boolean>, perm: string, s: unknown, readOnly = false) =>
  ROLES.map((r) => (policy[perm](me(r, readOnly), s as never) ? '1' : '0')).join('');

describe('intake policy tables (role x action -> allowed; owner, admin, member, guest)', () => {
  const open: SpaceSubject = { visibility: 'workspace', isSpaceMember: false };
  const invited: SpaceSubject = { visibility: 'members', isSpaceMember: true };
  const closed: SpaceSubject = { visibility: 'members', isSpaceMember: false };

  it('covers every intake permission exactly once', () => {
    expect([formPolicy, requestPolicy, slaPolicy, calendarPolicy].flatMap((p) => Object.keys(p)).sort()).toEqual(PERMISSIONS.filter((p) => /^(form|request|sla|calendar)\./.test(p)).sort());
  });

  it('forms, requests and SLA policies follow the space: readers read, members (not guests) change', () => {
    for (const [policy, read, write] of [
      [formPolicy, 'form.read', 'form.manage'],
      [requestPolicy, 'request.read', 'request.triage'],
      [slaPolicy, 'sla.read', 'sla.manage'],
    ] as const) {
      expect([bits(policy, read, open), bits(policy, read, invited), bits(policy, read, closed)]).toEqual(['1110', '1111', '1100']);
      expect([bits(policy, write, open), bits(policy, write, invited), bits(policy, write, closed)]).toEqual(['1110', '1110', '1100']);
      expect(bits(policy, write, invited, true)).toBe('0000');
      expect(bits(policy, read, invited, true)).toBe('1111');
    }
  });

  it('calendars: every member reads, admins change', () => {
    expect(bits(calendarPolicy, 'calendar.read', null)).toBe('1111');
    expect(bits(calendarPolicy, 'calendar.manage', null)).toBe('1100');
    expect(bits(calendarPolicy, 'calendar.manage', null, true)).toBe('0000');
  });
});
