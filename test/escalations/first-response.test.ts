// SM-10 end to end over real HTTP on every engine, the demo workspace on a fake clock (Tuesday
// 15:00 UTC, AMER threshold 3, margin 300 min so high-priority tickets, due in 4 business hours, count): new tickets from a Chicago requester build up
// without a first reply; the recurring watch tells the manager on call and #support_team-chat once,
// not on every run while the build-up lasts (nor when two looks run at once); a first public reply
// ends the build-up, and a new one is told again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { runFirstResponseWatch } from '../../src/escalations/service-watch.ts';
import { withTx } from '../../src/runtime/context.ts';
import { emergencyNode } from '../emergencies/helpers.ts';

const YAML = { 'content-type': 'application/yaml' };

describe.each(testEngines())('first-response watch on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  const db = () => n.s.hotline.ctx.db.kysely;
  const amer = async () => (await n.admin('GET', '/api/v1/escalations/first-response')).body.regions.find((r: any) => r.region === 'AMER');
  const posts = async () => (await db().selectFrom('emergency_thread').selectAll().where('emergency_id', 'like', 'first-response:AMER:%').orderBy('seq').execute());
  const normal = async (subject: string) => {
    // normal priority: 8 business hours to the first reply, far outside the margin
    const r = await n.admin('POST', '/api/v1/tickets', { subject, form: 'self_managed', priority: 'normal', requesterEmail: 'rita@acme.example', description: 'x' });
    return r.body.ticket as { id: string; number: number };
  };
  const urgent = async (subject: string) => {
    const r = await n.admin('POST', '/api/v1/tickets', { subject, form: 'self_managed', priority: 'high', requesterEmail: 'rita@acme.example', description: 'Slow pipelines' });
    expect(r.status, r.text).toBe(201);
    return r.body.ticket as { id: string; number: number };
  };
  const look = async (minutes = 5) => {
    n.clock.advance({ minutes });
    await n.drain();
  };

  beforeAll(async () => {
    n = await emergencyNode(engine, '2026-11-24T15:00:00Z');
    const doc = { escalations: { first_response: { margin_minutes: 300, every_minutes: 5, regions: { AMER: { channel: '#support_team-chat', zones: ['America/', '*'], threshold: 3 }, EMEA: { channel: '#support_team-chat-emea', zones: ['Europe/'], threshold: 3 } } } } };
    const r = await n.admin('POST', '/api/v1/workspace/apply', JSON.stringify(doc), YAML);
    expect(r.status, r.text).toBe(200);
    await n.drain();
  }, 60_000);
  afterAll(async () => {
    await n?.close();
  });

  const tickets: { id: string; number: number }[] = [];

  it('SM-10: below the threshold nothing is said; at the threshold the manager on call and the region channel are told once', async () => {
    const base = (await amer()).count;
    expect(base).toBe(0);
    await normal('Far from its target');
    tickets.push(await urgent('Pipeline slow 1'), await urgent('Pipeline slow 2'));
    await look();
    expect((await amer()).count).toBe(2);
    expect(await posts()).toHaveLength(0);
    tickets.push(await urgent('Pipeline slow 3'));
    await look();
    const status = await amer();
    expect(status).toMatchObject({ count: 3, threshold: 3, building: true });
    const p = await posts();
    expect(p).toHaveLength(1);
    expect(p[0].channel).toBe('#support_team-chat');
    const oc = (await n.admin('GET', '/api/v1/oncall')).body.schedules.find((s: any) => s.scheduleId === 'support-managers').owners[0];
    expect(JSON.parse(p[0].mentions)).toEqual([oc]);
    expect(p[0].text).toContain('AMER: 3 new tickets have no first reply');
    for (const t of tickets) expect(p[0].text).toContain(`#${t.number}`);
    const jobs = await db().selectFrom('jobs').select('payload').where('kind', '=', 'notify.person').execute();
    expect(jobs.map((j) => JSON.parse(j.payload)).filter((x) => x.subject.includes('AMER: 3 new tickets near their first-reply target'))).toHaveLength(1);
  });

  it('SM-10: while the build-up lasts, later looks (and two at once, as two nodes would) say nothing more', async () => {
    tickets.push(await urgent('Pipeline slow 4'));
    await look();
    await look();
    await Promise.all([0, 1].map(() => withTx(n.s.hotline.ctx, undefined, (tx) => runFirstResponseWatch(n.s.hotline.ctx, tx, n.clock.now()))));
    expect((await amer()).count).toBe(4);
    expect(await posts()).toHaveLength(1);
  });

  it('SM-10: first replies bring the count below the threshold (the build-up ends); a new build-up is told again', async () => {
    for (const t of tickets.slice(0, 2)) {
      const r = await n.admin('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'Looking at it now.', public: true });
      expect(r.status, r.text).toBe(201);
    }
    await look();
    expect(await amer()).toMatchObject({ count: 2, building: false });
    expect(await posts()).toHaveLength(1);
    const cleared = await db().selectFrom('timeline').select('action').where('subject_type', '=', 'first_response_watch').where('subject_id', '=', 'AMER').orderBy('at').execute();
    expect(cleared.map((r) => r.action)).toEqual(['first_response.build_up', 'first_response.cleared']);
    tickets.push(await urgent('Pipeline slow 5'));
    await look();
    const p = await posts();
    expect(p).toHaveLength(2);
    expect(p[1].text).toContain('AMER: 3 new tickets');
  });

  it('SM-10 bad settings: a threshold of 0, a channel without #, an unknown key — 400 naming the field, nothing applied', async () => {
    for (const [fr, path] of [
      [{ regions: { AMER: { channel: '#x', zones: ['America/'], threshold: 0 } } }, 'escalations.first_response.regions.AMER.threshold'],
      [{ regions: { AMER: { channel: 'x', zones: ['America/'], threshold: 2 } } }, 'escalations.first_response.regions.AMER.channel'],
      [{ margin_minutes: -5 }, 'escalations.first_response.margin_minutes'],
    ] as const) {
      const r = await n.admin('POST', '/api/v1/workspace/apply', JSON.stringify({ escalations: { first_response: fr } }), YAML);
      expect(r.status, r.text).toBe(400);
      expect(r.body.error.details.path).toBe(path);
    }
    const unknown = await n.admin('POST', '/api/v1/workspace/apply', JSON.stringify({ escalations: { first_response: { every: 5 } } }), YAML);
    expect(unknown.status).toBe(400);
    expect((await amer()).threshold).toBe(3);
  });
});
