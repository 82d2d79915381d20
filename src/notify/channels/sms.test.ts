import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInboundSms, parseSmsReply, smsText, SmsChannel } from './sms.ts';
import { TwilioProvider, twilioSignature, verifyTwilioSignature } from './adapter-twilio.ts';
import { spokenText, VoiceChannel, voiceTwiml } from './voice.ts';
import { startSmsProviderStandIn, type SmsProviderStandIn } from '../../../test/stand-ins/sms-provider.ts';
import { listenLoopback, readBody, type Listening } from '../../../test/stand-ins/http-util.ts';

let provider: SmsProviderStandIn;
let twilio: TwilioProvider;

beforeAll(async () => {
  provider = await startSmsProviderStandIn();
  twilio = new TwilioProvider({ accountSid: provider.accountSid, authToken: provider.authToken, from: provider.number, baseUrl: provider.url });
});
afterAll(() => provider.close());

const page = {
  idempotencyKey: 'page:31:sms',
  to: '+14155550100',
  subject: 'Emergency 1001',
  text: 'Acme Corp: production down, customer asked for the on-call engineer.',
  actions: [{ label: 'Ack', url: 'https://hotline.test/p/31/ack' }],
};

describe('SMS over a Twilio-compatible REST API (loopback stand-in)', () => {
  it('PG-6: sends To/From/Body form-encoded with basic auth and returns the message sid', async () => {
    const r = await new SmsChannel(twilio).send(page);
    const msg = provider.messages.at(-1)!;
    expect(r).toEqual({ ok: true, providerId: msg.sid });
    expect(msg.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(msg).toMatchObject({ to: '+14155550100', from: provider.number, body: 'Emergency 1001: Acme Corp: production down, customer asked for the on-call engineer.\nAck: https://hotline.test/p/31/ack' });
    expect(provider.requests.at(-1)).toMatchObject({ path: `/2010-04-01/Accounts/${provider.accountSid}/Messages.json`, authorized: true });
  });

  it.each([
    ['an invalid number (21211)', () => {}, { to: '555-0100' }, false, 'twilio 21211'],
    ['provider rate limit (20429)', () => provider.rateLimitOnce(2), {}, true, 'twilio 20429'],
    ['provider outage (500)', () => provider.failNext(500, 20500, 'Internal Server Error'), {}, true, 'twilio 20500'],
  ])('PG-6: %s', async (_name, arrange, override, retryable, error) => {
    arrange();
    const r = await new SmsChannel(twilio).send({ ...page, ...override });
    expect(r).toMatchObject({ ok: false, retryable });
    expect(!r.ok && r.error).toContain(error);
  });

  it('PG-6: rate limit carries Retry-After in ms', async () => {
    provider.rateLimitOnce(5);
    expect(await twilio.sendSms({ idempotencyKey: 'x', to: '+14155550100', body: 'b' })).toEqual({ ok: false, retryable: true, error: 'twilio 20429: Too Many Requests', retryAfterMs: 5000 });
  });

  it('PG-6: wrong credentials (20003) are not retryable', async () => {
    const bad = new TwilioProvider({ accountSid: provider.accountSid, authToken: 'wrong', from: provider.number, baseUrl: provider.url });
    expect(await bad.sendSms({ idempotencyKey: 'x', to: '+14155550100', body: 'b' })).toEqual({ ok: false, retryable: false, error: 'twilio 20003: Authenticate' });
    expect(provider.requests.at(-1)!.authorized).toBe(false);
  });

  it('PG-6: an unreachable provider is retryable', async () => {
    const down = new TwilioProvider({ accountSid: 'AC1', authToken: 't', from: '+15005550006', baseUrl: 'http://127.0.0.1:1' });
    expect(await down.sendSms({ idempotencyKey: 'x', to: '+14155550100', body: 'b' })).toMatchObject({ ok: false, retryable: true });
  });

  it('PG-6: a voice page places a call with TwiML that says the page and offers a key press', async () => {
    const voice = new VoiceChannel(twilio, { voice: 'alice', gather: { actionUrl: 'https://hotline.test/voice/31?x=1&y=2', prompt: 'Press 4 to acknowledge.' } });
    const r = await voice.send(page);
    const call = provider.calls.at(-1)!;
    expect(r).toEqual({ ok: true, providerId: call.sid });
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call.twiml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        '<Say voice="alice">Emergency 1001. Acme Corp: production down, customer asked for the on-call engineer.</Say>'.repeat(2) +
        '<Gather numDigits="1" method="POST" action="https://hotline.test/voice/31?x=1&amp;y=2"><Say voice="alice">Press 4 to acknowledge.</Say></Gather></Response>',
    );
  });

  it('PG-6: an empty number fails without calling the provider', async () => {
    const before = provider.requests.length;
    expect(await new VoiceChannel(twilio).send({ ...page, to: '' })).toMatchObject({ ok: false, retryable: false });
    expect(provider.requests.length).toBe(before);
  });
});

