// Signatures for everything that acts on a page from outside a logged-in session: outbound
// webhooks (PagerDuty v3 scheme), inbound Slack requests, acknowledge/resolve links in
// notifications, and SMS replies (PG-6: acknowledgement from the notification itself).
// Pure apart from node:crypto (HMAC is computation, not I/O); time is always an argument.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Temporal } from '../kernel/time.ts';

type Body = string | Uint8Array;

const hmacHex = (secret: string, data: Body) => createHmac('sha256', secret).update(data).digest('hex');

/** Equal-length constant-time comparison; different lengths are simply unequal. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---- Outbound webhooks: PagerDuty v3 signature scheme -------------------------------------------

export const WEBHOOK_SIGNATURE_HEADER = 'X-PagerDuty-Signature';
/** Stays the same across retries of one delivery, so receivers can de-duplicate. */
export const WEBHOOK_ID_HEADER = 'X-Webhook-Id';

/**
 * `v1=<hex HMAC-SHA256 of the raw body>` per secret, comma-separated: during a rotation both the
 * old and the new secret sign, and a receiver accepts any match.
 */
export function webhookSignatureHeader(rawBody: Body, secrets: readonly string[]): string {
  return secrets.map((s) => `v1=${hmacHex(s, rawBody)}`).join(',');
}

/** True when any v1 signature in the header matches the raw body under any of the secrets. */
export function verifyWebhookSignature(rawBody: Body, header: string | null | undefined, secrets: readonly string[]): boolean {
  if (!header) return false;
  const provided = header
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.startsWith('v1='))
    .map((p) => p.slice(3).toLowerCase());
  let ok = false;
  // Check every pair so the time taken does not depend on which one matched.
  for (const secret of secrets) {
    const expected = hmacHex(secret, rawBody);
    for (const sig of provided) ok = safeEqual(expected, sig) || ok;
  }
  return ok;
}

// ---- Inbound Slack requests (slash commands, interactivity, events) -----------------------------

export const SLACK_SIGNATURE_HEADER = 'X-Slack-Signature';
export const SLACK_TIMESTAMP_HEADER = 'X-Slack-Request-Timestamp';
export const SLACK_REPLAY_WINDOW_SECONDS = 300;

