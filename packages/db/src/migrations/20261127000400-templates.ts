import type { Migration } from 'kysely';
import type { Dialect } from '../dialect';

/** Tables of issue 4: templates. */
export function templatesMigration(_dialect: Dialect): Migration {
  return {
    async up() {},
  };
}
