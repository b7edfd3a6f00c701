import { resolve } from 'node:path';
import { defaultDatabaseUrl } from '@weft/db';

/** Server configuration, read from the environment (documented in the README). */
export type Config = {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  redisUrl: string | null;
  logLevel: string;
  signup: 'open' | 'invite-only';
  /** Public base URL, used to build invite links; defaults to the listening address. */
  publicUrl: string | null;
  webDist: string | null;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** Rate limits for login/signup per window (per address and per account). */
  authRateLimit: { max: number; windowMs: number };
  sessionDays: number;
  /** The live stream (realtime/): heartbeat, how far back `since` may resume, cluster channel prefix. */
  stream: StreamConfig;
};

export type StreamConfig = {
  /** Ping every socket this often; one that has not answered the previous ping is dropped. */
  heartbeatMs: number;
  /** A `since` more than this many events behind gets `resync` instead of a replay. */
  maxCatchUp: number;
  /** How often the outbox is read without a wake-up (a safety net; faster while Redis is down). */
  pollMs: number;
  /** How often access (the epoch) is re-checked for open sockets: revoked tokens, ended sessions. */
  accessCheckMs: number;
  /** Redis channel prefix, so several clusters (or tests) can share one Redis. */
  redisPrefix: string;
};

/** Builds the configuration from environment variables, with safe defaults for a laptop. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.WEFT_DATA_DIR ?? './data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const signup = env.WEFT_SIGNUP ?? 'open';
  if (signup !== 'open' && signup !== 'invite-only') throw new Error('WEFT_SIGNUP must be "open" or "invite-only"');
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    dataDir,
    databaseUrl: env.DATABASE_URL ?? defaultDatabaseUrl(dataDir),
    redisUrl: env.REDIS_URL ?? null,
    logLevel: env.LOG_LEVEL ?? 'info',
    signup,
    publicUrl: env.WEFT_PUBLIC_URL ?? null,
    webDist: env.WEFT_WEB_DIST ?? resolve(import.meta.dirname, '../../web/dist'),
    sqliteSynchronous: env.WEFT_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL',
    authRateLimit: { max: Number(env.WEFT_AUTH_RATE_MAX ?? 10), windowMs: 60_000 },
    sessionDays: 30,
    stream: {
      heartbeatMs: Number(env.WEFT_STREAM_HEARTBEAT_MS ?? 25_000),
      maxCatchUp: Number(env.WEFT_STREAM_MAX_CATCH_UP ?? 10_000),
      pollMs: Number(env.WEFT_STREAM_POLL_MS ?? 5_000),
      accessCheckMs: Number(env.WEFT_STREAM_ACCESS_CHECK_MS ?? 1_000),
      redisPrefix: env.WEFT_REDIS_PREFIX ?? 'weft',
    },
  };
}