export function slackSignature(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${hmacHex(signingSecret, `v0:${timestamp}:${rawBody}`)}`;
}

export type SlackVerification = { ok: true } | { ok: false; reason: 'missing' | 'stale_timestamp' | 'bad_version' | 'mismatch' };

/**
 * Slack's scheme: HMAC-SHA256 of `v0:<timestamp>:<raw body>`, header `v0=<hex>`, and a timestamp
 * within five minutes of now — in either direction, so a request stamped in the future by a
 * skewed or malicious clock cannot be replayed later.
 */
export function verifySlackRequest(input: {
  rawBody: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  signingSecret: string;
  now: Temporal.Instant;
  windowSeconds?: number;
}): SlackVerification {
  const { rawBody, timestamp, signature, signingSecret, now } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d+$/.test(timestamp)) return { ok: false, reason: 'stale_timestamp' };
  const skew = Math.abs(now.epochMilliseconds / 1000 - Number(timestamp));
  if (skew > (input.windowSeconds ?? SLACK_REPLAY_WINDOW_SECONDS)) return { ok: false, reason: 'stale_timestamp' };
  if (!signature.startsWith('v0=')) return { ok: false, reason: 'bad_version' };
  return safeEqual(slackSignature(signingSecret, timestamp, rawBody), signature.toLowerCase()) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

// ---- Signed action links in notifications -----------------------------------------------------

export type LinkAction = 'acknowledge' | 'resolve' | 'escalate';
const LINK_ACTIONS: readonly LinkAction[] = ['acknowledge', 'resolve', 'escalate'];

export interface ActionClaims {
  pageId: string;
  userId: string;
  action: LinkAction;
  expiresAt: Temporal.Instant;
}

// Links in e-mails and chat messages outlive the moment; an hour covers a slow inbox without
// leaving a working "resolve" button around for days.
export const DEFAULT_ACTION_LINK_TTL_MINUTES = 60;
const TOKEN_VERSION = 'v1';
const DOMAIN = 'hotline-page-action';

/**
 * Token `v1.<base64url JSON {p,u,a,e}>.<base64url HMAC>`: it names the page, the person it was
 * sent to (the action is taken as that person), the action and the expiry in epoch seconds.
 */
export function createActionToken(claims: ActionClaims, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({ p: claims.pageId, u: claims.userId, a: claims.action, e: Math.floor(claims.expiresAt.epochMilliseconds / 1000) }),
  ).toString('base64url');
  return `${TOKEN_VERSION}.${payload}.${tokenMac(secret, payload)}`;
}

function tokenMac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`${DOMAIN}.${TOKEN_VERSION}.${payload}`).digest('base64url');
}

export type ActionTokenVerification =
  | { ok: true; claims: ActionClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** Checks against every current secret (rotation), then the expiry. */
export function verifyActionToken(token: string, secrets: readonly string[], now: Temporal.Instant): ActionTokenVerification {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== TOKEN_VERSION || !parts[1] || !parts[2]) return { ok: false, reason: 'malformed' };
  const [, payload, mac] = parts;
  let signed = false;
  for (const s of secrets) signed = safeEqual(tokenMac(s, payload), mac) || signed;
  if (!signed) return { ok: false, reason: 'bad_signature' };
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const c = raw as { p?: unknown; u?: unknown; a?: unknown; e?: unknown };
  if (typeof c.p !== 'string' || typeof c.u !== 'string' || typeof c.e !== 'number' || !LINK_ACTIONS.includes(c.a as LinkAction)) {
    return { ok: false, reason: 'malformed' };
  }
  if (now.epochMilliseconds >= c.e * 1000) return { ok: false, reason: 'expired' };
  const expiresAt = Temporal.Instant.fromEpochMilliseconds(c.e * 1000);
  return { ok: true, claims: { pageId: c.p, userId: c.u, action: c.a as LinkAction, expiresAt } };
}

// ---- SMS replies ----------------------------------------------------------------------------------
//
// Scheme: every page SMS ends with "Reply 4 <n> to acknowledge, 6 <n> to resolve, 8 <n> to
// escalate", where <n> is the page number. Digits 4 and 6 follow what on-call people already know
// from PagerDuty's SMS replies. Accepted replies (case-insensitive, surrounding punctuation ignored):
//   4 123 · 4:123 · 4 #123 · ACK 123 · A 123 · ack#123 · ACK123   → acknowledge page 123
//   6 123 · RES 123 · RESOLVE 123 · R 123                         → resolve page 123
//   8 123 · ESC 123 · ESCALATE 123 · E 123                        → escalate page 123
//   the same without a number                                     → pageNumber null: the service
//        applies it to the only open page this phone was notified about, or asks for the number
//   HELP · ?                                                      → help
//   STOP · UNSUBSCRIBE · CANCEL · END · QUIT                      → stop (carrier opt-out words)

export type SmsReply =
  | { kind: 'action'; action: LinkAction; pageNumber: number | null }
  | { kind: 'help' }
  | { kind: 'stop' }
  | { kind: 'unknown'; text: string };

const SMS_VERBS: Readonly<Record<string, LinkAction>> = {
  '4': 'acknowledge',
  a: 'acknowledge',
  ack: 'acknowledge',
  acknowledge: 'acknowledge',
  '6': 'resolve',
  r: 'resolve',
  res: 'resolve',
  resolve: 'resolve',
  '8': 'escalate',
  e: 'escalate',
  esc: 'escalate',
  escalate: 'escalate',
};
const STOP_WORDS = new Set(['stop', 'unsubscribe', 'cancel', 'end', 'quit', 'stopall']);

export function parseSmsReply(text: string): SmsReply {
  const t = text.trim().toLowerCase().replace(/[.!]+$/, '');
  if (t === 'help' || t === '?') return { kind: 'help' };
  if (STOP_WORDS.has(t)) return { kind: 'stop' };
  // A digit verb needs a separator before the number ("4 123"), otherwise "4123" would be ambiguous.
  const m = /^(?:([468])(?:\s*[\s:#,]\s*#?(\d{1,9}))?|([a-z]+)\s*[:#,]?\s*#?(\d{1,9})?)$/.exec(t);
  if (m) {
    const verb = m[1] ?? m[3];
    const num = m[2] ?? m[4];
    const action = verb ? SMS_VERBS[verb] : undefined;
    if (action) return { kind: 'action', action, pageNumber: num ? Number(num) : null };
  }
  return { kind: 'unknown', text };
}

export function smsReplyHint(pageNumber: number): string {
  return `Reply 4 ${pageNumber} to acknowledge, 6 ${pageNumber} to resolve, 8 ${pageNumber} to escalate.`;
}
