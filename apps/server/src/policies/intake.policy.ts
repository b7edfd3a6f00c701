import { atLeast, type Policy, writes } from './policy';
import { canReadSpace, type SpaceSubject } from './space.policy';

/** Members (not guests) who can see the space run its intake: forms, triage, SLA policies. */
const spaceEditor = writes<SpaceSubject>((m, s) => canReadSpace(m, s) && atLeast(m, 'member'));

/** Forms of a space: readers of the space see them (and may submit internal ones); editors manage them. */
export const formPolicy: Policy<'form', SpaceSubject> = {
  'form.read': canReadSpace,
  'form.manage': spaceEditor,
};

/** Requests follow their space: readers see them; members (not guests) triage. */
export const requestPolicy: Policy<'request', SpaceSubject> = {
  'request.read': canReadSpace,
  'request.triage': spaceEditor,
};

export const slaPolicy: Policy<'sla', SpaceSubject> = {
  'sla.read': canReadSpace,
  'sla.manage': spaceEditor,
};

/** Working calendars are workspace configuration: every member reads them, admins change them. */
export const calendarPolicy: Policy<'calendar', null> = {
  'calendar.read': () => true,
  'calendar.manage': writes((m) => atLeast(m, 'admin')),
};
