import { atLeast, type Policy, writes } from './policy';
import { canReadSpace, type SpaceSubject } from './space.policy';

/** Routines follow their space: whoever reads the space sees them; members (not guests) who can see it manage them. */
export const routinePolicy: Policy<'routine', SpaceSubject> = {
  'routine.read': canReadSpace,
  'routine.manage': writes((m, s) => canReadSpace(m, s) && atLeast(m, 'member')),
};
