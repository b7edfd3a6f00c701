import type { Membership } from '../context';
import { atLeast, type Policy, writes } from './policy';
import { canReadSpace, type SpaceSubject } from './space.policy';

/** Fields and labels: workspace-wide configuration that members (not guests) maintain. */
export const configPolicy: Policy<'field' | 'label', null> = {
  'field.manage': writes((m) => atLeast(m, 'member')),
  'label.manage': writes((m) => atLeast(m, 'member')),
};

/** A saved view: personal ones belong to their owner alone; shared ones to the space's editors. */
export type ViewSubject = { ownerId: string | null; shared: boolean; space: SpaceSubject | null };

export function canReadView(m: Membership, v: ViewSubject): boolean {
  if (v.space && !canReadSpace(m, v.space)) return false;
  return v.shared || v.ownerId === m.userId;
}

const editView = writes<ViewSubject>((m, v) => {
  if (!canReadView(m, v)) return false;
  if (!v.shared) return v.ownerId === m.userId;
  return atLeast(m, 'member');
});

export const viewPolicy: Policy<'view', ViewSubject> = {
  'view.createShared': writes((m, v) => atLeast(m, 'member') && (!v.space || canReadSpace(m, v.space))),
  'view.createPersonal': writes((m, v) => !v.space || canReadSpace(m, v.space)),
  'view.update': editView,
  'view.delete': editView,
  // Sharing or unsharing hides or shows the view for everyone else: the owner decides, and only
  // someone who may create shared views may share one.
  'view.share': writes((m, v) => canReadView(m, v) && v.ownerId === m.userId && atLeast(m, 'member')),
};
