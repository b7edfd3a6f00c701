import type { Migration } from 'kysely';
import type { Dialect } from '../dialect';

/** Tables of issue 4: routines and the scheduler. */
export function routinesMigration(_dialect: Dialect): Migration {
  return {
    async up() {},
  };
}
