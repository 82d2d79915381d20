// SM-9 withdrawal over real HTTP on every engine, the demo workspace on a fake clock (Tuesday 15:00
// UTC): the manager who asked for cover takes the request back while nobody has answered it. A
// named request: the manager asked is told (thread and notification), the request leaves the open
// list, its expiry timer is cancelled, and it can no longer be accepted. An open request: every
// other manager is told. Refused with a clear 4xx and nothing written: another manager withdrawing,
// an accepted request (an override already), a request whose hours have begun, an unknown one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode, type Api } from '../emergencies/helpers.ts';

const START = '2026-11-24T15:00:00Z';
const at = (h: number) => new Date(Date.parse(START) + h * 3_600_000).toISOString();
const MANAGERS = ['tara.brooks@example.com', 'walter.kim@example.com', 'umar.farouk@example.com', 'valerie.ng@example.com'];

describe.each(testEngines())('withdrawing a cover request on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let me: { email: string; api: Api };
  let others: { email: string; api: Api }[];
  const db = () => n.s.hotline.ctx.db.kysely;
  const notified = async (email: string, subject: string) => {
    const id = (await n.admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items[0].id;
    const jobs = await db().selectFrom('jobs').select('payload').where('kind', '=', 'notify.person').execute();
    return jobs.map((j) => JSON.parse(j.payload)).filter((p) => p.userId === id && p.subject.includes(subject));
  };
  const expiry = async (id: string) => (await db().selectFrom('jobs').select('status').where('replace_key', '=', `cover:${id}:expiry`).execute()).map((j) => j.status);
  const thread = async (id: string) => db().selectFrom('emergency_thread').select(['text', 'mentions', 'author_user_id']).where('emergency_id', '=', id).orderBy('seq').execute();

  beforeAll(async () => {
    n = await emergencyNode(engine, START);
    const oc = (await n.admin('GET', '/api/v1/oncall')).body.schedules.find((s: any) => s.scheduleId === 'support-managers').owners[0] as string;
    me = { email: oc, api: await n.as(oc) };
    others = await Promise.all(MANAGERS.filter((m) => m !== oc).map(async (email) => ({ email, api: await n.as(email) })));
  }, 60_000);
  afterAll(async () => {
    await n?.close();
  });

  it('SM-9: the requester withdraws a named request; the manager asked is told, it leaves the open list, its timer is cancelled, and it takes no answer', async () => {
    const [o] = others;
    const r = await me.api('POST', '/api/v1/cover-requests', { start: at(3), end: at(5), ask: o.email });
    expect(r.status, r.text).toBe(201);
    expect(await expiry(r.body.id)).toEqual(['pending']);
    const w = await me.api('POST', `/api/v1/cover-requests/${r.body.number}/withdraw`);
    expect(w.status, w.text).toBe(200);
    expect(w.body).toMatchObject({ state: 'withdrawn', asked: { email: o.email }, overrideId: null });
    expect(await notified(o.email, `withdrew cover request #${r.body.number}`)).toHaveLength(1);
    const last = (await thread(r.body.id)).at(-1)!;
    expect(last.text).toContain(`withdrew cover request #${r.body.number}`);
    expect(JSON.parse(last.mentions)).toEqual([o.email]);
    expect(await expiry(r.body.id)).toEqual(['cancelled']);
    const open = (await o.api('GET', '/api/v1/cover-requests?state=open')).body.items;
    expect(open.map((c: any) => c.number)).not.toContain(r.body.number);
    const late = await o.api('POST', `/api/v1/cover-requests/${r.body.number}/accept`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('cover.already_answered');
    expect((await n.admin('GET', '/api/v1/cover-requests?state=withdrawn')).body.items.map((c: any) => c.number)).toEqual([r.body.number]);
    const trail = await db().selectFrom('timeline').select('action').where('subject_type', '=', 'cover_request').where('subject_id', '=', r.body.id).orderBy('at').execute();
    expect(trail.map((t) => t.action)).toEqual(['cover.requested', 'cover.withdrawn']);
  });

  it('SM-9: an open request withdrawn: every other manager is told', async () => {
    const r = await me.api('POST', '/api/v1/cover-requests', { start: at(6), end: at(7) });
    expect(r.status, r.text).toBe(201);
    const w = await me.api('POST', `/api/v1/cover-requests/${r.body.id}/withdraw`);
    expect(w.status, w.text).toBe(200);
    expect(w.body.state).toBe('withdrawn');
    for (const o of others) expect(await notified(o.email, `withdrew cover request #${r.body.number}`), o.email).toHaveLength(1);
    expect(await notified(me.email, `withdrew cover request #${r.body.number}`)).toHaveLength(0);
    // as at asking: every active manager but the requester (the demo has more than the rotation's four)
    const mentioned = JSON.parse((await thread(r.body.id)).at(-1)!.mentions) as string[];
    expect(mentioned).toEqual(expect.arrayContaining(others.map((o) => o.email)));
    expect(mentioned).not.toContain(me.email);
    expect(mentioned).toEqual(JSON.parse((await thread(r.body.id))[0]!.mentions));
  });

  it('SM-9 bad input: another manager 403, twice or after acceptance 409, hours begun 409, unknown 404 — nothing written', async () => {
    const [o, o2] = others;
    const r = await me.api('POST', '/api/v1/cover-requests', { start: at(8), end: at(9), ask: o.email });
    const notMine = await o2.api('POST', `/api/v1/cover-requests/${r.body.number}/withdraw`);
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe('cover.not_requester');
    expect((await n.admin('GET', `/api/v1/cover-requests/${r.body.number}`)).body.state).toBe('open');
    expect((await o.api('POST', `/api/v1/cover-requests/${r.body.number}/accept`)).status).toBe(200);
    const accepted = await me.api('POST', `/api/v1/cover-requests/${r.body.number}/withdraw`);
    expect(accepted.status).toBe(409);
    expect(accepted.body.error.code).toBe('cover.already_answered');
    expect(accepted.body.error.message).toContain('override');

    const soon = await me.api('POST', '/api/v1/cover-requests', { start: at(1), end: at(2), ask: o.email });
    n.clock.advance({ minutes: 61 }); // its hours have begun; the expiry timer has not run yet
    const begun = await me.api('POST', `/api/v1/cover-requests/${soon.body.number}/withdraw`);
    expect(begun.status).toBe(409);
    expect(begun.body.error.code).toBe('cover.expired');
    const unknown = await me.api('POST', '/api/v1/cover-requests/9999/withdraw');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('cover.not_found');
    const states = await db().selectFrom('cover_requests').select('state').where('state', '=', 'withdrawn').execute();
    expect(states).toHaveLength(2); // the two withdrawn above, no more
  });
});
