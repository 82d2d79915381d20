// WF-5: the bridge of an emergency over real HTTP on every engine: filled from the demo's meeting-
// link template, set and changed by the engineer (on the timeline), bad URLs refused with a 4xx and
// nothing written, shown to the customer while the emergency is live, and used in the silence
// follow-up and bridge-close messages (which never claim a bridge when there is none).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTimeline } from '../../src/store/timeline.ts';
import { readTx } from '../../src/store/tx.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from './helpers.ts';

const TUESDAY_NOON_NY = '2026-11-24T17:00:00Z';

describe.each(testEngines())('emergency bridge on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, TUESDAY_NOON_NY);
  }, 30_000);
  afterAll(() => n?.close());

  const show = async (num: number) => (await n.admin('GET', `/api/v1/emergencies/${num}`)).body;
  const bridgeTrail = async (id: string) =>
    (await listTimeline(readTx(n.s.hotline.ctx.db), 'emergency', id)).filter((e) => e.action.startsWith('emergency.bridge_')).map((e) => [e.action, e.detail.from, e.detail.to, e.detail.source]);

  it('WF-5: a paged emergency gets its bridge from the meeting-link template; a not-paged one gets none', async () => {
    const t = await n.urgent('rita@acme.example');
    const e = await show(t.number);
    expect(e.bridgeUrl).toBe(`https://meet.example.com/hotline-${t.number}`);
    expect(await bridgeTrail(e.id)).toEqual([['emergency.bridge_set', null, e.bridgeUrl, 'template']]);
    const free = await show((await n.urgent('gavin@hooli.example')).number);
    expect(free.state).toBe('not_paged');
    expect(free.bridgeUrl).toBeNull();
  });

  it('WF-5: the engineer sets and changes the bridge; each change is on the timeline; the customer sees it, others do not', async () => {
    const t = await n.urgent('rita@acme.example');
    const eng = await n.as('alice.nguyen@example.com');
    const r = await eng('POST', `/api/v1/emergencies/${t.number}/bridge`, { url: '  https://zoom.example/j/981?pwd=x ' });
    expect(r.status, r.text).toBe(200);
    expect(r.body.bridgeUrl).toBe('https://zoom.example/j/981?pwd=x');
    const e = await show(t.number);
    expect(e.bridgeUrl).toBe('https://zoom.example/j/981?pwd=x');
    expect(await bridgeTrail(e.id)).toContainEqual(['emergency.bridge_set', `https://meet.example.com/hotline-${t.number}`, 'https://zoom.example/j/981?pwd=x', 'engineer']);

    const rita = await n.as('rita@acme.example');
    const mine = await rita('GET', `/api/v1/emergencies/${t.id}/bridge`);
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body).toEqual({ ticketId: t.id, ticketNumber: t.number, bridgeUrl: 'https://zoom.example/j/981?pwd=x', live: true });
    const gus = await n.as('gus@globex.example');
    const other = await gus('GET', `/api/v1/emergencies/${t.id}/bridge`);
    expect([other.status, other.body.error.code]).toEqual([404, 'ticket.not_found']);
    // Customers never set it.
    const byCustomer = await rita('POST', `/api/v1/emergencies/${t.number}/bridge`, { url: 'https://evil.example/' });
    expect(byCustomer.status).toBe(403);
    expect((await show(t.number)).bridgeUrl).toBe('https://zoom.example/j/981?pwd=x');
  });

  it.each([
    ['javascript:alert(document.cookie)', 'emergency.bad_bridge_url'],
    ['JAVASCRIPT:alert(1)', 'emergency.bad_bridge_url'],
    ['data:text/html,<script>alert(1)</script>', 'emergency.bad_bridge_url'],
    ['ftp://files.example/bridge', 'emergency.bad_bridge_url'],
    ['meet.example.com/room', 'emergency.bad_bridge_url'],
    ['', 'emergency.bad_bridge_url'],
  ])('WF-5: %j is refused with a 4xx and nothing is written', async (url, code) => {
    const t = await n.urgent('rita@acme.example');
    const before = await show(t.number);
    const r = await n.admin('POST', `/api/v1/emergencies/${t.number}/bridge`, { url });
    expect([r.status, r.body.error.code]).toEqual([400, code]);
    const after = await show(t.number);
    expect([after.bridgeUrl, after.version]).toEqual([before.bridgeUrl, before.version]);
    expect(await bridgeTrail(after.id)).toHaveLength(1);
  });

  it('WF-5: an unknown emergency is a 404 and a malformed body a 400', async () => {
    expect((await n.admin('POST', '/api/v1/emergencies/999999/bridge', { url: 'https://meet.example.com/x' })).status).toBe(404);
    expect((await n.admin('POST', '/api/v1/emergencies/999999/bridge', { link: 'https://meet.example.com/x' })).status).toBe(400);
  });

  async function silentEmergency() {
    const t = await n.urgent('rita@acme.example');
    const owner = (await show(t.number)).driUserId ?? 'tara.brooks@example.com';
    const eng = await n.as(owner);
    expect((await eng('POST', `/api/v1/emergencies/${t.number}/acknowledge`)).status).toBe(200);
    return { t, eng };
  }

  it('WF-5: silence follow-up and bridge close use the bridge link; the customer sees it until the bridge closes', async () => {
    const { t, eng } = await silentEmergency();
    const url = `https://meet.example.com/hotline-${t.number}`;
    expect((await eng('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'On it.', public: true })).status).toBe(201);
    n.clock.advance({ minutes: 15 });
    await n.drain();
    const follow = (await n.ticket(t.id)).comments.find((c: any) => c.body.startsWith('We have not heard back'));
    expect(follow.body).toContain(`join the bridge we created for this emergency:\n${url}\n`);
    n.clock.advance({ minutes: 15 });
    await n.drain();
    const end = await n.ticket(t.id);
    expect(end.ticket.priority).toBe('high');
    expect(end.comments.some((c: any) => c.body.includes('we have closed the bridge and set this ticket to high priority'))).toBe(true);
    // The bridge is closed: the customer no longer gets the link; staff still see what it was.
    const rita = await n.as('rita@acme.example');
    expect((await rita('GET', `/api/v1/emergencies/${t.number}/bridge`)).body).toMatchObject({ bridgeUrl: null, live: false });
    expect((await n.admin('GET', `/api/v1/emergencies/${t.number}/bridge`)).body).toMatchObject({ bridgeUrl: url, live: false });
  });

  it('WF-5: without a bridge the messages say how to arrange a call and never claim one was created', async () => {
    const { t, eng } = await silentEmergency();
    const cleared = await eng('POST', `/api/v1/emergencies/${t.number}/bridge`, { url: null });
    expect([cleared.status, cleared.body.bridgeUrl]).toEqual([200, null]);
    expect(await bridgeTrail(cleared.body.id)).toContainEqual(['emergency.bridge_cleared', `https://meet.example.com/hotline-${t.number}`, null, 'engineer']);
    expect((await eng('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'On it.', public: true })).status).toBe(201);
    for (const step of [15, 15]) {
      n.clock.advance({ minutes: step });
      await n.drain();
    }
    const end = await n.ticket(t.id);
    const system = end.comments.filter((c: any) => c.isPublic && c.authorId === null).map((c: any) => c.body);
    expect(system).toHaveLength(2);
    expect(system[0]).toContain('If a call would help, reply here with a time that suits you');
    expect(system[1]).toMatch(/^As we have not heard back, we have set this ticket to high priority\./);
    for (const body of system) expect(body).not.toMatch(/bridge/i);
    const thread = (await show(t.number)).thread;
    expect(thread.some((p: any) => p.text === `No customer response: ticket ${t.number} set to high priority.`)).toBe(true);
  });
});
