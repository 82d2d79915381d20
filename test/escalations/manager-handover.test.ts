// SM-6 hand-over at the managers' shift change, over real HTTP and the real job engine on every
// engine (demo workspace, fake clock, Tuesday 12:30 New York). An override makes another manager
// take the managers' schedule at 18:00 UTC; the hand-off job of that change hands the outgoing
// manager's emergencies (one they lead, one whose page still waits on them) to the manager the
// override names, with a note on each timeline and thread, and tells the next manager.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode, type Api } from '../emergencies/helpers.ts';

describe.each(testEngines())('manager hand-over at the shift change on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let outgoing: { email: string; api: Api };
  let next: string;
  let led: { id: string; number: number };
  let waiting: { id: string; number: number };

  const userId = async (email: string) => (await n.admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items.find((u: any) => u.email === email).id as string;
  const jobsFor = async (email: string) => {
    const id = await userId(email);
    const jobs = await n.s.hotline.ctx.db.kysely.selectFrom('jobs').select('payload').where('kind', '=', 'notify.person').execute();
    return jobs.map((j) => JSON.parse(j.payload)).filter((p) => p.userId === id);
  };

  beforeAll(async () => {
    n = await emergencyNode(engine, '2026-11-24T17:30:00Z');
    const oc = (await n.admin('GET', '/api/v1/oncall')).body;
    const email: string = oc.schedules.find((s: any) => s.scheduleId === 'support-managers').owners[0];
    outgoing = { email, api: await n.as(email) };
    next = ['umar.farouk@example.com', 'valerie.ng@example.com'].find((x) => x !== email)!;
  }, 60_000);
  afterAll(async () => {
    await n?.close();
  });

  it('SM-6: the outgoing manager leads one emergency and a concurrent one’s page waits on them', async () => {
    const o = await n.admin('POST', '/api/v1/schedule-overrides', { schedule: 'support-managers', start: '2026-11-24T18:00:00Z', end: '2026-11-24T22:00:00Z', user: next, replaces: outgoing.email });
    expect(o.status, o.text).toBe(201);
    led = await n.urgent('rita@acme.example', 'Prod down');
    const dri = (await n.admin('GET', `/api/v1/emergencies/${led.number}`)).body.driUserId;
    expect((await (await n.as(dri))('POST', `/api/v1/emergencies/${led.number}/acknowledge`)).status).toBe(200);
    n.clock.advance({ seconds: 1 });
    expect((await outgoing.api('POST', `/api/v1/manager/emergencies/${led.number}/lead`)).status).toBe(200);
    n.clock.set('2026-11-24T17:57:00Z');
    await n.drain();
    waiting = await n.urgent('gus@globex.example', 'Globex down', 'saas');
    const view = (await outgoing.api('GET', '/api/v1/manager/emergencies')).body.items;
    expect(view.find((r: any) => r.ticketNumber === led.number).lead.email).toBe(outgoing.email);
    expect(view.find((r: any) => r.ticketNumber === waiting.number).waiting[0].targets).toEqual([outgoing.email]);
  });

  it('SM-6: at the shift change both go to the manager the override names: lead, waiting page, a note on each timeline and thread; the next manager is told', async () => {
    n.clock.set('2026-11-24T18:00:00Z');
    await n.drain();
    const api = await n.as(next);
    const [a, b] = [(await api('GET', `/api/v1/manager/emergencies/${led.number}`)).body, (await api('GET', `/api/v1/manager/emergencies/${waiting.number}`)).body];
    expect(a.lead.email).toBe(next);
    expect(b.lead.email).toBe(next);
    expect(b.waiting[0].targets).toEqual([next]);
    for (const e of [a, b]) {
      expect(e.timeline.at(-1)).toMatchObject({ action: 'manager.handed_over', actor: { kind: 'system' }, detail: { from: outgoing.email, to: next, atShiftChange: true, late: false } });
    }
    const thread = (await n.admin('GET', `/api/v1/emergencies/${led.number}`)).body.thread;
    expect(thread.some((p: any) => p.text === `Manager hand-over at the managers' shift change: ${next} now leads emergency ticket ${led.number} (from ${outgoing.email}).`)).toBe(true);
    const told = (await jobsFor(next)).filter((p) => p.text.includes('you lead it now'));
    expect(told.length).toBeGreaterThan(0);
    expect(told[0].text).toContain(`Emergency ticket #${led.number}: you lead it now (handed over from ${outgoing.email})`);
    expect(told[0].text).toContain(`Emergency ticket #${waiting.number}: you lead it now`);
  });

  it('SM-6: the hand-over happens once — the job is done; back at 22:00 the override ends and the lead goes back with what is still open', async () => {
    n.clock.set('2026-11-24T22:00:00Z');
    await n.drain();
    const a = (await outgoing.api('GET', `/api/v1/manager/emergencies/${led.number}`)).body;
    expect(a.lead.email).toBe(outgoing.email);
    expect(a.timeline.filter((t: any) => t.action === 'manager.handed_over').map((t: any) => [t.detail.from, t.detail.to])).toEqual([[outgoing.email, next], [next, outgoing.email]]);
  });
});
