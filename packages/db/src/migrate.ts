import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Dialect } from './dialect';
import { coreMigration } from './migrations/20261126000000-core';
import { routinesMigration } from './migrations/20261127000100-routines';
import { intakeMigration } from './migrations/20261127000200-intake';
import { checkinsMigration } from './migrations/20261127000300-checkins';
import { templatesMigration } from './migrations/20261127000400-templates';
import { perfMigration } from './migrations/20261127000500-perf';

/** All migrations, in order. Never edit one that has landed: add a new one. */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '20261126000000-core': coreMigration(dialect),
    '20261127000100-routines': routinesMigration(dialect),
    '20261127000200-intake': intakeMigration(dialect),
    '20261127000300-checkins': checkinsMigration(dialect),
    '20261127000400-templates': templatesMigration(dialect),
    '20261127000500-perf': perfMigration(dialect),
  };
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
