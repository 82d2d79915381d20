import { describe, it, expect } from 'vitest';
import { instant } from '../kernel/time.ts';
import {
  createActionToken,
  parseSmsReply,
  safeEqual,
  slackSignature,
  smsReplyHint,
  verifyActionToken,
  verifySlackRequest,
  verifyWebhookSignature,
  webhookSignatureHeader,
} from './signing.ts';

describe('webhook signatures (PagerDuty v3 scheme)', () => {
  // RFC 4231 test case 2: HMAC-SHA256(key "Jefe", "what do ya want for nothing?")
  const body = 'what do ya want for nothing?';
  const rfc = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

  it('PG-6: one secret → one v1= value of the hex HMAC of the raw body', () => {
    expect(webhookSignatureHeader(body, ['Jefe'])).toBe(`v1=${rfc}`);
  });

  it('PG-6: rotation signs with every secret, comma-separated', () => {
    const h = webhookSignatureHeader(body, ['old-secret', 'Jefe']);
    expect(h.split(',')).toHaveLength(2);
    expect(h.endsWith(`,v1=${rfc}`)).toBe(true);
  });

  const cases: Array<[string, string | null, string[], boolean]> = [
    ['PG-6: matching signature verifies', `v1=${rfc}`, ['Jefe'], true],
    ['PG-6: any of several v1 values may match', `v1=${'0'.repeat(64)}, v1=${rfc}`, ['Jefe'], true],
    ['PG-6: any of several receiver secrets may match', `v1=${rfc}`, ['new', 'Jefe'], true],
    ['PG-6: upper-case hex is accepted', `v1=${rfc.toUpperCase()}`, ['Jefe'], true],
    ['PG-6: wrong secret fails', `v1=${rfc}`, ['other'], false],
    ['PG-6: other versions are ignored', `v2=${rfc}`, ['Jefe'], false],
    ['PG-6: missing header fails', null, ['Jefe'], false],
    ['PG-6: truncated signature fails', `v1=${rfc.slice(0, 10)}`, ['Jefe'], false],
  ];
  it.each(cases)('%s', (_n, header, secrets, expected) => {
    expect(verifyWebhookSignature(body, header, secrets)).toBe(expected);
  });

  it('PG-6: the body is signed as raw UTF-8 bytes; a reformatted body fails', () => {
    const raw = '{"event":{"data":{"title":"Café ☕"}}}';
    const h = webhookSignatureHeader(raw, ['s']);
    expect(verifyWebhookSignature(Buffer.from(raw, 'utf8'), h, ['s'])).toBe(true);
    expect(verifyWebhookSignature(JSON.stringify(JSON.parse(raw), null, 2), h, ['s'])).toBe(false);
  });

  it('safeEqual compares by value', () => {
    expect([safeEqual('abc', 'abc'), safeEqual('abc', 'abd'), safeEqual('abc', 'abcd')]).toEqual([true, false, false]);
  });
});

describe('Slack request signing', () => {
  // The worked example from Slack's "Verifying requests from Slack" documentation.
  const secret = '8f742231b10e8888abcd99yyyzzz85a5';
  const ts = '1531420618';
  const body =
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
  const sig = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
  const at = (offsetSeconds: number) => instant('2018-07-12T18:36:58Z').add({ seconds: offsetSeconds });

  it("PG-6: computes Slack's documented example signature", () => {
    expect(slackSignature(secret, ts, body)).toBe(sig);
    expect(at(0).epochMilliseconds / 1000).toBe(1531420618);
  });

  const cases: Array<[string, { timestamp?: string | null; signature?: string | null; body?: string; now: number }, unknown]> = [
    ['PG-6: valid request within the window', { now: 60 }, { ok: true }],
    ['PG-6: exactly 5 minutes old is still accepted', { now: 300 }, { ok: true }],
    ['PG-6: older than 5 minutes is a replay', { now: 301 }, { ok: false, reason: 'stale_timestamp' }],
    ['PG-6: more than 5 minutes in the future is refused too', { now: -301 }, { ok: false, reason: 'stale_timestamp' }],
    ['PG-6: tampered body', { body: body + '&x=1', now: 0 }, { ok: false, reason: 'mismatch' }],
    ['PG-6: missing headers', { signature: null, now: 0 }, { ok: false, reason: 'missing' }],
    ['PG-6: unknown version', { signature: sig.replace('v0=', 'v1='), now: 0 }, { ok: false, reason: 'bad_version' }],
    ['PG-6: non-numeric timestamp', { timestamp: 'yesterday', now: 0 }, { ok: false, reason: 'stale_timestamp' }],
  ];
  it.each(cases)('%s', (_n, c, expected) => {
    const r = verifySlackRequest({
      rawBody: c.body ?? body,
      timestamp: c.timestamp === undefined ? ts : c.timestamp,
      signature: c.signature === undefined ? sig : c.signature,
      signingSecret: secret,
      now: at(c.now),
    });
    expect(r).toEqual(expected);
  });
});

