import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatWebhookChannel, SlackChannel, memoryThreadRefStore, slackText } from './adapter-slack.ts';
import { startSlackStandIn, type SlackStandIn } from '../../../test/stand-ins/slack.ts';

const TOKEN = 'xoxb-hotline-test';
let slack: SlackStandIn;
let channel: SlackChannel;

beforeAll(async () => {
  slack = await startSlackStandIn({ token: TOKEN, channels: { C0EMERG01: 'support-emergencies', C0SMOC001: 'support-escalations' } });
  channel = new SlackChannel({ token: TOKEN, apiUrl: slack.apiUrl, defaultChannel: 'C0EMERG01' });
});
afterAll(() => slack.close());

describe('Slack Web API channel against the loopback stand-in', () => {
  it('WF-1: first message opens the thread, later ones reply in it with thread_ts', async () => {
    const first = await channel.send({ idempotencyKey: 'k1', to: '#support-emergencies', subject: 'Thread for emergency ticket 1001', text: 'Acme is down', threadKey: 'ticket:1001' });
    expect(first.ok).toBe(true);
    const rootTs = first.ok ? first.threadRef! : '';
    expect(first.ok && first.providerId).toBe(`C0EMERG01/${rootTs}`);
    const second = await channel.send({ idempotencyKey: 'k2', to: '#support-emergencies', text: 'Acknowledged by Ana', threadKey: 'ticket:1001' });
    const third = await channel.send({ idempotencyKey: 'k3', to: '#support-emergencies', text: 'Public reply sent', threadKey: 'ticket:1001' });
    expect(second.ok && second.threadRef).toBe(rootTs);
    expect(third.ok && third.threadRef).toBe(rootTs);
    const thread = slack.thread('C0EMERG01', rootTs);
    expect(thread.map((m) => m.text)).toEqual(['*Thread for emergency ticket 1001*\nAcme is down', 'Acknowledged by Ana', 'Public reply sent']);
    expect(thread[0]!.thread_ts).toBeUndefined();
    expect(thread.slice(1).every((m) => m.thread_ts === rootTs)).toBe(true);
  });

  it('WF-1: another ticket gets its own thread; a stored threadRef is honoured', async () => {
    const a = await channel.send({ idempotencyKey: 'k4', to: '', text: 'ticket 1002 opened', threadKey: 'ticket:1002' });
    const fresh = new SlackChannel({ token: TOKEN, apiUrl: slack.apiUrl, threads: memoryThreadRefStore() });
    const b = await fresh.send({ idempotencyKey: 'k5', to: 'C0EMERG01', text: 'after restart', threadKey: 'ticket:1002', threadRef: a.ok ? a.threadRef! : '' });
    expect(a.ok && b.ok).toBe(true);
    expect(b.ok && b.threadRef).toBe(a.ok && a.threadRef);
    expect(slack.messages.at(-1)!.thread_ts).toBe(a.ok && a.threadRef);
  });

  it('PG-6: the request carries the Bearer token, the text with action links, and the idempotency key as metadata', async () => {
    await channel.send({ idempotencyKey: 'job:77', to: 'C0SMOC001', text: 'Escalation for <ticket 5> & more', actions: [{ label: 'Acknowledge', url: 'https://hotline.test/ack/77' }] });
    const call = slack.calls.at(-1)!;
    expect(call.method).toBe('chat.postMessage');
    expect(call.token).toBe(TOKEN);
    expect(call.contentType).toContain('application/x-www-form-urlencoded');
    expect(slack.messages.at(-1)!.text).toBe('Escalation for &lt;ticket 5&gt; &amp; more\n<https://hotline.test/ack/77|Acknowledge>');
    expect(JSON.parse(String(call.args.metadata))).toEqual({ event_type: 'hotline_delivery', event_payload: { idempotency_key: 'job:77' } });
  });

  it('PG-6: ratelimited → retryable with Retry-After in ms; the next attempt goes through', async () => {
    slack.rateLimitOnce(7);
    const r = await channel.send({ idempotencyKey: 'k6', to: 'C0EMERG01', text: 'x' });
    expect(r).toEqual({ ok: false, retryable: true, error: 'ratelimited', retryAfterMs: 7000 });
    const again = await channel.send({ idempotencyKey: 'k6', to: 'C0EMERG01', text: 'x' });
    expect(again.ok).toBe(true);
  });

  it.each([
    ['channel_not_found', { to: 'C0NOPE000' }, false],
    ['invalid_auth', { token: 'xoxb-wrong' }, false],
    ['internal_error', { failNext: 'internal_error' }, true],
    ['not_in_channel', { failNext: 'not_in_channel' }, false],
  ] as const)('PG-6: Slack error %s → retryable %s', async (code, how, retryable) => {
    const c = 'token' in how ? new SlackChannel({ token: how.token, apiUrl: slack.apiUrl }) : channel;
    if ('failNext' in how) slack.failNext(how.failNext);
    const r = await c.send({ idempotencyKey: 'k-err', to: 'to' in how ? how.to : 'C0EMERG01', text: 'x' });
    expect(r).toEqual({ ok: false, retryable, error: code });
  });

  it('PG-6: verify() checks the token with auth.test', async () => {
    expect(await channel.verify()).toEqual({ ok: true, team: 'Stand-in', user: 'hotline' });
    expect(await new SlackChannel({ token: 'xoxb-wrong', apiUrl: slack.apiUrl }).verify()).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('PG-6: an unreachable Slack is a retryable network failure', async () => {
    const down = new SlackChannel({ token: TOKEN, apiUrl: 'http://127.0.0.1:1/api/', timeoutMs: 2000 });
    const r = await down.send({ idempotencyKey: 'k7', to: 'C0EMERG01', text: 'x' });
    expect(r).toMatchObject({ ok: false, retryable: true });
  });

  it('stand-in: accepts JSON bodies and the token as a POST parameter, as documented', async () => {
    const viaJson = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ channel: 'support-emergencies', text: 'json' }),
    }).then((r) => r.json());
    expect(viaJson).toMatchObject({ ok: true, channel: 'C0EMERG01', message: { text: 'json' } });
    const viaForm = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: TOKEN, channel: 'C0EMERG01', text: '' }),
    }).then((r) => r.json());
    expect(viaForm).toEqual({ ok: false, error: 'no_text' });
    const noAuth = await fetch(`${slack.apiUrl}chat.postMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"channel":"C0EMERG01","text":"x"}' }).then((r) => r.json());
    expect(noAuth).toEqual({ ok: false, error: 'not_authed' });
  });
});

describe('incoming-webhook channel (Slack and Mattermost)', () => {
  it('PG-6: posts {text} JSON to a Slack webhook URL and treats 200 ok as delivered', async () => {
    const hook = new ChatWebhookChannel({ url: slack.slackWebhookUrl });
    const r = await hook.send({ idempotencyKey: 'w1', to: '', subject: 'Page', text: 'Ticket 1001 is an emergency', actions: [{ label: 'Open', url: 'https://hotline.test/t/1001' }] });
    expect(r).toEqual({ ok: true });
    const post = slack.webhookPosts.at(-1)!;
    expect(post.flavour).toBe('slack');
    expect(post.contentType).toContain('application/json');
    expect(post.payload).toEqual({ text: '*Page*\nTicket 1001 is an emergency\n<https://hotline.test/t/1001|Open>' });
  });

  it('PG-6: Mattermost flavour uses **bold** and the /hooks/<key> URL', async () => {
    const hook = new ChatWebhookChannel({ flavour: 'mattermost', username: 'hotline' });
    const r = await hook.send({ idempotencyKey: 'w2', to: slack.mattermostWebhookUrl, subject: 'Page', text: 'x' });
    expect(r).toEqual({ ok: true });
    expect(slack.webhookPosts.at(-1)).toMatchObject({ flavour: 'mattermost', payload: { text: '**Page**\nx', username: 'hotline' } });
  });

  it.each([
    [404, 'channel_not_found', false],
    [410, 'channel_is_archived', false],
    [500, 'rollup_error', true],
  ] as const)('PG-6: webhook answer %i %s → retryable %s', async (status, body, retryable) => {
    slack.failNextWebhook(status, body);
    const r = await new ChatWebhookChannel({ url: slack.slackWebhookUrl }).send({ idempotencyKey: 'w3', to: '', text: 'x' });
    expect(r).toEqual({ ok: false, retryable, error: `http ${status}: ${body}` });
  });

  it('PG-6: webhook 429 carries Retry-After; an unknown hook URL is not retryable', async () => {
    slack.failNextWebhook(429, 'rate_limited', { 'retry-after': '3' });
    const r = await new ChatWebhookChannel({ url: slack.slackWebhookUrl }).send({ idempotencyKey: 'w4', to: '', text: 'x' });
    expect(r).toEqual({ ok: false, retryable: true, error: 'http 429: rate_limited', retryAfterMs: 3000 });
    const wrong = await new ChatWebhookChannel().send({ idempotencyKey: 'w5', to: `${slack.url}/hooks/unknown`, text: 'x' });
    expect(wrong).toMatchObject({ ok: false, retryable: false });
  });

  it('slackText escapes control characters and keeps labels out of link syntax', () => {
    expect(slackText({ text: 'a<b>&c', actions: [{ label: 'x|y', url: 'https://h/1' }] })).toBe('a&lt;b&gt;&amp;c\n<https://h/1|x/y>');
  });
});
