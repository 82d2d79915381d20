// Password hashes (scrypt, per-user salt) and the hashing of bearer secrets. Secrets are stored
// only as hashes: a stolen database gives no working token or session.
import { createHash, scrypt, timingSafeEqual } from 'node:crypto';
import { invalid } from '../kernel/errors.ts';

const N = 16384, R = 8, P = 1, LEN = 32;

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, LEN, { N, r: R, p: P }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export function checkPasswordStrength(password: string): void {
  if (password.length < 10) throw invalid('user.weak_password', 'A password needs at least 10 characters.');
  if (password.length > 200) throw invalid('user.bad_password', 'A password may have at most 200 characters.');
}

/** The salt is 16 random bytes the caller draws (the use cases, with randomBytes), so this file stays free of randomness. */
export async function hashPassword(password: string, salt: Buffer): Promise<string> {
  const key = await scryptAsync(password, salt);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * A hash of a random password nobody knows, with the same parameters as real ones. Sign-in checks
 * against it when the e-mail is unknown, inactive or has no password, so every failed sign-in costs
 * the same scrypt work and the answer time does not tell which e-mail addresses have accounts.
 */
export const DUMMY_PASSWORD_HASH = 'scrypt$16384$8$1$CoK7RBIvO99nzJiL2kMZFw==$9sibaOt6aQKtljz86/Q1IaZcwSKKe99gBTfCC47zWW4=';

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [scheme, , , , salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Bearer secrets (API tokens, session cookies) are random and long: a fast hash is enough. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
