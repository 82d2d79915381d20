// Must show (WF-1, WF-5, PG-2) over real HTTP on every engine, on a fake clock: an entitled
// customer's urgent ticket opens an emergency with its thread and page; the first public reply
// arms the follow-up; silence closes the bridge, an answer at minute 14 stops it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from './helpers.ts';

const TUESDAY_NOON_NY = '2026-11-24T17:00:00Z';

describe.each(testEngines())('emergency workflow on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, TUESDAY_NOON_NY);
  }, 30_000);
  afterAll(() => n?.close());

  async function strictEmergency() {
    const t = await n.urgent('rita@acme.example');
    // Whoever the page went to (the DRI on call, or the manager when nobody is) acknowledges.
    const owner = (await n.admin('GET', `/api/v1/emergencies/${t.number}`)).body.driUserId ?? 'tara.brooks@example.com';
    const alice = await n.as(owner);
    const ack = await alice('POST', `/api/v1/emergencies/${t.number}/acknowledge`);
    expect(ack.status, ack.text).toBe(200);
    const q = await alice('POST', `/api/v1/emergencies/${t.number}/qualify`, { verdict: 'strict' });
    expect(q.status, q.text).toBe(200);
    return { t, alice };
  }

  it('WF-1/ENT: urgent ticket from an entitled org → emergency, thread, page, CSM cc, ASE told; PG-2 veto', async () => {
    const t = await n.urgent('rita@acme.example');
    const show = await n.admin('GET', `/api/v1/emergencies/${t.number}`);
    expect(show.status, show.text).toBe(200);
    const e = show.body;
    expect(e.state).toBe('open');
    expect(e.entitlement.kind).toBe('entitled');
    expect(e.thread.find((p: any) => p.kind === 'open').text).toContain(`hread for emergency ticket ${t.number}`);
    expect(e.thread.find((p: any) => p.kind === 'open').channel).toBe('#support_self-managed');
    expect(e.thread.filter((p: any) => p.kind === 'mention').map((p: any) => p.mentions[0])).toEqual(expect.arrayContaining(['zoe.adams@example.com', 'bella.cruz@example.com']));
    expect(e.pages).toHaveLength(1);
    const board = await n.admin('GET', '/api/v1/emergencies');
    expect(board.body.items.map((x: any) => x.ticketNumber)).toContain(t.number);
    // PG-2: the page cannot be resolved before a public reply.
    const veto = await n.admin('POST', `/api/v1/pages/${e.pages[0].id}/resolve`, {});
    expect(veto.status).toBe(409);
    expect(JSON.stringify(veto.body)).toContain('page.no_public_reply');
    const alice = await n.as('alice.nguyen@example.com');
    expect((await alice('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'Joining now, here is the bridge.', public: true })).status).toBe(201);
    expect((await n.admin('POST', `/api/v1/pages/${e.pages[0].id}/resolve`, {})).status).toBe(200);
  });

  it('WF-4 strict + WF-5: customer silent 30 minutes → follow-up at 15, bridge closed and HIGH at 30', async () => {
    const { t, alice } = await strictEmergency();
    const before = (await n.admin('GET', `/api/v1/emergencies/${t.number}`)).body;
    expect(before.qualification).toBe('strict');
    expect(before.ticket.tags).toContain('emergency_strict_definition');
    expect((await alice('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'We are on it; join the bridge.', public: true })).status).toBe(201);
    const timers = (await n.admin('GET', `/api/v1/emergencies/${t.number}`)).body.timers;
    expect(timers.map((x: any) => [x.kind, x.state])).toEqual([['silence-followup', 'pending'], ['silence-bridge-close', 'pending']]);
    n.clock.advance({ minutes: 15 });
    await n.drain();
    const mid = await n.ticket(t.id);
    expect(mid.comments.some((c: any) => c.isPublic && c.body.includes('We have not heard back from you yet'))).toBe(true);
    expect(mid.ticket.priority).toBe('urgent');
    n.clock.advance({ minutes: 15 });
    await n.drain();
    const end = await n.ticket(t.id);
    expect(end.ticket.priority).toBe('high');
    const thread = (await n.admin('GET', `/api/v1/emergencies/${t.number}`)).body.thread;
    expect(thread.some((p: any) => p.text.includes('bridge closed'))).toBe(true);
  });

  it('TK-7, WF-5: the silence follow-up is no reply: the next-reply target keeps running until the engineer answers publicly', async () => {
    const { t, alice } = await strictEmergency();
    expect((await alice('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'We are on it; join the bridge.', public: true })).status).toBe(201);
    const armed = (await n.ticket(t.id)).sla;
    expect([armed.metric, armed.state]).toEqual(['next_reply', 'running']);
    const fulfilled = async () => (await n.admin('GET', `/api/v1/tickets/${t.id}/timeline`)).body.items.filter((e: any) => e.action === 'sla.fulfilled').length;
    const fulfilledBefore = await fulfilled();
    n.clock.advance({ minutes: 15 });
    await n.drain();
    const mid = await n.ticket(t.id);
    expect(mid.comments.some((c: any) => c.isPublic && c.body.includes('We have not heard back from you yet'))).toBe(true);
    // The system's message neither fulfils nor re-arms the target: still owed at the same instant.
    expect([mid.sla.metric, mid.sla.state, mid.sla.dueAt]).toEqual(['next_reply', 'running', armed.dueAt]);
    expect(await fulfilled()).toBe(fulfilledBefore);
    n.clock.advance({ minutes: 1 });
    expect((await alice('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'Still here; the bridge is open.', public: true })).status).toBe(201);
    const after = (await n.ticket(t.id)).sla;
    expect(await fulfilled()).toBe(fulfilledBefore + 1);
    expect([after.metric, after.state]).toEqual(['next_reply', 'running']);
    expect(Date.parse(after.dueAt) - Date.parse(armed.dueAt)).toBe(16 * 60_000);
  });

  it('WF-5: customer answers at minute 14 → no follow-up, stays urgent', async () => {
    const { t, alice } = await strictEmergency();
    await alice('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'Please join the bridge.', public: true });
    n.clock.advance({ minutes: 14 });
    const rita = await n.as('rita@acme.example');
    expect((await rita('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'Joining now.' })).status).toBe(201);
    n.clock.advance({ minutes: 20 });
    await n.drain();
    const end = await n.ticket(t.id);
    expect(end.ticket.priority).toBe('urgent');
    expect(end.comments.some((c: any) => c.body.includes('We have not heard back'))).toBe(false);
    const timers = (await n.admin('GET', `/api/v1/emergencies/${t.number}`)).body.timers;
    expect(timers.every((x: any) => x.state === 'cancelled')).toBe(true);
  });
});
