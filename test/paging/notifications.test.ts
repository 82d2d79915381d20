// PG-6: notifications by each person's rules over real channels (loopback SMTP, the SMS provider
// and Slack stand-ins), the delivery log on the page, and acting from the notification itself:
// signed links, SMS reply keywords and Slack buttons verified with Slack's signing scheme.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { configureNotify, createChannels } from '../../src/notify/index.ts';
import { slackSignature } from '../../src/paging/signing.ts';
import { startSlackStandIn, startSmsProviderStandIn, startSmtpSink, type SlackStandIn, type SmsProviderStandIn, type SmtpSink } from '../stand-ins/index.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

const START = '2026-11-24T03:00:00Z';

describe.each(testEngines())('PG-6 notifications (%s)', (engine) => {
  let s: TestServer;
  let sink: SmtpSink;
  let sms: SmsProviderStandIn;
  let slack: SlackStandIn;
  let api: ReturnType<typeof http>;
  const clock = new FakeClock(START);
  const ids: Record<string, string> = {};
  const drain = () => s.hotline.ctx.jobs.drain();

  beforeAll(async () => {
    sink = await startSmtpSink();
    sms = await startSmsProviderStandIn();
    slack = await startSlackStandIn({ channels: { C0HOTLINE1: 'emergencies', U0BRUNO: 'bruno' } });
    s = await startTestServer({ demo: true, engine, clock, runJobs: false });
    configureNotify(s.hotline.ctx, {
      channels: createChannels({
        email: { host: sink.host, port: sink.port, secure: false, from: 'Hotline <pager@hotline.test>' },
        twilio: { accountSid: sms.accountSid, authToken: sms.authToken, from: sms.number, baseUrl: sms.url },
        slack: { token: 'xoxb-stand-in', apiUrl: slack.apiUrl },
      }),
      publicUrl: s.url,
      slackSigningSecret: 'slack-signing-secret',
      smsAuthToken: sms.authToken,
    });
    api = http(s.url, { token: s.admin.token });
    for (const who of ['alice.nguyen', 'bruno.costa']) ids[who] = (await api('GET', `/api/v1/users?q=${who}@example.com`)).body.items[0].id;
    const chat = await api('POST', `/api/v1/users/${ids['bruno.costa']}/contact-methods`, { kind: 'chat', address: 'U0BRUNO', verified: true });
    expect(chat.status).toBe(201);
    expect((await api('PUT', `/api/v1/users/${ids['bruno.costa']}/notification-rules`, { rules: [{ contactMethodId: chat.body.id, delayMinutes: 0 }] })).status).toBe(200);
  }, 30_000);
  afterAll(async () => {
    await s?.close();
    await Promise.all([sink?.close(), sms?.close(), slack?.close()]);
  });

  const pageFor = async (user: string, title: string) => {
    clock.set(START);
    const r = await api('POST', '/api/v1/pages', { serviceId: 'customer-support', title, targetUserIds: [ids[user]] });
    expect(r.status).toBe(201);
    await drain();
    return r.body;
  };
  const after = async (minutes: number, seconds = 0) => {
    clock.set(Temporal_add(START, minutes * 60 + seconds));
    await drain();
  };
  const view = async (id: string) => (await api('GET', `/api/v1/pages/${id}`)).body;

  it('PG-6: the demo engineer rules — e-mail at 0, SMS at 2 min, the browser at 0 — with every attempt in the delivery log', async () => {
    const rules = (await api('GET', `/api/v1/users/${ids['alice.nguyen']}/notification-rules`)).body.rules;
    expect(rules.map((r: any) => r.delayMinutes)).toEqual([0, 2, 0]); // the demo has no voice number for Alice
    const page = await pageFor('alice.nguyen', 'Ticket 4242');
    expect(sink.messages.filter((m) => m.envelope.rcptTo.includes('alice.nguyen@example.com'))).toHaveLength(1);
    await after(1, 59);
    expect(sms.messages).toHaveLength(0);
    await after(2);
    expect(sms.messages.map((m) => m.to)).toEqual(['+12125550101']);
    expect(sms.messages[0].body).toContain(`Reply 4 ${page.number} to acknowledge`);
    const log = (await view(page.id)).deliveries;
    // e-mail and the browser go out at the same instant, in either order
    expect(log.map((d: any) => [d.channel, d.address, d.status, d.attempt]).sort()).toEqual([
      ['browser', 'signed-in browsers', 'sent', 1],
      ['email', 'alice.nguyen@example.com', 'sent', 1],
      ['sms', '+12125550101', 'sent', 1],
    ]);
    expect(log.every((d: any) => d.providerId)).toBe(true);

    // PG-6: reply "4 <n>" to acknowledge from the phone
    const inbound = `${s.url}/api/v1/paging/sms/inbound`;
    const forged = await sms.sendInboundSms({ url: inbound, from: '+12125550101', body: `4 ${page.number}`, signWith: 'wrong-token' });
    expect(forged.status).toBe(403);
    const r = await sms.sendInboundSms({ url: inbound, from: '+12125550101', body: `4 ${page.number}` });
    expect(r.status).toBe(200);
    expect(r.body).toContain(`Page #${page.number} acknowledged by Alice Nguyen`);
    const v = await view(page.id);
    expect(v.status).toBe('acknowledged');
    expect(v.timeline.find((e: any) => e.action === 'page.acknowledged').via).toBe('sms');
  });

  it('PG-6: a failed e-mail attempt is logged and retried with the same key; the retry is logged as attempt 2', async () => {
    sink.failNextData(451, 'try again later');
    const page = await pageFor('alice.nguyen', 'Ticket 4343');
    let log = (await view(page.id)).deliveries.filter((d: any) => d.channel === 'email');
    expect(log.map((d: any) => [d.status, d.attempt])).toEqual([['failed', 1]]);
    await after(1);
    log = (await view(page.id)).deliveries.filter((d: any) => d.channel === 'email');
    expect(log.map((d: any) => [d.status, d.attempt])).toEqual([['failed', 1], ['sent', 2]]);
    expect(log[0].error).toContain('451');
  });

  it('PG-6: the signed link in the e-mail acknowledges (GET confirms, POST acts); expired or altered links do nothing', async () => {
    sink.messages.length = 0;
    const page = await pageFor('alice.nguyen', 'Ticket 4444');
    const text = sink.messages[0].parsed.text ?? '';
    const link = /Acknowledge: (\S+)/.exec(text)![1];
    expect(link.startsWith(`${s.url}/api/v1/page-action-links/v1.`)).toBe(true);
    const get = await fetch(link);
    expect(get.status).toBe(200);
    expect(await get.text()).toContain('<form method="post">');
    expect((await view(page.id)).status).toBe('triggered'); // a mail scanner following the link changes nothing
    const altered = await fetch(link.slice(0, -3) + 'AAA', { method: 'POST', headers: { accept: 'application/json' } });
    expect(altered.status).toBe(400);
    const post = await fetch(link, { method: 'POST', headers: { accept: 'application/json' } });
    expect(await post.json()).toEqual({ message: `Page #${page.number} acknowledged by Alice Nguyen.` });
    expect((await view(page.id)).status).toBe('acknowledged');

    const resolve = /Resolve: (\S+)/.exec(text)![1];
    await after(61);
    const expired = await fetch(resolve, { method: 'POST', headers: { accept: 'application/json' } });
    expect(expired.status).toBe(400);
    expect((await expired.json()).error.message).toContain('expired');
    expect((await view(page.id)).status).toBe('acknowledged');
  });

  it('PG-6: a link sent before the move (/api/v1/pages/actions/…) still confirms and acts, as it did', async () => {
    sink.messages.length = 0;
    const page = await pageFor('alice.nguyen', 'Ticket 4445');
    const text = sink.messages[0].parsed.text ?? '';
    // the same signed token under the former path: what e-mails, SMS and chat already sent carry
    const link = /Acknowledge: (\S+)/.exec(text)![1].replace('/api/v1/page-action-links/', '/api/v1/pages/actions/');
    expect(link.startsWith(`${s.url}/api/v1/pages/actions/v1.`)).toBe(true);
    const get = await fetch(link);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toContain('text/html');
    expect(await get.text()).toContain(`Acknowledge page #${page.number}?`);
    expect((await view(page.id)).status).toBe('triggered');
    const altered = await fetch(link.slice(0, -3) + 'AAA', { method: 'POST', headers: { accept: 'application/json' } });
    expect({ status: altered.status, code: (await altered.json()).error.code }).toEqual({ status: 400, code: 'page.bad_link' });
    const post = await fetch(link, { method: 'POST', headers: { accept: 'application/json' } });
    expect(post.status).toBe(200);
    expect(await post.json()).toEqual({ message: `Page #${page.number} acknowledged by Alice Nguyen.` });
    expect((await view(page.id)).status).toBe('acknowledged');
  });

  it('PG-6: a Slack button acknowledges when the request carries a valid Slack signature', async () => {
    const page = await pageFor('bruno.costa', 'Ticket 4545');
    expect(slack.messages.filter((m) => m.channel === 'U0BRUNO')).toHaveLength(1);
    const raw = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U0BRUNO' }, actions: [{ action_id: 'page', value: `acknowledge:${page.id}` }] }) }).toString();
    const ts = String(Math.floor(clock.now().epochMilliseconds / 1000));
    const send = (sig: string, stamp = ts) =>
      fetch(`${s.url}/api/v1/paging/slack/actions`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': stamp, 'x-slack-signature': sig }, body: raw });
    expect((await send('v0=' + '0'.repeat(64))).status).toBe(401);
    const stale = String(Number(ts) - 600);
    expect((await send(slackSignature('slack-signing-secret', stale, raw), stale)).status).toBe(401);
    const ok = await send(slackSignature('slack-signing-secret', ts, raw));
    expect(ok.status).toBe(200);
    expect((await ok.json()).text).toBe(`Page #${page.number} acknowledged by Bruno Costa.`);
    expect((await view(page.id)).status).toBe('acknowledged');
  });
});

function Temporal_add(start: string, seconds: number) {
  return new FakeClock(start).advance({ seconds });
}
