// WF-1: with chat configured, an emergency's thread is mirrored to its form's channel through the
// real Slack Web API client against a loopback stand-in speaking chat.postMessage: in order, under
// one chat thread, notes included; a re-run posts nothing twice; without chat nothing is queued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureNotify, createChannels } from '../../src/notify/index.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { startSlackStandIn, type SlackStandIn } from '../stand-ins/index.ts';
import { emergencyNode } from './helpers.ts';

describe.each(testEngines())('emergency thread mirrored to chat on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let slack: SlackStandIn;
  beforeAll(async () => {
    slack = await startSlackStandIn({ channels: { C0SELFMAN: 'support_self-managed', C0SAAS: 'support_gitlab-com' } });
    n = await emergencyNode(engine, '2026-11-24T17:00:00Z');
  }, 30_000);
  afterAll(async () => {
    await n?.close();
    await slack?.close();
  });
  const mirrorJobs = async () => Number((await n.s.hotline.ctx.db.kysely.selectFrom('jobs').select((eb) => eb.fn.countAll().as('c')).where('kind', '=', 'emergency.chat_mirror').executeTakeFirstOrThrow()).c);

  it('WF-1: without chat configured, nothing is queued for it', async () => {
    await n.urgent('rita@acme.example', 'No chat here');
    await n.drain();
    expect(await mirrorJobs()).toBe(0);
  });

  it('WF-1: the thread appears in #support_self-managed, in order, as one chat thread; a person’s note too', async () => {
    configureNotify(n.s.hotline.ctx, { channels: createChannels({ slack: { token: 'xoxb-stand-in', apiUrl: slack.apiUrl } }) });
    const t = await n.urgent('rita@acme.example', 'Gitaly down');
    expect((await n.admin('POST', `/api/v1/emergencies/${t.number}/notes`, { text: 'Customer on 16.4; checking Gitaly logs' })).status).toBe(200);
    await n.drain();
    const e = (await n.admin('GET', `/api/v1/emergencies/${t.number}`)).body;
    const posted = slack.messages.filter((m) => m.channel === 'C0SELFMAN');
    expect(posted.length).toBe(e.thread.length);
    const root = posted[0]!;
    expect(root.thread_ts).toBeUndefined();
    expect(posted.slice(1).every((m) => m.thread_ts === root.ts)).toBe(true);
    expect(posted.map((m) => m.text).at(-1)).toContain('Customer on 16.4; checking Gitaly logs');
    expect(e.thread.every((p: any) => p.mirrored)).toBe(true);
  });

  it('WF-1: later entries join the same chat thread; running the mirror again posts nothing twice', async () => {
    const t = (await n.admin('GET', '/api/v1/emergencies')).body.items.find((x: any) => x.subject === 'Gitaly down');
    const before = slack.messages.length;
    expect((await n.admin('POST', `/api/v1/emergencies/${t.ticketNumber}/notes`, { text: 'Restarted Gitaly, watching' })).status).toBe(200);
    await n.drain();
    const last = slack.messages.at(-1)!;
    expect(slack.messages.length).toBe(before + 1);
    expect(last.text).toContain('Restarted Gitaly, watching');
    const root = slack.messages.find((m) => m.channel === 'C0SELFMAN' && !m.thread_ts && m.text.includes(`${t.ticketNumber}`));
    expect(last.thread_ts).toBe(root?.ts);
    // the job runs again (a node died before recording it done): nothing new in the channel
    const db = n.s.hotline.ctx.db.kysely;
    const job = await db.selectFrom('jobs').select('id').where('replace_key', '=', `chat-mirror:${t.ticketId}`).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    await db.updateTable('jobs').set({ status: 'pending', attempts: 0 }).where('id', '=', job.id).execute();
    await n.drain();
    expect(slack.messages.length).toBe(before + 1);
  });
});
