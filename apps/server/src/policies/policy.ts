import { type Permission, ROLE_RANK, type Role, WeftError, type ErrorCode } from '@weft/domain';
import type { Membership } from '../context';

/** A policy rule: a small predicate with early returns that fails closed. */
export type Rule<S> = (m: Membership, subject: S) => boolean;

/** The permissions of one resource (`space.read` → `space`). */
export type PermissionsOf<R extends string> = Extract<Permission, `${R}.${string}`>;

/** A resource's policy: one rule for each of its permissions (the compiler flags a missing one). */
export type Policy<R extends string, S> = { [P in PermissionsOf<R>]: Rule<S> };

export const atLeast = (m: Membership, role: Role): boolean => ROLE_RANK[m.role] >= ROLE_RANK[role];

/** Read-only tokens may only read: every rule that changes state passes through this. */
export const writes =
  <S>(rule: Rule<S>): Rule<S> =>
  (m, s) =>
    !m.readOnly && rule(m, s);

/** Abilities for the API: `{ update: true, delete: false, … }` from a resource's policy. */
export function abilitiesOf<R extends string, S>(policy: Policy<R, S>, m: Membership, subject: S): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [perm, rule] of Object.entries(policy) as Array<[string, Rule<S>]>) {
    out[perm.slice(perm.indexOf('.') + 1)] = rule(m, subject);
  }
  return out;
}

/**
 * Throws unless allowed. `notFound` is the code to answer when the actor may not even read the
 * thing (its existence is not leaked); otherwise the answer is 403.
 */
export function authorize<R extends string, S>(
  policy: Policy<R, S>,
  perm: PermissionsOf<R>,
  m: Membership,
  subject: S,
  opts: { canRead: boolean; notFound: ErrorCode },
): void {
  if (!opts.canRead) throw new WeftError(opts.notFound, 'not found');
  if (!policy[perm](m, subject)) {
    if (m.readOnly && !perm.endsWith('.read')) throw new WeftError('TOKEN_READ_ONLY', 'this API token is read-only');
    throw new WeftError('FORBIDDEN', `you may not ${perm.replace('.', ' ')}`);
  }
}
