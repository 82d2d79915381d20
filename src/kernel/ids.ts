import { randomBytes, randomFillSync, randomUUID } from 'node:crypto';

/** Row ids: random UUIDs, so two nodes never collide and ids leak no counts. */
export function newId(): string {
  return randomUUID();
}

let lastMs = 0;
let seq = 0;

// Random bytes drawn a page at a time: one system call per 512 ids rather than one per id, which
// showed at ~5% of a busy webhook fan-out (forty ids an event).
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function random8(): Buffer {
  if (poolAt + 8 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += 8;
  return pool.subarray(poolAt - 8, poolAt); // a view: each id takes its bytes once
}

/**
 * Time-ordered row ids (UUID version 7, monotonic within this process): for rows read back in
 * the order they were written, such as the timeline, where several entries share one instant and
 * a random id would shuffle them. Same-millisecond ids count up in the 12 bits after the version;
 * when those run out the id borrows the next millisecond, which keeps the order (RFC 9562, 6.2).
 */
export function newOrderedId(nowMs = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    seq = 0;
  } else if (++seq > 0xfff) {
    lastMs += 1;
    seq = 0;
  }
  const rand = random8();
  rand[0] = (rand[0] & 0x3f) | 0x80; // the RFC 4122 variant
  const hex = lastMs.toString(16).padStart(12, '0') + '7' + seq.toString(16).padStart(3, '0') + rand.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A URL-safe secret (tokens, calendar feed keys, signed-link nonces). */
export function newSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
