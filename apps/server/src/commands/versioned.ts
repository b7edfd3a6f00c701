import { WeftError } from '@weft/domain';

/**
 * Every update names the version it was based on; a missing one is refused (428), a stale one
 * gets 409 with the current record so the client can show what changed.
 */
export function requireVersion(version: number | undefined): number {
  if (version === undefined) throw new WeftError('VERSION_REQUIRED', 'send the version this change is based on (body "version" or If-Match)', { fields: [{ path: 'body.version', message: 'required' }] });
  return version;
}

export function versionConflict(current: unknown): never {
  throw new WeftError('VERSION_CONFLICT', 'this record changed since you loaded it', { extra: { current } });
}