describe('inbound SMS replies (PG-6 acknowledgement from the notification)', () => {
  let app: Listening;
  const seen: { valid: boolean; reply: ReturnType<typeof parseSmsReply>; from?: string }[] = [];

  beforeAll(async () => {
    // A minimal inbound endpoint built from the helpers the API route will use.
    app = await listenLoopback((req, res) => {
      void readBody(req).then((raw) => {
        const params = Object.fromEntries(new URLSearchParams(raw.toString()));
        const url = `${app.url}${req.url}`;
        const valid = verifyTwilioSignature(provider.authToken, req.headers['x-twilio-signature'] as string, url, params);
        const sms = parseInboundSms(params);
        seen.push({ valid, reply: sms ? parseSmsReply(sms.body) : undefined, ...(sms ? { from: sms.from } : {}) });
        if (!valid) {
          res.writeHead(403).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/xml' }).end('<?xml version="1.0" encoding="UTF-8"?><Response><Message>Acknowledged.</Message></Response>');
      });
    });
  });
  afterAll(() => app.close());

  it('PG-6: the provider posts From/Body signed; the reply keyword acknowledges', async () => {
    const r = await provider.sendInboundSms({ url: `${app.url}/sms/inbound?ws=demo`, from: '+14155550100', body: ' ACK 1001 ' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<Message>Acknowledged.</Message>');
    expect(seen.at(-1)).toEqual({ valid: true, reply: { action: 'acknowledge', ref: '1001' }, from: '+14155550100' });
  });

  it('PG-6: a forged signature is refused', async () => {
    const r = await provider.sendInboundSms({ url: `${app.url}/sms/inbound`, from: '+14155550100', body: '4', signWith: 'not-the-token' });
    expect(r.status).toBe(403);
    expect(seen.at(-1)!.valid).toBe(false);
  });
});

describe('pure helpers', () => {
  it.each([
    ['4', { action: 'acknowledge' }],
    ['Ack', { action: 'acknowledge' }],
    ['8 1001', { action: 'escalate', ref: '1001' }],
    ['resolve', { action: 'resolve' }],
    ['thanks!', undefined],
    ['', undefined],
  ] as const)('PG-6: reply %j → %j', (body, expected) => {
    expect(parseSmsReply(body)).toEqual(expected);
  });

  it('PG-6: long texts are cut but keep their action links', () => {
    const s = smsText({ subject: 'S', text: 'x'.repeat(500), actions: [{ label: 'Ack', url: 'https://h/a' }] }, 100);
    expect(s).toHaveLength(100);
    expect(s.endsWith('…\nAck: https://h/a')).toBe(true);
    expect(s.startsWith('S: xxx')).toBe(true);
  });

  it('PG-6: spoken text drops links; a Twilio signature covers every parameter, in any order', () => {
    expect(spokenText({ subject: 'Page', text: 'See https://h/x now' })).toBe('Page. See now');
    expect(voiceTwiml({ text: 'a<b' })).toContain('<Say>a&lt;b</Say>');
    const sig = twilioSignature('token', 'https://h/sms', { Body: 'hi', From: '+1' });
    expect(verifyTwilioSignature('token', sig, 'https://h/sms', { From: '+1', Body: 'hi' })).toBe(true);
    expect(verifyTwilioSignature('token', sig, 'https://h/sms', { From: '+1', Body: 'hi!' })).toBe(false);
  });
});
