import type { ApiTokensTable, UsersTable } from '@weft/db';

/** A user as the API shows them (never the password hash). */
export function presentUser(u: UsersTable) {
  return { id: u.id, email: u.email, name: u.name, timeZone: u.time_zone, createdAt: u.created_at };
}

export function presentToken(t: ApiTokensTable) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    readOnly: t.read_only === 1,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    expiresAt: t.expires_at,
    revokedAt: t.revoked_at,
  };
}
