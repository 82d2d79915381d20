// SM-1/SM-2 in chat, on every engine: with Slack configured, an escalation's announcement is posted
// in #support_escalations through the real @slack/web-api client (to a loopback stand-in speaking
// Slack's Web API), and everything said on the escalation afterwards (eyes, questions, the
// resolution) replies under that message (thread_ts = the announcement's ts), read back with
// conversations.replies. A help thread in a product channel starts its own chat thread there; a
// second escalation gets its own; a cover request's answer replies under the request; the
// first-response watch's build-ups stay separate messages in the channel.
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureNotify, createChannels } from '../../src/notify/index.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { startSlackStandIn, type SlackStandIn } from '../stand-ins/index.ts';
import { emergencyNode } from '../emergencies/helpers.ts';

describe.each(testEngines())('escalation threads mirrored to Slack on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let slack: SlackStandIn;
  let web: WebClient;
  beforeAll(async () => {
    slack = await startSlackStandIn({ channels: { C0ESC: 'support_escalations', C0SELFMAN: 'support_self-managed', C0MGR: 'spt_managers' } });
    web = new WebClient('xoxb-stand-in', { slackApiUrl: slack.apiUrl });
    n = await emergencyNode(engine, '2026-11-24T15:00:00Z');
    configureNotify(n.s.hotline.ctx, { channels: createChannels({ slack: { token: 'xoxb-stand-in', apiUrl: slack.apiUrl } }) });
  }, 60_000);
  afterAll(async () => {
    await n?.close();
    await slack?.close();
  });

  const file = async (subject: string) => {
    const alice = await n.as('alice.nguyen@example.com');
    const t = await n.admin('POST', '/api/v1/tickets', { subject, form: 'self_managed', priority: 'normal', requesterEmail: 'rita@acme.example', description: 'x' });
    const r = await alice('POST', '/api/v1/escalations', { ticket: t.body.ticket.number, need: 'An owner today', businessCase: 'Renewal at risk', urgency: 'high' });
    expect(r.status, r.text).toBe(201);
    return r.body as { number: number };
  };
  const announcement = (number: number) => slack.messages.find((m) => m.channel === 'C0ESC' && !m.thread_ts && m.text.includes(`#${number}`));

  it('SM-1/SM-2: the announcement is a message in #support_escalations; eyes, a question and the resolution reply under it', async () => {
    const e = await file('Renewal blocked by licence sync');
    await n.drain();
    const root = announcement(e.number);
    expect(root, JSON.stringify(slack.messages.map((m) => m.text))).toBeDefined();
    const alice = await n.as('alice.nguyen@example.com');
    expect((await n.admin('POST', `/api/v1/escalations/${e.number}/acknowledge`)).status).toBe(200);
    await n.drain(); // a later run of the mirror continues the same chat thread
    expect((await alice('POST', `/api/v1/escalations/${e.number}/thread`, { text: 'The customer renews on Friday' })).status).toBe(200);
    expect((await n.admin('POST', `/api/v1/escalations/${e.number}/resolve`, { comment: 'Licensing owns it', labels: ['License-Issue'] })).status).toBe(200);
    await n.drain();
    const shown = (await n.admin('GET', `/api/v1/escalations/${e.number}`)).body;
    const replies = await web.conversations.replies({ channel: 'C0ESC', ts: root!.ts });
    const texts = (replies.messages ?? []).map((m) => m.text ?? '');
    expect(texts).toHaveLength(shown.thread.length);
    expect(texts[0]).toContain(`#${e.number}`);
    expect(texts.slice(1).join('\n')).toContain(':eyes:');
    expect(texts.slice(1).join('\n')).toContain('The customer renews on Friday');
    expect(texts.at(-1)).toContain('License-Issue');
    // nothing of it beside the announcement in the channel itself
    expect(slack.messages.filter((m) => m.channel === 'C0ESC' && !m.thread_ts)).toHaveLength(1);
  });

  it('SM-2: a help thread starts its own chat thread in the product channel; a second escalation its own in #support_escalations', async () => {
    const e = await file('Geo sync stuck');
    expect((await n.admin('POST', `/api/v1/escalations/${e.number}/help-thread`, { text: 'Who knows Geo well?' })).status, 'help thread').toBe(200);
    await n.drain();
    const help = slack.messages.filter((m) => m.channel === 'C0SELFMAN');
    expect(help).toHaveLength(1);
    expect(help[0]!.thread_ts).toBeUndefined();
    expect(help[0]!.text).toContain('Who knows Geo well?');
    const root = announcement(e.number)!;
    const mine = slack.messages.filter((m) => m.channel === 'C0ESC' && m.thread_ts === root.ts);
    expect(mine.length).toBeGreaterThan(0); // the note saying where technical discussion lives
    expect(slack.messages.filter((m) => m.channel === 'C0ESC' && !m.thread_ts)).toHaveLength(2);
  });

  it('SM-9: an answer to a cover request replies under the request in #spt_managers', async () => {
    const asker = await n.as('tara.brooks@example.com');
    const r = await asker('POST', '/api/v1/cover-requests', { start: '2026-11-26T14:00:00Z', end: '2026-11-26T18:00:00Z', ask: 'walter.kim@example.com', note: 'Dentist' });
    expect(r.status, r.text).toBe(201);
    await n.drain();
    const accept = await (await n.as('walter.kim@example.com'))('POST', `/api/v1/cover-requests/${r.body.number}/accept`);
    expect(accept.status, accept.text).toBe(200);
    await n.drain();
    const inMgr = slack.messages.filter((m) => m.channel === 'C0MGR');
    expect(inMgr.length).toBeGreaterThanOrEqual(2);
    expect(inMgr[0]!.thread_ts).toBeUndefined();
    expect(inMgr.slice(1).every((m) => m.thread_ts === inMgr[0]!.ts)).toBe(true);
  });

  it('SM-1 in chat: when Slack rate-limits (429, Retry-After), the announcements wait as long as it asked, then all arrive once each, in order', async () => {
    await n.drain();
    const db = n.s.hotline.ctx.db.kysely;
    const before = slack.messages.length;
    slack.rateLimitOnce(30);
    const a = await file('Renewal at risk, first of a burst');
    await n.drain();
    expect(slack.messages.length).toBe(before); // refused: nothing posted yet
    const b = await file('Renewal at risk, second of a burst');
    await n.drain();
    expect(slack.messages.length).toBe(before); // a new filing does not cut Slack's wait short
    const waiting = await db.selectFrom('jobs').select(['run_at', 'attempts']).where('replace_key', '=', 'chat-mirror:channel').where('status', '=', 'pending').executeTakeFirstOrThrow();
    const due = waiting.run_at as unknown; // a Date from PostgreSQL, ISO text from SQLite
    expect(new Date(due instanceof Date ? due : String(due)).getTime() - n.clock.now().epochMilliseconds).toBe(30_000);
    expect(waiting.attempts).toBe(0); // being rate limited spends none of the job's attempts
    n.clock.advance({ seconds: 30 });
    await n.drain();
    const posted = slack.messages.filter((m) => m.channel === 'C0ESC' && !m.thread_ts && (m.text.includes(`#${a.number} `) || m.text.includes(`#${b.number} `)));
    expect(posted.map((m) => m.text.includes(`#${a.number} `) ? a.number : b.number)).toEqual([a.number, b.number]);
    expect(announcement(a.number)).toBeDefined();
  });
});