describe('signed action links', () => {
  const now = instant('2026-03-02T16:00:00Z');
  const claims = { pageId: 'p1', userId: 'alice', action: 'acknowledge' as const, expiresAt: instant('2026-03-02T17:00:00Z') };

  it('PG-6: a token round-trips its claims', () => {
    const token = createActionToken(claims, 'k1');
    expect(token.startsWith('v1.')).toBe(true);
    expect(verifyActionToken(token, ['k1'], now)).toEqual({ ok: true, claims });
  });

  it('PG-6: expired at the expiry instant', () => {
    const token = createActionToken(claims, 'k1');
    expect(verifyActionToken(token, ['k1'], instant('2026-03-02T16:59:59Z')).ok).toBe(true);
    expect(verifyActionToken(token, ['k1'], claims.expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('PG-6: a secret rotation accepts tokens signed with the previous secret', () => {
    const token = createActionToken(claims, 'old');
    expect(verifyActionToken(token, ['new', 'old'], now).ok).toBe(true);
    expect(verifyActionToken(token, ['new'], now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('PG-6: changing the action (acknowledge → resolve) breaks the signature', () => {
    const token = createActionToken(claims, 'k1');
    const [v, payload, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), a: 'resolve' })).toString('base64url');
    expect(verifyActionToken(`${v}.${forged}.${mac}`, ['k1'], now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it.each(['', 'v1.abc', 'v2.a.b', 'garbage.token.here'])('PG-6: malformed token %j is refused', (token) => {
    expect(verifyActionToken(token, ['k1'], now).ok).toBe(false);
  });
});

describe('SMS replies', () => {
  const cases: Array<[string, unknown]> = [
    ['4 123', { kind: 'action', action: 'acknowledge', pageNumber: 123 }],
    ['4:123', { kind: 'action', action: 'acknowledge', pageNumber: 123 }],
    ['4 #123', { kind: 'action', action: 'acknowledge', pageNumber: 123 }],
    ['ACK 123', { kind: 'action', action: 'acknowledge', pageNumber: 123 }],
    ['ack#123', { kind: 'action', action: 'acknowledge', pageNumber: 123 }],
    ['Ack123', { kind: 'action', action: 'acknowledge', pageNumber: 123 }],
    [' a 7. ', { kind: 'action', action: 'acknowledge', pageNumber: 7 }],
    ['6 123', { kind: 'action', action: 'resolve', pageNumber: 123 }],
    ['resolve 123', { kind: 'action', action: 'resolve', pageNumber: 123 }],
    ['8 123', { kind: 'action', action: 'escalate', pageNumber: 123 }],
    ['ESC 9', { kind: 'action', action: 'escalate', pageNumber: 9 }],
    ['4', { kind: 'action', action: 'acknowledge', pageNumber: null }],
    ['ACK', { kind: 'action', action: 'acknowledge', pageNumber: null }],
    ['HELP', { kind: 'help' }],
    ['STOP', { kind: 'stop' }],
    ['4123', { kind: 'unknown', text: '4123' }],
    ['5 123', { kind: 'unknown', text: '5 123' }],
    ['on my way', { kind: 'unknown', text: 'on my way' }],
  ];
  it.each(cases)('PG-6: SMS reply %j', (text, expected) => {
    expect(parseSmsReply(text)).toEqual(expected);
  });

  it('PG-6: the hint in each page SMS names the scheme', () => {
    expect(smsReplyHint(123)).toBe('Reply 4 123 to acknowledge, 6 123 to resolve, 8 123 to escalate.');
    expect(parseSmsReply(smsReplyHint(123))).toMatchObject({ kind: 'unknown' });
  });
});
