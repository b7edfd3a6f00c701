import { migrate, serve } from '@weft/server';

/** Starts the server and never resolves: it stops on SIGINT/SIGTERM (serve() handles them). */
export async function serveForever(): Promise<never> {
  await serve();
  return new Promise<never>(() => {});
}

/** The names of the migrations applied now (empty when the schema was up to date). */
export function runMigrate(): Promise<string[]> {
  return migrate();
}
