import type { Role } from '@weft/domain';
import { describe, expect, it } from 'vitest';
import type { Membership } from '../context';
import { type CheckinSubject, checkinCommentPolicy, checkinPolicy } from './checkins.policy';
import { type TemplateSubject, templatePolicy } from './templates.policy';

const ROLES: Role[] = ['owner', 'admin', 'member', 'guest'];
const me = (role: Role, readOnly = false): Membership => ({ workspaceId: 'w', userId: 'me', role, readOnly });
/** Expected results per role, in the order owner, admin, member, guest ('1' allowed, '0' refused). */
const row = (bits: string) => Object.fromEntries(ROLES.map((r, i) => [r, bits[i] === '1']));

function check<S>(policy: Record<string, (m: Membership, s: S) => boolean>, subject: S, table: Record<string, string>) {
  for (const [perm, bits] of Object.entries(table)) {
    expect({ perm, got: Object.fromEntries(ROLES.map((r) => [r, policy[perm](me(r), subject)])) }).toEqual({ perm, got: row(bits) });
    for (const r of ROLES) if (!perm.endsWith('.read')) expect(policy[perm](me(r, true), subject)).toBe(false);
  }
}

describe('check-in and template policy tables (role x action -> allowed)', () => {
  it('check-ins: workspace-visible, private, and as a participant or creator', () => {
    const open: CheckinSubject = { createdBy: 'other', visibility: 'workspace', isParticipant: false };
    check(checkinPolicy, open, { 'checkin.read': '1110', 'checkin.create': '1110', 'checkin.update': '1100', 'checkin.delete': '1100', 'checkin.answer': '0000', 'checkin.comment': '1110' });
    const secret: CheckinSubject = { ...open, visibility: 'participants' };
    check(checkinPolicy, secret, { 'checkin.read': '1100', 'checkin.comment': '1100', 'checkin.update': '1100' });
    const asked: CheckinSubject = { ...secret, isParticipant: true };
    check(checkinPolicy, asked, { 'checkin.read': '1111', 'checkin.answer': '1111', 'checkin.comment': '1111', 'checkin.update': '1100' });
    const mine: CheckinSubject = { ...secret, createdBy: 'me' };
    check(checkinPolicy, mine, { 'checkin.read': '1111', 'checkin.update': '1111', 'checkin.delete': '1111' });
    check(checkinCommentPolicy, { authorId: 'me', checkin: open }, { 'checkinComment.update': '1110', 'checkinComment.delete': '1110' });
    check(checkinCommentPolicy, { authorId: 'other', checkin: asked }, { 'checkinComment.update': '0000', 'checkinComment.delete': '1100' });
  });

  it('templates: workspace-wide for members, space-scoped follow the space, creator or admin edits', () => {
    const wide: TemplateSubject = { createdBy: 'other', space: null };
    check(templatePolicy, wide, { 'template.read': '1110', 'template.create': '1110', 'template.update': '1100', 'template.delete': '1100' });
    check(templatePolicy, { createdBy: 'me', space: null }, { 'template.update': '1110', 'template.delete': '1110' });
    const invited: TemplateSubject = { createdBy: 'me', space: { visibility: 'members', isSpaceMember: true } };
    check(templatePolicy, invited, { 'template.read': '1111', 'template.create': '1110', 'template.update': '1110' });
    const hidden: TemplateSubject = { createdBy: 'other', space: { visibility: 'members', isSpaceMember: false } };
    check(templatePolicy, hidden, { 'template.read': '1100', 'template.create': '1100', 'template.update': '1100' });
  });
});
