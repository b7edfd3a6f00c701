import { createTestDb } from '@weft/db';
import { argon2Hasher, buildApp, createDeps, loadConfig } from '@weft/server';

export type TestServer = { url: string; close(): Promise<void> };

/** A real Weft server on a random local port over an in-memory SQLite database, for CLI tests. */
export async function startTestServer(): Promise<TestServer> {
  const store = await createTestDb('sqlite');
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', WEFT_DATA_DIR: '/nonexistent-weft-test' }), webDist: null, authRateLimit: { max: 100_000, windowMs: 60_000 } };
  const deps = await createDeps(config, { store, hasher: argon2Hasher({ memoryCost: 1024, timeCost: 1 }) });
  const app = await buildApp(deps);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    async close() {
      await app.close();
      await store.close();
    },
  };
}
