import { CHECKIN_PERMISSIONS } from './areas/checkins';
import { INTAKE_PERMISSIONS } from './areas/intake';
import { ROUTINE_PERMISSIONS } from './areas/routines';
import { TEMPLATE_PERMISSIONS } from './areas/templates';

/** Workspace roles, strongest first. Guests see only spaces they are invited to. */
export const ROLES = ['owner', 'admin', 'member', 'guest'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_RANK: Record<Role, number> = { owner: 3, admin: 2, member: 1, guest: 0 };

/**
 * Every permission, as `resource.action`. A policy maps each of these to a predicate;
 * adding a name here makes the compiler point at every policy table that lacks it.
 */
export const CORE_PERMISSIONS = [
  'workspace.read',
  'workspace.update',
  'workspace.delete',
  'workspace.manageMembers',
  'workspace.invite',
  'workspace.readEvents',
  'team.create',
  'team.update',
  'team.delete',
  'space.create',
  'space.read',
  'space.update',
  'space.delete',
  'space.manageMembers',
  'space.manageWorkflow',
  'item.create',
  'item.read',
  'item.update',
  'item.delete',
  'item.comment',
  'comment.update',
  'comment.delete',
  'field.manage',
  'label.manage',
  'view.createShared',
  'view.createPersonal',
  'view.update',
  'view.delete',
  'view.share',
] as const;

/** Every permission: the core's and each area's (issue 4 areas keep theirs in ./areas/). */
export const PERMISSIONS = [...CORE_PERMISSIONS, ...ROUTINE_PERMISSIONS, ...INTAKE_PERMISSIONS, ...CHECKIN_PERMISSIONS, ...TEMPLATE_PERMISSIONS] as const;
export type Permission = (typeof PERMISSIONS)[number];
