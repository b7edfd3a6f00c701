import type { Command } from 'commander';
import { usage } from '../exit-codes';
import type { Io } from '../io';

// The server code loads only when an admin verb runs: the everyday verbs stay a thin API client.

/** `weft serve`, `weft migrate`, `weft seed --demo`: they run the server's code in this process. */
export function registerAdmin(program: Command, io: Io): void {
  program
    .command('serve')
    .description('run the Weft server here (PORT, HOST, DATABASE_URL, WEFT_DATA_DIR, LOG_LEVEL)')
    .action(async () => {
      const { serveForever } = await import('./serve');
      await serveForever();
    });

  program
    .command('migrate')
    .description('bring the database schema up to date (DATABASE_URL or WEFT_DATA_DIR)')
    .action(async () => {
      const { runMigrate } = await import('./serve');
      const applied = await runMigrate();
      io.stdout(applied.length ? `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}\n`).join('')}` : 'The schema is up to date.\n');
    });

  program
    .command('seed')
    .description('fill the database with a demo workspace (refuses when the demo user exists)')
    .option('--demo', 'the demo workspace "Demo Co": streams, projects, ~200 items with history')
    .action(async (opts: { demo?: boolean }) => {
      if (!opts.demo) throw usage('say what to seed: weft seed --demo');
      const { runSeedDemo } = await import('./seed');
      await runSeedDemo(io);
    });
}
