import type { Migration } from 'kysely';
import type { Dialect } from '../dialect';

/** Tables of issue 4: check-ins. */
export function checkinsMigration(_dialect: Dialect): Migration {
  return {
    async up() {},
  };
}
