import type { Database, Dialect, WeftDb } from '@weft/db';
import type { Role } from '@weft/domain';
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock';
import type { Config } from './config';
import type { PasswordHasher } from './auth/password';
import type { EventBus } from './events/bus';

/** Long-lived collaborators, built once per process. */
export type Deps = {
  store: WeftDb;
  clock: Clock;
  config: Config;
  bus: EventBus;
  log: FastifyBaseLogger;
  hasher: PasswordHasher;
};

/** Who is acting: a signed-in user, through a session or an API token. */
export type Actor = { userId: string; tokenId: string | null; readOnly: boolean };

/** What every command and query receives. */
export type Ctx = { deps: Deps; actor: Actor; requestId: string };

/** The actor's membership in one workspace: what the policies decide on. */
export type Membership = { workspaceId: string; userId: string; role: Role; readOnly: boolean };

export type Db = Kysely<Database>;
export type { Dialect };
