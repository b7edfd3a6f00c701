import type { Migration } from 'kysely';
import type { Dialect } from '../dialect';

/** Tables of issue 4: intake forms, requests, SLAs, calendars. */
export function intakeMigration(_dialect: Dialect): Migration {
  return {
    async up() {},
  };
}
