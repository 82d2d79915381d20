// SM-4 end to end over real HTTP on every engine: an escalation attempted in an ordinary channel
// gets, on one action, the standard anonymous reply that explains the process and links the form —
// from Hotline (the redirect action on a thread entry) and from Slack (the :escalate: reaction sent
// through the Events API, signed with Slack's v0 scheme; the reply goes out through the real
// @slack/web-api client to a loopback stand-in speaking Slack's Web API). Forged, replayed and
// stale events are refused with 401 and a code; Slack's retries and second reactions post nothing twice.
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureNotify, createChannels } from '../../src/notify/index.ts';
import { slackSignature } from '../../src/paging/signing.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { startSlackStandIn, type SlackStandIn } from '../stand-ins/index.ts';
import { emergencyNode, type Api } from '../emergencies/helpers.ts';
import { http } from '../support/server.ts';

const START = '2026-11-24T15:00:00Z';
const SECRET = 'slack-signing-secret-sm4';
const FORM = 'https://forms.example.com/support-escalation';
const YAML = { 'content-type': 'application/yaml' };

describe.each(testEngines())('SM-4 redirect on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let slack: SlackStandIn;
  let alice: Api;
  let customer: Api;
  let note: { id: string; channel: string };
  let seq = 0;

  const now = () => Math.floor(n.s.hotline.ctx.clock.now().epochMilliseconds / 1000);
  /** A Slack Events API request, signed as Slack signs it unless told otherwise. */
  const event = async (body: unknown, o: { secret?: string; ts?: number; signature?: string | null; raw?: string } = {}) => {
    const raw = o.raw ?? JSON.stringify(body);
    const ts = String(o.ts ?? now());
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-slack-request-timestamp': ts };
    const sig = o.signature === undefined ? slackSignature(o.secret ?? SECRET, ts, raw) : o.signature;
    if (sig !== null) headers['x-slack-signature'] = sig;
    return http(n.s.url)('POST', '/api/v1/chat/slack/events', raw, headers);
  };
  const reaction = (channel: string, ts: string, name = 'escalate', eventId = `Ev0SM4${++seq}`) => ({
    token: 'legacy', team_id: 'T0STANDIN', api_app_id: 'A0HOTLINE', type: 'event_callback', event_id: eventId, event_time: now(),
    event: { type: 'reaction_added', user: 'U0RITA', reaction: name, item_user: 'U0ALICE', item: { type: 'message', channel, ts }, event_ts: `${now()}.000100` },
  });
  const redirectJobs = async () => n.s.hotline.ctx.db.kysely.selectFrom('jobs').select(['status', 'payload']).where('kind', '=', 'escalation.slack_redirect').execute();

  beforeAll(async () => {
    slack = await startSlackStandIn({ channels: { C0SELFMAN: 'support_self-managed', C0ESC: 'support_escalations' } });
    n = await emergencyNode(engine, START);
    configureNotify(n.s.hotline.ctx, { channels: createChannels({ slack: { token: 'xoxb-stand-in', apiUrl: slack.apiUrl } }), slackSigningSecret: SECRET });
    alice = await n.as('alice.nguyen@example.com');
    const rita = (await n.admin('GET', '/api/v1/users?q=rita%40acme.example')).body.items[0];
    customer = http(n.s.url, { token: (await n.admin('POST', '/api/v1/tokens', { name: 'rita', userId: rita.id })).body.token });
    // an engineer tries to escalate in an emergency's thread, in the ordinary #support_self-managed
    const t = await n.urgent('rita@acme.example', 'Gitaly down');
    expect((await alice('POST', `/api/v1/emergencies/${t.number}/notes`, { text: 'Can a manager please push this one? The customer is very unhappy' })).status).toBe(200);
    const e = (await n.admin('GET', `/api/v1/emergencies/${t.number}`)).body;
    note = e.thread.find((x: any) => x.kind === 'note' && x.text.startsWith('Can a manager'));
    expect(note.channel).toBe('#support_self-managed');
  }, 60_000);
  afterAll(async () => {
    await n?.close();
    await slack?.close();
  });

  it('SM-4: the redirect action on a message posts the standard reply in its thread, with no author, linking the form', async () => {
    const r = await alice('POST', `/api/v1/thread-entries/${note.id}/redirect`);
    expect(r.status, r.text).toBe(201);
    expect(r.body.redirected).toBe(true);
    expect(r.body.reply.author).toBeNull(); // anonymous
    expect(r.body.reply.channel).toBe('#support_self-managed');
    expect(r.body.reply.text).toContain('/escalations/new');
    expect(r.body.reply.text).toContain('#support_escalations');
    expect(r.body.reply.text).not.toMatch(/alice|Alice/);
    const t = (await n.admin('GET', '/api/v1/emergencies')).body.items.find((x: any) => x.subject === 'Gitaly down');
    const thread = (await n.admin('GET', `/api/v1/emergencies/${t.ticketNumber}`)).body.thread;
    const posted = thread.find((x: any) => x.id === r.body.reply.id);
    expect(posted).toMatchObject({ author: null, kind: 'notice', channel: '#support_self-managed' });
    // mirrored to the channel in chat as well, still anonymous
    await n.drain();
    const inChat = slack.messages.find((m) => m.text.includes('/escalations/new'));
    expect(inChat?.channel).toBe('C0SELFMAN');
    expect(inChat?.text).not.toMatch(/alice/i);
  });

  it('SM-4: the same message redirected again posts nothing new (200, the first reply)', async () => {
    const first = await alice('POST', `/api/v1/thread-entries/${note.id}/redirect`);
    const again = await n.admin('POST', `/api/v1/thread-entries/${note.id}/redirect`);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.redirected).toBe(false);
    expect(again.body.reply.id).toBe(first.body.reply.id);
    const rows = await n.s.hotline.ctx.db.kysely.selectFrom('emergency_thread').select('id').where('text', 'like', '%/escalations/new%').execute();
    expect(rows.length).toBe(1);
  });

  it('SM-4 bad input: unknown entry 404, a Hotline notice or the escalations channel 400, a customer 403 — nothing posted', async () => {
    const before = Number((await n.s.hotline.ctx.db.kysely.selectFrom('emergency_thread').select((eb) => eb.fn.countAll().as('c')).executeTakeFirstOrThrow()).c);
    const unknown = await alice('POST', '/api/v1/thread-entries/01NOSUCHENTRY/redirect');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('thread.entry_not_found');
    const t = (await n.admin('GET', '/api/v1/emergencies')).body.items.find((x: any) => x.subject === 'Gitaly down');
    const notice = (await n.admin('GET', `/api/v1/emergencies/${t.ticketNumber}`)).body.thread.find((x: any) => x.author === null);
    const r1 = await alice('POST', `/api/v1/thread-entries/${notice.id}/redirect`);
    expect(r1.status).toBe(400);
    expect(r1.body.error.code).toBe('escalation.redirect_not_a_message');
    const esc = await alice('POST', '/api/v1/escalations', { title: 'Renewal help', need: 'An owner', businessCase: 'Renewal on Friday', urgency: 'high' });
    expect(esc.status, esc.text).toBe(201);
    const q = await alice('POST', `/api/v1/escalations/${esc.body.number}/thread`, { text: 'Any news?' });
    const question = q.body.thread.find((x: any) => x.text === 'Any news?');
    const r2 = await alice('POST', `/api/v1/thread-entries/${question.id}/redirect`);
    expect(r2.status).toBe(400);
    expect(r2.body.error.code).toBe('escalation.redirect_escalations_channel');
    const r3 = await customer('POST', `/api/v1/thread-entries/${note.id}/redirect`);
    expect(r3.status).toBe(403);
    const after = Number((await n.s.hotline.ctx.db.kysely.selectFrom('emergency_thread').select((eb) => eb.fn.countAll().as('c')).executeTakeFirstOrThrow()).c);
    expect(after).toBe(before + 2); // the escalation's announcement and the question, no redirect reply
  });

  it('SM-4 Slack: url_verification is answered with the challenge once signed', async () => {
    const r = await event({ token: 'legacy', challenge: 'c-3po-challenge', type: 'url_verification' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ challenge: 'c-3po-challenge' });
  });

  it('SM-4 Slack: the :escalate: reaction posts the anonymous reply in that message\'s thread through the Web API client', async () => {
    const web = new WebClient('xoxb-stand-in', { slackApiUrl: slack.apiUrl });
    const msg = await web.chat.postMessage({ channel: 'C0SELFMAN', text: 'Hey all, can someone escalate ticket 4711? Big customer' });
    const ev = reaction('C0SELFMAN', msg.ts!);
    const r = await event(ev);
    expect(r.status, r.text).toBe(200);
    expect(r.body.redirect).toBe('queued');
    await n.drain();
    const replies = slack.thread('C0SELFMAN', msg.ts!).filter((m) => m.ts !== msg.ts);
    expect(replies.length).toBe(1);
    expect(replies[0]!.thread_ts).toBe(msg.ts);
    expect(replies[0]!.text).toContain('/escalations/new');
    expect(replies[0]!.text).not.toContain('U0RITA'); // names nobody: neither who reacted nor who wrote
    expect(replies[0]!.text).not.toContain('U0ALICE');
    const timeline = await n.s.hotline.ctx.db.kysely.selectFrom('timeline').select(['action', 'detail']).where('action', '=', 'escalation.redirected').where('subject_id', '=', `slack:C0SELFMAN:${msg.ts}`).execute();
    expect(timeline.length).toBe(1);

    // Slack retries the same event (same event_id), and someone else reacts too: nothing twice
    const retry = await event(ev);
    expect(retry.body.redirect).toBe('duplicate');
    const second = await event(reaction('C0SELFMAN', msg.ts!));
    expect(second.body.redirect).toBe('duplicate');
    await n.drain();
    expect(slack.thread('C0SELFMAN', msg.ts!).length).toBe(2);
  });

  it('SM-4 Slack: another reaction, or a reaction on a file, is acknowledged and ignored', async () => {
    const before = slack.messages.length;
    const web = new WebClient('xoxb-stand-in', { slackApiUrl: slack.apiUrl });
    const msg = await web.chat.postMessage({ channel: 'C0SELFMAN', text: 'Looks good to me' });
    const r = await event(reaction('C0SELFMAN', msg.ts!, 'thumbsup'));
    expect(r.status).toBe(200);
    expect(r.body.ignored).toContain('thumbsup');
    const file = reaction('C0SELFMAN', msg.ts!);
    (file.event.item as any).type = 'file';
    expect((await event(file)).body.ignored).toBeDefined();
    await n.drain();
    expect(slack.messages.length).toBe(before + 1);
  });

  it('SM-4 Slack: forged, replayed, stale, unsigned and malformed requests are refused with a code; nothing is posted', async () => {
    const jobs = (await redirectJobs()).length;
    const body = reaction('C0SELFMAN', '1700000001.000001');
    const forged = await event(body, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('slack.bad_signature');
    // a signed request replayed six minutes later
    const stale = await event(body, { ts: now() - 360 });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('slack.stale_request');
    // the signature of one body sent with another
    const ts = now();
    const swapped = await event(undefined, { raw: JSON.stringify(reaction('C0SELFMAN', '1700000002.000002')), ts, signature: slackSignature(SECRET, String(ts), JSON.stringify(body)) });
    expect(swapped.status).toBe(401);
    expect(swapped.body.error.code).toBe('slack.bad_signature');
    const unsigned = await event(body, { signature: null });
    expect(unsigned.status).toBe(401);
    const v1 = await event(body, { signature: 'v1=deadbeef' });
    expect(v1.status).toBe(401);
    const challenge = await event({ type: 'url_verification', challenge: 'x' }, { secret: 'nope' });
    expect(challenge.status).toBe(401);
    const notJson = await event(undefined, { raw: 'payload=%7B%7D' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('slack.bad_payload');
    const noItem = await event({ type: 'event_callback', event_id: 'Ev0BAD', event: { type: 'reaction_added', reaction: 'escalate', item: { type: 'message' } } });
    expect(noItem.status).toBe(400);
    expect((await redirectJobs()).length).toBe(jobs);
  });

  it('SM-4 Slack: without a signing secret every event is refused (401 slack.not_configured)', async () => {
    configureNotify(n.s.hotline.ctx, { slackSigningSecret: null });
    try {
      const r = await event({ type: 'url_verification', challenge: 'x' });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('slack.not_configured');
    } finally {
      configureNotify(n.s.hotline.ctx, { slackSigningSecret: SECRET });
    }
  });

  it('SM-4: the workspace sets the reaction, the reply and the form link; bad settings are refused naming the field', async () => {
    for (const [redirect, path] of [
      [{ text: 'Please use the form.' }, 'escalations.redirect.text'],
      [{ form_url: 'not a url' }, 'escalations.redirect.form_url'],
      [{ reaction: 'two words' }, 'escalations.redirect.reaction'],
      [{ emoji: 'escalate' }, 'escalations.redirect'],
    ] as const) {
      const r = await n.admin('POST', '/api/v1/workspace/apply', JSON.stringify({ escalations: { redirect } }), YAML);
      expect(r.status, r.text).toBe(400);
      expect(r.body.error.details.path).toContain(path);
    }
    const ok = await n.admin('POST', '/api/v1/workspace/apply', JSON.stringify({ escalations: { redirect: { reaction: ':escalate-please:', form_url: FORM, text: 'Escalations go through {form}; the manager on call answers in {channel}.' } } }), YAML);
    expect(ok.status, ok.text).toBe(200);
    const web = new WebClient('xoxb-stand-in', { slackApiUrl: slack.apiUrl });
    const msg = await web.chat.postMessage({ channel: 'C0SELFMAN', text: 'escalate pls' });
    expect((await event(reaction('C0SELFMAN', msg.ts!))).body.ignored).toContain('escalate'); // the old reaction no longer asks
    expect((await event(reaction('C0SELFMAN', msg.ts!, 'escalate-please'))).body.redirect).toBe('queued');
    await n.drain();
    const reply = slack.thread('C0SELFMAN', msg.ts!).find((m) => m.ts !== msg.ts);
    expect(reply?.text).toBe(`Escalations go through ${FORM}; the manager on call answers in #support_escalations.`);
    const exported = await n.admin('GET', '/api/v1/workspace/export');
    expect(exported.text).toContain('escalate-please');
  });
});
