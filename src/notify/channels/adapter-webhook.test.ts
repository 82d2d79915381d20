import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookChannel, eventIdFor } from './adapter-webhook.ts';
import { signBody, verifySignature } from './signing.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/stand-ins/webhook-receiver.ts';

const SECRET = 'whsec-hotline-test';
let rx: WebhookReceiver;
let channel: WebhookChannel;

beforeAll(async () => {
  rx = await startWebhookReceiver({ secret: SECRET });
  channel = new WebhookChannel({ secret: SECRET, timeoutMs: 1500 });
});
afterAll(() => rx.close());

const page = {
  idempotencyKey: 'page:31:notify:webhook',
  to: '',
  subject: 'Emergency ticket 1001',
  text: 'A customer asked for the on-call engineer.',
  threadKey: 'ticket:1001',
  actions: [{ label: 'Acknowledge', url: 'https://hotline.test/p/31/ack' }],
  event: { type: 'page.triggered', occurredAt: '2026-03-10T14:00:00.000Z', data: { pageId: '31', ticket: 1001 } },
};

describe('outbound signed webhooks on loopback', () => {
  it('PG-6: POSTs JSON signed with v1=<HMAC-SHA256 of the raw body> and a stable event id', async () => {
    const r = await channel.send({ ...page, to: rx.url });
    expect(r).toEqual({ ok: true, providerId: eventIdFor(page.idempotencyKey) });
    const got = rx.received.at(-1)!;
    expect(got.signatureValid).toBe(true);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-hotline-webhook-id']).toBe(eventIdFor(page.idempotencyKey));
    expect(got.headers['x-hotline-event-type']).toBe('page.triggered');
    expect(got.json).toEqual({
      event: {
        id: eventIdFor(page.idempotencyKey),
        event_type: 'page.triggered',
        occurred_at: '2026-03-10T14:00:00.000Z',
        subject: 'Emergency ticket 1001',
        summary: 'A customer asked for the on-call engineer.',
        links: [{ href: 'https://hotline.test/p/31/ack', text: 'Acknowledge' }],
        thread_key: 'ticket:1001',
        data: { pageId: '31', ticket: 1001 },
      },
    });
  });

  it('PG-6: a retried delivery sends the same bytes and id, so the receiver can de-duplicate', async () => {
    rx.script({ status: 503, body: 'busy' });
    const first = await channel.send({ ...page, to: rx.url });
    const second = await channel.send({ ...page, to: rx.url });
    expect(first).toEqual({ ok: false, retryable: true, error: 'http 503: busy' });
    expect(second.ok).toBe(true);
    const [a, b] = rx.received.slice(-2);
    expect(a!.rawBody).toBe(b!.rawBody);
    expect(a!.headers['x-hotline-webhook-id']).toBe(b!.headers['x-hotline-webhook-id']);
  });

  it.each([
    [500, true],
    [502, true],
    [429, true],
    [408, true],
    [400, false],
    [404, false],
    [410, false],
  ])('PG-6: receiver answers %i → retryable %s', async (status, retryable) => {
    rx.script({ status });
    const r = await channel.send({ ...page, to: rx.url });
    expect(r).toMatchObject({ ok: false, retryable });
  });

  it('PG-6: 429 Retry-After is passed on; 3xx is not followed and not retried', async () => {
    rx.script({ status: 429, headers: { 'retry-after': '12' } }, { status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } });
    expect(await channel.send({ ...page, to: rx.url })).toEqual({ ok: false, retryable: true, error: 'http 429', retryAfterMs: 12_000 });
    expect(await channel.send({ ...page, to: rx.url })).toEqual({ ok: false, retryable: false, error: 'http 302' });
  });

  it('PG-6: a receiver that does not answer in time → retryable timeout', async () => {
    rx.script({ status: 200, delayMs: 3000 });
    const r = await channel.send({ ...page, to: rx.url });
    expect(r).toEqual({ ok: false, retryable: true, error: 'timeout' });
  });

  it('PG-6: a wrong secret is rejected by the receiver (401) and not retried', async () => {
    const wrong = new WebhookChannel({ secret: 'not-the-secret' });
    const r = await wrong.send({ ...page, to: rx.url });
    expect(r).toMatchObject({ ok: false, retryable: false, error: 'http 401: bad signature' });
    expect(rx.received.at(-1)!.signatureValid).toBe(false);
  });

  it('PG-6: during secret rotation both signatures are sent and the receiver accepts either', async () => {
    const rotating = new WebhookChannel({ secret: () => ['new-secret', SECRET], signatureHeader: 'X-Hotline-Signature' });
    const r = await rotating.send({ ...page, to: rx.url });
    expect(r.ok).toBe(true);
    expect(String(rx.received.at(-1)!.headers['x-hotline-signature']).split(',')).toHaveLength(2);
  });

  it('PG-6: PagerDuty-style header name is configurable', async () => {
    const pdRx = await startWebhookReceiver({ secret: SECRET, signatureHeader: 'X-PagerDuty-Signature' });
    const r = await new WebhookChannel({ secret: SECRET, signatureHeader: 'X-PagerDuty-Signature', url: pdRx.url }).send({ ...page });
    await pdRx.close();
    expect(r.ok).toBe(true);
    expect(pdRx.received[0]!.signatureValid).toBe(true);
  });

  it('PG-6: a refused connection is retryable', async () => {
    const r = await channel.send({ ...page, to: 'http://127.0.0.1:1/hook' });
    expect(r).toMatchObject({ ok: false, retryable: true });
  });
});

describe('signing helpers', () => {
  it.each([
    ['matching secret', 'body', signBody('body', 's1'), ['s1'], true],
    ['any of several values', 'body', `v1=${'0'.repeat(64)},${signBody('body', 's1')}`, ['s1'], true],
    ['any of several secrets', 'body', signBody('body', 's2'), ['s1', 's2'], true],
    ['altered body', 'body!', signBody('body', 's1'), ['s1'], false],
    ['wrong version', 'body', signBody('body', 's1').replace('v1=', 'v0='), ['s1'], false],
    ['missing header', 'body', undefined, ['s1'], false],
    ['truncated hex', 'body', signBody('body', 's1').slice(0, 20), ['s1'], false],
  ] as const)('PG-6: verifySignature — %s', (_name, body, header, secrets, expected) => {
    expect(verifySignature(body, header, secrets)).toBe(expected);
  });
});
