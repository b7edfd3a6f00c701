import { Writable } from 'node:stream';
import { createTestDb } from '@weft/db';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { argon2Hasher } from './auth/password';
import { manualClock } from './clock';
import { loadConfig } from './config';
import { createDeps } from './deps';

/**
 * Request loggers are made lazily (app.ts, LazyChildLogger): a request that logs must still log
 * with its request id bound, at the parent's level, and one that does not log writes nothing.
 */
describe('request logging', () => {
  const lines: Array<Record<string, unknown>> = [];
  let app: Awaited<ReturnType<typeof buildApp>>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const store = await createTestDb('sqlite');
    const config = { ...loadConfig({ LOG_LEVEL: 'warn', WEFT_DATA_DIR: '/nonexistent-weft-test' }), webDist: null };
    const deps = await createDeps(config, { store, clock: manualClock(), hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }) });
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    deps.log = pino({ level: 'warn' }, sink);
    app = await buildApp(deps);
    app.get('/boom', { config: { auth: 'public' } }, async (req) => {
      req.log.info('below the level: not written');
      throw new Error('kaboom');
    });
    await app.ready();
    close = async () => {
      await app.close();
      await store.close();
    };
  });
  afterAll(async () => close());

  it('logs an unhandled error with the request id, and nothing below the level', async () => {
    const ok = await app.inject({ method: 'GET', url: '/healthz' });
    expect(ok.statusCode).toBe(200);
    expect(lines).toHaveLength(0);
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    const requestId = res.json().requestId ?? String(res.json().detail).match(/request id (\S+)/)?.[1];
    expect(requestId).toBeTruthy();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: 'unhandled error', reqId: requestId, requestId });
    expect(JSON.stringify(lines[0].err)).toContain('kaboom');
  });
});
