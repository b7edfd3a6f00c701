import { connect, migrateToLatest, type WeftDb } from '@weft/db';
import pino from 'pino';
import { argon2Hasher, type PasswordHasher } from './auth/password';
import { type Clock, systemClock } from './clock';
import type { Config } from './config';
import type { Deps } from './context';
import { memoryBus } from './events/bus';
import { redisBus } from './realtime/redis-bus';

/** Opens the database, brings its schema up to date and wires the collaborators. */
export async function createDeps(config: Config, opts: { clock?: Clock; store?: WeftDb; hasher?: PasswordHasher } = {}): Promise<Deps> {
  const store = opts.store ?? connect({ url: config.databaseUrl, sqliteSynchronous: config.sqliteSynchronous });
  await migrateToLatest(store.db, store.dialect);
  const log = pino({ level: config.logLevel });
  return {
    store,
    clock: opts.clock ?? systemClock,
    config,
    // With REDIS_URL, commits wake the other processes' streams (realtime/redis-bus.ts).
    bus: config.redisUrl ? redisBus(config.redisUrl, config.stream.redisPrefix, log) : memoryBus(),
    log,
    hasher: opts.hasher ?? argon2Hasher(),
  };
}
