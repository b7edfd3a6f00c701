import { createDeps, loadConfig, seedDemo } from '@weft/server';
import type { Io } from '../io';

/** `weft seed --demo` against the database the server would use (DATABASE_URL / WEFT_DATA_DIR). */
export async function runSeedDemo(io: Io): Promise<void> {
  // One log line per seeded request would bury the summary: quiet unless asked otherwise.
  const config = loadConfig({ ...io.env, LOG_LEVEL: io.env.LOG_LEVEL ?? 'warn' });
  const deps = await createDeps(config);
  try {
    const r = await seedDemo(deps, { now: new Date() });
    const url = config.publicUrl ?? `http://${config.host}:${config.port}`;
    io.stdout(
      [
        `Seeded workspace "${r.workspace.name}": ${r.counts.spaces} spaces, ${r.counts.items} items, ${r.counts.comments} comments.`,
        `Open ${url} (start it with \`weft serve\` or \`npm start\`) and sign in:`,
        `  email:    ${r.login.email}`,
        `  password: ${r.login.password}`,
        '',
      ].join('\n'),
    );
  } finally {
    await deps.store.close();
  }
}
