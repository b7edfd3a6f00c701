import { hashSecret } from '@weft/db';
import { INTAKE_LIMITS, WeftError } from '@weft/domain';
import type { Db } from '../../context';

/** What the limits key on: the address hashed, so raw client addresses are never stored. */
export const clientKey = (ip: string): string => hashSecret(`weft-intake-client:${ip}`);

/**
 * Public submissions allowed per requester address and per client within a sliding window, counted
 * from the requests themselves: shared by every server process, read with the injected clock, and a
 * refused submission writes nothing. Two simultaneous submissions may both pass the last free slot
 * (a check, not a lock): the limit is a brake on floods, not an exact quota.
 */
export async function checkSubmissionRate(db: Db, email: string, ip: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - INTAKE_LIMITS.windowMs).toISOString();
  const count = async (col: 'requester_email' | 'ip_hash', v: string) =>
    Number(
      (
        await db
          .selectFrom('intake_requests')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(col, '=', v)
          .where('created_at', '>', since)
          .where('requester_user_id', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const minutes = INTAKE_LIMITS.windowMs / 60_000;
  if ((await count('requester_email', email)) >= INTAKE_LIMITS.perEmail) {
    throw new WeftError('RATE_LIMITED', `too many requests from this email address; at most ${INTAKE_LIMITS.perEmail} in ${minutes} minutes`);
  }
  if ((await count('ip_hash', clientKey(ip))) >= INTAKE_LIMITS.perClient) {
    throw new WeftError('RATE_LIMITED', `too many requests from this network address; at most ${INTAKE_LIMITS.perClient} in ${minutes} minutes`);
  }
}
