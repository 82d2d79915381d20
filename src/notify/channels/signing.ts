// HMAC-SHA256 request signing in the shape PagerDuty documents for its webhooks:
// `v1=<hex of HMAC-SHA256(secret, raw body)>`, several comma-separated values while a secret is
// being rotated, accept if any matches, compare in constant time.
// TODO: converge with src/paging/signing.ts once paging lands its own signing helper; one
// implementation should serve both inbound verification and outbound signing.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacHex(secret: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/** Header value signing `rawBody` with every secret (current first, then ones being retired). */
export function signBody(rawBody: string | Buffer, secrets: string | readonly string[]): string {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  return list.map((s) => `v1=${hmacHex(s, rawBody)}`).join(',');
}

/** True when any `v1=` value in the header matches any of the secrets. */
export function verifySignature(rawBody: string | Buffer, header: string | undefined, secrets: string | readonly string[]): boolean {
  if (!header) return false;
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  const given = header
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.startsWith('v1='))
    .map((p) => Buffer.from(p.slice(3), 'hex'));
  return list.some((secret) => {
    const expected = Buffer.from(hmacHex(secret, rawBody), 'hex');
    return given.some((g) => g.length === expected.length && timingSafeEqual(g, expected));
  });
}
