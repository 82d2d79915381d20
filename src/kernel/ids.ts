import { randomBytes, randomUUID } from 'node:crypto';

/** Row ids: random UUIDs, so two nodes never collide and ids leak no counts. */
export function newId(): string {
  return randomUUID();
}

/** A URL-safe secret (tokens, calendar feed keys, signed-link nonces). */
export function newSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
