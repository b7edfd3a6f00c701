import type { Membership } from '../context';
import { atLeast, type Policy, writes } from './policy';
import { canReadSpace, type SpaceSubject } from './space.policy';

/** A template and the actor's relation to it: its creator and, when scoped to a space, that space. */
export type TemplateSubject = { createdBy: string; space: SpaceSubject | null };

/**
 * Workspace-wide templates are for members (guests see only what lives in spaces they were invited
 * to); a space-scoped template is seen by whoever can read its space.
 */
export function canReadTemplate(m: Membership, t: TemplateSubject): boolean {
  if (t.space) return canReadSpace(m, t.space);
  return atLeast(m, 'member');
}

/** Members maintain templates; a template is changed or removed by its creator or an admin. */
const edit = writes<TemplateSubject>((m, t) => canReadTemplate(m, t) && atLeast(m, 'member') && (t.createdBy === m.userId || atLeast(m, 'admin')));

export const templatePolicy: Policy<'template', TemplateSubject> = {
  'template.read': canReadTemplate,
  'template.create': writes((m, t) => atLeast(m, 'member') && (!t.space || canReadSpace(m, t.space))),
  'template.update': edit,
  'template.delete': edit,
};
