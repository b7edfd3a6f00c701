import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

/** A new sortable id (UUIDv7 without dashes). */
export function newId(): string {
  return uuidv7().replaceAll('-', '');
}

/** A random secret, URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 of a high-entropy secret (tokens, sessions): enough because the secret is random. */
export function hashSecret(secret: string): string {
  // One-shot `hash` (Node ≥ 20.12): about half the cost of createHash().update().digest() per request.
  return hash('sha256', secret, 'hex');
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
