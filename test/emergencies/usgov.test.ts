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
