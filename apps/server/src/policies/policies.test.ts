import { PERMISSIONS, type Role } from '@weft/domain';
import { describe, expect, it } from 'vitest';
import type { Membership } from '../context';
import { checkinCommentPolicy, checkinPolicy } from './checkins.policy';
import { commentPolicy, type ItemSubject, itemPolicy } from './item.policy';
import { configPolicy, type ViewSubject, viewPolicy } from './config.policy';
import { calendarPolicy, formPolicy, requestPolicy, slaPolicy } from './intake.policy';
import { routinePolicy } from './routines.policy';
import { spacePolicy, type SpaceSubject } from './space.policy';
import { templatePolicy } from './templates.policy';
import { mayGrantRole, mayManageMember, workspacePolicy } from './workspace.policy';

const ROLES: Role[] = ['owner', 'admin', 'member', 'guest'];
const me = (role: Role, readOnly = false): Membership => ({ workspaceId: 'w', userId: 'me', role, readOnly });
/** Expected results per role, in the order owner, admin, member, guest ('1' allowed, '0' refused). */
const row = (bits: string) => Object.fromEntries(ROLES.map((r, i) => [r, bits[i] === '1']));

function check<S>(policy: Record<string, (m: Membership, s: S) => boolean>, subject: S, table: Record<string, string>) {
  for (const [perm, bits] of Object.entries(table)) {
    const got = Object.fromEntries(ROLES.map((r) => [r, policy[perm](me(r), subject)]));
    expect({ perm, got }).toEqual({ perm, got: row(bits) });
    // A read-only token may read and nothing else, whatever the role.
    for (const r of ROLES) if (!perm.endsWith('.read') && perm !== 'workspace.readEvents') expect(policy[perm](me(r, true), subject)).toBe(false);
  }
}

describe('policy tables (role x action -> allowed)', () => {
  it('covers every permission name exactly once', () => {
    const covered = [workspacePolicy, spacePolicy, itemPolicy, commentPolicy, configPolicy, viewPolicy, formPolicy, requestPolicy, slaPolicy, calendarPolicy, checkinPolicy, checkinCommentPolicy, templatePolicy, routinePolicy].flatMap((p) => Object.keys(p));
    expect([...covered].sort()).toEqual([...PERMISSIONS].sort());
  });

  it('workspace and teams', () => {
    check(workspacePolicy, null, {
      'workspace.read': '1111',
      'workspace.update': '1100',
      'workspace.delete': '1000',
      'workspace.manageMembers': '1100',
      'workspace.invite': '1110',
      'workspace.readEvents': '1111',
      'team.create': '1100',
      'team.update': '1100',
      'team.delete': '1100',
    });
    expect(ROLES.map((r) => mayGrantRole(me(r), 'owner'))).toEqual([true, false, false, false]);
    expect(ROLES.map((r) => mayGrantRole(me(r), 'admin'))).toEqual([true, true, false, false]);
    expect(ROLES.map((r) => mayManageMember(me(r), 'owner'))).toEqual([true, false, false, false]);
  });

  const open: SpaceSubject = { visibility: 'workspace', isSpaceMember: false };
  const privateNotIn: SpaceSubject = { visibility: 'members', isSpaceMember: false };
  const invited: SpaceSubject = { visibility: 'members', isSpaceMember: true };

  it('spaces: workspace-visible, members-only, and invited', () => {
    const edit = { 'space.create': '1110', 'space.delete': '1100' };
    check(spacePolicy, open, { ...edit, 'space.read': '1110', 'space.update': '1110', 'space.manageMembers': '1110', 'space.manageWorkflow': '1110' });
    check(spacePolicy, privateNotIn, { ...edit, 'space.read': '1100', 'space.update': '1100', 'space.manageMembers': '1100', 'space.manageWorkflow': '1100' });
    check(spacePolicy, invited, { ...edit, 'space.read': '1111', 'space.update': '1110', 'space.manageMembers': '1110', 'space.manageWorkflow': '1110' });
  });

  it('items: guests work on what they created or are assigned', () => {
    const someone: ItemSubject = { space: invited, createdBy: 'other', assigneeIds: [] };
    check(itemPolicy, someone, { 'item.read': '1111', 'item.create': '1111', 'item.update': '1110', 'item.delete': '1110', 'item.comment': '1111' });
    check(itemPolicy, { ...someone, assigneeIds: ['me'] }, { 'item.update': '1111', 'item.delete': '1110' });
    check(itemPolicy, { ...someone, createdBy: 'me' }, { 'item.update': '1111', 'item.delete': '1111' });
    check(itemPolicy, { ...someone, space: privateNotIn }, { 'item.read': '1100', 'item.create': '1100', 'item.update': '1100', 'item.delete': '1100', 'item.comment': '1100' });
  });

  it('comments: authors edit their own; admins may also delete', () => {
    const item: ItemSubject = { space: invited, createdBy: 'other', assigneeIds: [] };
    check(commentPolicy, { authorId: 'other', item }, { 'comment.update': '0000', 'comment.delete': '1100' });
    check(commentPolicy, { authorId: 'me', item }, { 'comment.update': '1111', 'comment.delete': '1111' });
  });

  it('fields, labels and views', () => {
    check(configPolicy, null, { 'field.manage': '1110', 'label.manage': '1110' });
    const shared: ViewSubject = { ownerId: 'other', shared: true, space: open };
    check(viewPolicy, shared, { 'view.createShared': '1110', 'view.createPersonal': '1110', 'view.update': '1110', 'view.delete': '1110', 'view.share': '0000' });
    check(viewPolicy, { ownerId: 'me', shared: true, space: open }, { 'view.share': '1110' });
    const mine: ViewSubject = { ownerId: 'me', shared: false, space: null };
    check(viewPolicy, mine, { 'view.createPersonal': '1111', 'view.update': '1111', 'view.delete': '1111', 'view.share': '1110' });
    const theirs: ViewSubject = { ownerId: 'other', shared: false, space: null };
    check(viewPolicy, theirs, { 'view.update': '0000', 'view.delete': '0000', 'view.share': '0000' });
  });
});
