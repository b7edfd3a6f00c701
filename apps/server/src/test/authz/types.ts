import type { LightMyRequestResponse } from 'fastify';
import type { FullActor, FullMatrix } from '../factories';
import type { TestApp } from '../harness';

export const api = '/api/v1';

/** The status each kind of caller must get. */
export type Expect = Record<FullActor, number>;
export type Req = [method: string, url: string, body?: unknown];

/**
 * One route against every caller. `route` is the route table's key, `METHOD /api/v1/...` with the
 * `:params` as registered. `req` builds the request; the runner calls it again for every caller
 * whose write is expected to succeed (so each gets its own target), and shares one built request
 * among reads and refused callers (a refused request writes nothing; the runner checks that).
 */
export type AuthzCase = {
  route: string;
  /** tells apart several cases of one route (by id and by key, personal and shared...) */
  variant?: string;
  expect: Expect;
  req: (w: FullMatrix, t: TestApp, actor: FullActor) => Promise<Req>;
  /** a suspected bug in the code: listed, not run, until the lead decides */
  todo?: string;
};

/** A public route: anonymous callers are served (never 401). */
export type PublicCase = { route: string; status: number; req: (t: TestApp) => Promise<Req> };

const SIGNED_OUT = { anonymous: 401, revoked: 401 } as const;

/**
 * A write in the matrix workspace: allowed for every member who can see the target, refused (403)
 * for the member's read-only token, and "not found" for strangers. Overrides narrow it down.
 */
export const write = (ok: number, o: Partial<Expect> = {}): Expect => ({
  ...SIGNED_OUT,
  outsider: 404,
  guestOut: 404,
  guestIn: ok,
  member: ok,
  admin: ok,
  owner: ok,
  readOnly: 403,
  ...o,
});

/** A read in the matrix workspace: the read-only token reads like the member. */
export const read = (o: Partial<Expect> = {}): Expect => write(200, { readOnly: 200, ...o });

/** Only members and up (not guests): guestIn refused, guestOut refused or not found as given. */
export const membersOnly = (ok: number, guestOut = 403, o: Partial<Expect> = {}): Expect => write(ok, { guestIn: 403, guestOut, ...o });

/** Only admins and owners. */
export const adminsOnly = (ok: number, guestOut = 403, o: Partial<Expect> = {}): Expect => write(ok, { member: 403, guestIn: 403, guestOut, ...o });

/** Routes about the caller themselves: every signed-in user, whatever workspace they are in. */
export const self = (ok: number, isWrite: boolean): Expect => ({
  ...SIGNED_OUT,
  outsider: ok,
  guestOut: ok,
  guestIn: ok,
  member: ok,
  admin: ok,
  owner: ok,
  readOnly: isWrite ? 403 : ok,
});

/** Fails setup loudly: a fixture that did not build would make every answer meaningless. */
export function must(res: LightMyRequestResponse, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`setup ${what}: expected ${status}, got ${res.statusCode} ${res.body}`);
  return res.json();
}

let seq = 0;
/** A short unique suffix for names and keys that must not collide. */
export const uniq = (): string => {
  seq += 1;
  return `${seq}${Math.random().toString(36).slice(2, 6)}`;
};
