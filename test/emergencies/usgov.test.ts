// Must show (WF-14) over real HTTP on every engine: a 12x5 US-government customer at 02:00
// Pacific gets the two-option reply and a channel post, and is paged when business hours start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from './helpers.ts';

const show = async (n: Awaited<ReturnType<typeof emergencyNode>>, num: number) => (await n.admin('GET', `/api/v1/emergencies/${num}`)).body;

describe.each(testEngines())('US government 12x5 on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, '2026-11-24T10:00:00Z'); // 02:00 Pacific
  }, 30_000);
  afterAll(() => n?.close());

  it('WF-14: 02:00 PT → two-option reply, channel post, no page; paged at 05:00 PT', async () => {
    const t = await n.urgent('miles@cyberdyne.example', 'Cluster down', 'us_government');
    const e = await show(n, t.number);
    expect(e.pages).toHaveLength(0);
    expect(e.channel).toBe('#spt_us-government');
    expect(e.ticket.tags).toContain('usgov_off_hours_emergency');
    expect(e.timers.map((x: any) => [x.kind, x.dueAt, x.state])).toEqual([['usgov-business-hours', '2026-11-24T13:00:00.000Z', 'pending']]);
    const tk = await n.ticket(t.id);
    expect(tk.comments.some((c: any) => c.isPublic && c.body.includes('You have two options'))).toBe(true);
    n.clock.advance({ hours: 2, minutes: 59 });
    await n.drain();
    expect((await show(n, t.number)).pages).toHaveLength(0);
    n.clock.advance({ minutes: 1 });
    await n.drain();
    const after = await show(n, t.number);
    expect(after.pages).toHaveLength(1);
    expect(after.timers[0].state).toBe('fired');
  });
});

// Must show (WF-6, SCH-5, SM-5) over real HTTP on every engine: US government in business hours
// has one engineer on shift; a second emergency while they own the first goes to the
// US-government manager on call (the workspace's schedule), who pings the US-government group,
// and the page follows the US-government policy from the manager's tier onwards.
describe.each(testEngines())('concurrent US-government emergency on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, '2026-11-24T18:00:00Z'); // Tuesday 10:00 Pacific: the day shift alone
  }, 30_000);
  afterAll(() => n?.close());
  const owners = async (schedule: string) => (await n.admin('GET', '/api/v1/oncall')).body.schedules.find((s: any) => s.scheduleId === schedule).owners as string[];
  const idOf = async (email: string) => (await n.admin('GET', `/api/v1/users?q=${email}`)).body.items[0].id as string;

  it('WF-6, SCH-5: the US-government manager on call takes it and pings @support-team-usgov; SM-5: unacknowledged, it escalates to the US-government rotation and directors', async () => {
    const first = await n.urgent('rachael@tyrell.example', 'Cluster down', 'us_government');
    const e1 = await show(n, first.number);
    const [engineer] = await owners('us-government');
    expect(e1.driUserId).toBe(engineer);
    expect((await (await n.as(engineer))('POST', `/api/v1/emergencies/${first.number}/acknowledge`)).status).toBe(200);

    const second = await n.urgent('rachael@tyrell.example', 'Registry down too', 'us_government');
    const e2 = await show(n, second.number);
    const [usGovManager] = await owners('us-government-managers');
    const [globalManager] = await owners('support-managers');
    expect(usGovManager).not.toBe(globalManager); // the demo's week: the two coverages differ
    expect(e2.driUserId).toBe(usGovManager);
    expect(e2.pages).toHaveLength(1);
    expect((await n.admin('GET', `/api/v1/pages/${e2.pages[0].id}`)).body).toMatchObject({ escalationPolicyId: 'us-government', escalationLevel: 1, targetUserIds: [await idOf(usGovManager)] });
    expect(e2.thread.filter((p: any) => p.kind === 'mention').map((p: any) => p.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^@support-team-usgov: WF-6: concurrent emergency ticket/)]),
    );

    n.clock.advance({ minutes: 5 }); // the US-government policy's manager tier waits 5 minutes
    await n.drain();
    const escalated = (await n.admin('GET', `/api/v1/pages/${e2.pages[0].id}`)).body;
    expect(escalated.escalationLevel).toBe(2);
    expect([...escalated.targetUserIds].sort()).toEqual((await Promise.all([engineer, 'xena.powell@example.com', 'yusuf.demir@example.com'].map(idOf))).sort());
  });
});
