import { connect, migrateToLatest } from '@weft/db';
import { buildApp } from './app';
import { loadConfig } from './config';
import { createDeps } from './deps';
import { startJobs } from './jobs/runner';

/** Server entry: `serve` (default) or `migrate`. The `weft` CLI calls the same functions. */
export async function serve(): Promise<{ close(): Promise<void>; url: string }> {
  const config = loadConfig();
  const deps = await createDeps(config);
  const app = await buildApp(deps);
  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace('[::1]', 'localhost');
  console.log(`Weft listening on ${url}`);
  // The scheduler (routines and other jobs): its state is in the database, so restarts resume it.
  const stopJobs = startJobs(deps, { intervalMs: 5_000 });
  const close = async () => {
    await stopJobs();
    await app.close();
    await deps.store.close();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void close().then(() => process.exit(0)));
  return { close, url };
}

export async function migrate(): Promise<string[]> {
  const config = loadConfig();
  const store = connect({ url: config.databaseUrl });
  try {
    return await migrateToLatest(store.db, store.dialect);
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cmd = process.argv[2] ?? 'serve';
  if (cmd === 'migrate') {
    migrate().then((applied) => console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date'));
  } else {
    serve().catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
  }
}
