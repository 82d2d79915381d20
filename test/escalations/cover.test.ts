// SM-9 end to end over real HTTP on every engine, the demo workspace on a fake clock (Tuesday
// 15:00 UTC): the support manager on call asks a named manager to cover some hours (accepted: an
// override makes them the manager on call for exactly those hours; declined: the requester is told
// why), posts an open request any manager may accept (two at once: exactly one wins), and an
// unanswered request expires when its hours start (late after downtime, and says so). Bad input is
// refused with a clear 4xx and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode, type Api } from '../emergencies/helpers.ts';

const START = '2026-11-24T15:00:00Z';
const at = (h: number) => new Date(Date.parse(START) + h * 3_600_000).toISOString();

describe.each(testEngines())('support manager cover requests on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let me: { email: string; name: string; api: Api }; // the manager on call, who asks
  let others: { email: string; name: string; api: Api }[]; // the other support managers
  let engineer: Api;

  const managerOnCall = async (when?: string) => {
    const oc = (await n.admin('GET', `/api/v1/oncall${when ? `?at=${encodeURIComponent(when)}` : ''}`)).body;
    return oc.schedules.find((s: any) => s.scheduleId === 'support-managers').owners[0] as string;
  };
  const notified = async (email: string, subject: string) => {
    const users = (await n.admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items;
    const jobs = await n.s.hotline.ctx.db.kysely.selectFrom('jobs').select('payload').where('kind', '=', 'notify.person').execute();
    return jobs.map((j) => JSON.parse(j.payload)).filter((p) => p.userId === users[0].id && p.subject.includes(subject));
  };
  const overrides = async () => (await n.admin('GET', '/api/v1/schedule-overrides?schedule=support-managers')).body.items as any[];
  const covers = async () => (await n.admin('GET', '/api/v1/cover-requests?state=open')).body.items.length + (await n.admin('GET', '/api/v1/cover-requests')).body.items.length;
  const timeline = async (id: string) => (await n.s.hotline.ctx.db.kysely.selectFrom('timeline').selectAll().where('subject_type', '=', 'cover_request').where('subject_id', '=', id).orderBy('at').execute())
    .map((r) => ({ action: r.action, detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail }));

  beforeAll(async () => {
    n = await emergencyNode(engine, START);
    const managers = ['tara.brooks@example.com', 'walter.kim@example.com', 'umar.farouk@example.com', 'valerie.ng@example.com'];
    const users = (await n.admin('GET', '/api/v1/users?role=manager')).body.items as { email: string; name: string }[];
    const person = async (email: string) => ({ email, name: users.find((u) => u.email === email)!.name, api: await n.as(email) });
    const onCall = await managerOnCall();
    me = await person(onCall);
    others = await Promise.all(managers.filter((m) => m !== onCall).map(person));
    engineer = await n.as('alice.nguyen@example.com');
  }, 60_000);
  afterAll(async () => {
    await n?.close();
  });

  it('SM-9: a named manager is asked, accepts, and is the manager on call for exactly those hours (an override); the requester is told', async () => {
    const [o] = others;
    const r = await me.api('POST', '/api/v1/cover-requests', { start: at(2), end: at(4), ask: o.email, note: 'Customer call 17:00-19:00' });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ state: 'open', open: false, requester: { email: me.email }, asked: { email: o.email }, start: at(2), end: at(4), note: 'Customer call 17:00-19:00', overrideId: null });
    expect(await notified(o.email, `${me.name} asks you to cover`)).toHaveLength(1);
    const open = (await o.api('GET', '/api/v1/cover-requests?state=open')).body.items;
    expect(open.map((c: any) => c.number)).toContain(r.body.number);

    const a = await o.api('POST', `/api/v1/cover-requests/${r.body.number}/accept`);
    expect(a.status, a.text).toBe(200);
    expect(a.body).toMatchObject({ state: 'accepted', answeredBy: { email: o.email } });
    expect(a.body.overrideId).toBeTruthy();
    const ov = (await overrides()).find((x) => x.id === a.body.overrideId);
    expect(ov).toMatchObject({ user: o.email, replaces: me.email });
    expect(await managerOnCall(at(1.5))).toBe(me.email);
    expect(await managerOnCall(at(3))).toBe(o.email);
    expect(await managerOnCall(at(4.5))).toBe(me.email);
    expect(await notified(me.email, `Cover request #${r.body.number} accepted by ${o.name}`)).toHaveLength(1);
    expect((await timeline(r.body.id)).map((t) => t.action)).toEqual(['cover.requested', 'cover.accepted']);
    // answered: no longer open, and its expiry timer is cancelled
    expect((await n.admin('GET', '/api/v1/cover-requests?state=open')).body.items.map((c: any) => c.number)).not.toContain(r.body.number);
    const again = await o.api('POST', `/api/v1/cover-requests/${r.body.number}/accept`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('cover.already_answered');
  });

  it('SM-9: the manager asked declines with a reason; the requester is told it, and nothing changes on the schedule', async () => {
    const [, o] = others;
    const before = (await overrides()).length;
    const r = await me.api('POST', '/api/v1/cover-requests', { start: at(5), end: at(6), ask: o.email });
    expect(r.status, r.text).toBe(201);
    const notMe = await others[0].api('POST', `/api/v1/cover-requests/${r.body.number}/decline`, { reason: 'x' });
    expect(notMe.status).toBe(403);
    expect(notMe.body.error.code).toBe('cover.not_asked');
    const d = await o.api('POST', `/api/v1/cover-requests/${r.body.number}/decline`, { reason: 'I am on a flight' });
    expect(d.status, d.text).toBe(200);
    expect(d.body).toMatchObject({ state: 'declined', reason: 'I am on a flight', overrideId: null, answeredBy: { email: o.email } });
    const told = await notified(me.email, `Cover request #${r.body.number} declined by ${o.name}`);
    expect(told).toHaveLength(1);
    expect(told[0].text).toContain('I am on a flight');
    expect((await overrides()).length).toBe(before);
    expect(await managerOnCall(at(5.5))).toBe(me.email);
  });

  it('SM-9: an open request reaches every manager; an engineer cannot accept, nor the requester; two managers at once: exactly one wins', async () => {
    const before = (await overrides()).length;
    const r = await me.api('POST', '/api/v1/cover-requests', { start: at(7), end: at(9) });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ open: true, asked: null, state: 'open' });
    for (const o of others) expect(await notified(o.email, `${me.name} asks any manager to cover`)).toHaveLength(1);
    const eng = await engineer('POST', `/api/v1/cover-requests/${r.body.number}/accept`);
    expect(eng.status).toBe(403);
    expect(eng.body.error.code).toBe('cover.managers_only');
    const self = await me.api('POST', `/api/v1/cover-requests/${r.body.number}/accept`);
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('cover.self');
    const decline = await others[0].api('POST', `/api/v1/cover-requests/${r.body.number}/decline`, {});
    expect(decline.status).toBe(409);
    expect(decline.body.error.code).toBe('cover.open_request');

    const [a, b] = await Promise.all([others[0], others[1]].map((o) => o.api('POST', `/api/v1/cover-requests/${r.body.number}/accept`)));
    expect([a.status, b.status].sort(), `${a.text} ${b.text}`).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.error.code).toBe('cover.already_answered');
    const after = await overrides();
    expect(after.length).toBe(before + 1);
    expect(after.filter((x) => x.note === `Cover request #${r.body.number}`)).toHaveLength(1);
    expect(await managerOnCall(at(8))).toBe(winner.body.answeredBy.email);
    expect(await notified(me.email, `Cover request #${r.body.number} accepted`)).toHaveLength(1);
  });

  it('SM-9: unanswered, a request expires when its hours start and the requester is told; after downtime the timer fires late and says so', async () => {
    const onTime = await me.api('POST', '/api/v1/cover-requests', { start: at(10), end: at(11), ask: others[2].email });
    const late = await me.api('POST', '/api/v1/cover-requests', { start: at(12), end: at(13) });
    expect([onTime.status, late.status]).toEqual([201, 201]);
    n.clock.advance({ hours: 10, seconds: 5 }); // now START+10h: the first request's hours begin
    await n.drain();
    const first = (await n.admin('GET', `/api/v1/cover-requests/${onTime.body.number}`)).body;
    expect(first.state).toBe('expired');
    expect(await notified(me.email, `Cover request #${onTime.body.number} expired unanswered`)).toHaveLength(1);
    expect((await timeline(onTime.body.id)).at(-1)).toMatchObject({ action: 'cover.expired', detail: { number: onTime.body.number } });
    expect((await timeline(onTime.body.id)).at(-1)!.detail.late).toBeUndefined();
    const accept = await others[2].api('POST', `/api/v1/cover-requests/${onTime.body.number}/accept`);
    expect(accept.status).toBe(409);
    expect((await n.admin('GET', `/api/v1/cover-requests/${late.body.number}`)).body.state).toBe('open');

    n.clock.advance({ hours: 3 }); // the node was down through the second request's start (12h)
    await n.drain();
    expect((await n.admin('GET', `/api/v1/cover-requests/${late.body.number}`)).body.state).toBe('expired');
    const entry = (await timeline(late.body.id)).at(-1)!;
    expect(entry).toMatchObject({ action: 'cover.expired', detail: { late: true } });
    expect(entry.detail.lateByMs).toBeGreaterThan(60 * 60_000);
    const told = await notified(me.email, `Cover request #${late.body.number} expired unanswered`);
    expect(told).toHaveLength(1);
    expect(told[0].text).toContain('noticed late');
    expect((await n.admin('GET', '/api/v1/cover-requests?state=open')).body.items).toEqual([]);
    expect((await n.admin('GET', '/api/v1/cover-requests?state=expired')).body.items.map((c: any) => c.number)).toEqual([late.body.number, onTime.body.number]);
  });

  it('SM-9 bad input: yourself, the past, end before start, not an instant, unknown manager, an engineer asking, unknown request, unknown state — each a clear 4xx, nothing written', async () => {
    const before = await covers();
    const now = Date.parse(START) + 13 * 3_600_000 + 5_000; // the clock after the previous test
    const iso = (h: number) => new Date(now + h * 3_600_000).toISOString();
    const cases: [Api, unknown, number, string][] = [
      [me.api, { start: iso(1), end: iso(2), ask: me.email }, 400, 'cover.self'],
      [me.api, { start: iso(-1), end: iso(2) }, 400, 'cover.in_past'],
      [me.api, { start: iso(3), end: iso(2) }, 400, 'cover.end_before_start'],
      [me.api, { start: iso(2), end: iso(2) }, 400, 'cover.end_before_start'],
      [me.api, { start: 'tomorrow', end: iso(2) }, 400, 'cover.bad_instant'],
      [me.api, { start: iso(1), end: iso(2), ask: 'nobody@example.com' }, 404, 'cover.unknown_manager'],
      [me.api, { start: iso(1), end: iso(2), ask: 'alice.nguyen@example.com' }, 404, 'cover.unknown_manager'],
      [me.api, { start: iso(1), end: iso(2), whom: 'x' }, 400, ''],
      [engineer, { start: iso(1), end: iso(2) }, 403, 'cover.managers_only'],
    ];
    for (const [api, body, status, code] of cases) {
      const r = await api('POST', '/api/v1/cover-requests', body);
      expect(r.status, `${JSON.stringify(body)} → ${r.text}`).toBe(status);
      if (code) expect(r.body.error.code).toBe(code);
    }
    const unknown = await others[0].api('POST', '/api/v1/cover-requests/9999/accept');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('cover.not_found');
    expect((await n.admin('GET', '/api/v1/cover-requests?state=whatever')).status).toBe(400);
    expect(await covers()).toBe(before);
  });
});
