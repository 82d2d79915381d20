// SM-5/SM-6 end to end over real HTTP on every engine, the demo workspace on a fake clock (Tuesday
// 12:30 New York, AMER 1 alone): the manager's view of every open emergency (owner, since when, time
// since the last public reply, the pages still waiting and at which tier), paging more staff from the
// skills directory, replacing the on-call engineer (the new one paged, the old one told), taking the
// lead, and handing over by hand. Everyone but managers is refused with 403; senseless actions get a
// clear 4xx and write nothing. (SM-5's escalation of the manager's unacknowledged concurrent page is
// shown in test/emergencies/concurrency.test.ts; here the view shows that page waiting on the manager.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode, type Api } from '../emergencies/helpers.ts';
import { http } from '../support/server.ts';

describe.each(testEngines())('the support manager during emergencies on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let manager: { email: string; name: string; api: Api };
  let customer: Api;
  let first: { id: string; number: number };
  let second: { id: string; number: number };
  let dri: string;

  const userId = async (email: string) => (await n.admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items.find((u: any) => u.email === email).id as string;
  const notified = async (email: string, subject: string) => {
    const id = await userId(email);
    const jobs = await n.s.hotline.ctx.db.kysely.selectFrom('jobs').select('payload').where('kind', '=', 'notify.person').execute();
    return jobs.map((j) => JSON.parse(j.payload)).filter((p) => p.userId === id && p.subject.includes(subject));
  };
  const view = async () => (await manager.api('GET', '/api/v1/manager/emergencies')).body;
  const rowOf = async (num: number) => (await view()).items.find((r: any) => r.ticketNumber === num);
  const tick = () => n.clock.advance({ seconds: 1 });

  beforeAll(async () => {
    n = await emergencyNode(engine, '2026-11-24T17:30:00Z');
    const oc = (await n.admin('GET', '/api/v1/oncall')).body;
    const email: string = oc.schedules.find((s: any) => s.scheduleId === 'support-managers').owners[0];
    const m = (await n.admin('GET', '/api/v1/users?role=manager')).body.items.find((u: any) => u.email === email);
    manager = { email, name: m.name, api: await n.as(email) };
    const rita = (await n.admin('GET', '/api/v1/users?q=rita%40acme.example')).body.items[0];
    customer = http(n.s.url, { token: (await n.admin('POST', '/api/v1/tokens', { name: 'rita', userId: rita.id })).body.token });
  }, 60_000);
  afterAll(async () => {
    await n?.close();
  });

  it('SM-6: the view lists each open emergency with organisation, subject, owner, since when, the page still waiting (tier 1) and no public reply yet', async () => {
    first = await n.urgent('rita@acme.example', 'Prod down: 502 on every push');
    n.clock.advance({ minutes: 3 });
    const v = await view();
    expect(v.managerOnCall.email).toBe(manager.email);
    const r = v.items.find((x: any) => x.ticketNumber === first.number);
    dri = r.owner.email;
    expect(r).toMatchObject({ subject: 'Prod down: 502 on every push', organization: { name: 'Acme Robotics' }, since: '2026-11-24T17:30:00.000Z', ageMinutes: 3, lastPublicReplyAt: null, minutesSinceLastPublicReply: null, qualification: null, lead: null });
    expect(r.waiting).toEqual([expect.objectContaining({ level: 1, targets: [dri], waitingMinutes: 3 })]);
    expect(r.pages).toHaveLength(1);
  });

  it('SM-6: once the engineer acknowledges and replies in public nothing waits, and the time since that reply counts', async () => {
    const api = await n.as(dri);
    tick();
    expect((await api('POST', `/api/v1/emergencies/${first.number}/acknowledge`)).status).toBe(200);
    expect((await api('POST', `/api/v1/tickets/${first.id}/comments`, { body: 'Looking at it now; can you share the logs?', public: true })).status).toBe(201);
    expect((await api('POST', `/api/v1/tickets/${first.id}/comments`, { body: 'internal: suspect the LB', public: false })).status).toBe(201);
    n.clock.advance({ minutes: 7 });
    expect((await customer('POST', `/api/v1/tickets/${first.id}/comments`, { body: 'Here are the logs', public: true })).status).toBe(201);
    const r = await rowOf(first.number);
    expect(r.waiting).toEqual([]);
    expect(r.pages[0].status).toBe('acknowledged');
    expect(r.minutesSinceLastPublicReply).toBe(7); // the customer's own comment is not a reply from us
    expect(r.owner.email).toBe(dri);
  });

  it('SM-5/SM-6: a concurrent emergency waits on the manager at the manager\'s tier (level 2 of the policy)', async () => {
    second = await n.urgent('gus@globex.example', 'Globex down', 'saas');
    const r = await rowOf(second.number);
    expect(r.waiting).toEqual([expect.objectContaining({ level: 2, targets: [manager.email] })]);
  });

  it('SM-6: anyone but a manager is refused with 403 and a code: engineer, customer; no token 401', async () => {
    const engineer = await n.as(dri);
    for (const [method, path, body] of [['GET', '/api/v1/manager/emergencies'], ['GET', `/api/v1/manager/emergencies/${first.number}/staff`], ['POST', `/api/v1/manager/emergencies/${first.number}/replace`, { engineer: 'frank.osei@example.com' }], ['POST', `/api/v1/manager/emergencies/${first.number}/lead`], ['POST', '/api/v1/manager/hand-over', {}]] as const) {
      for (const who of [engineer, customer]) {
        const r = await who(method, path, body);
        expect([r.status, r.body.error?.code], `${method} ${path}`).toEqual([403, 'auth.forbidden']);
      }
    }
    expect((await http(n.s.url, {})('GET', '/api/v1/manager/emergencies')).status).toBe(401);
    expect((await rowOf(first.number)).owner.email).toBe(dri);
  });

  it('SM-6: staff to page come from the skills directory, kept to the region asked for and to who is working now', async () => {
    const all = (await manager.api('GET', `/api/v1/manager/emergencies/${first.number}/staff?everyone=true`)).body;
    expect(all.subjects[0]).toBe('self_managed');
    expect(all.items.map((s: any) => s.email)).toEqual(expect.arrayContaining(['greta.muller@example.com', 'kenji.sato@example.com']));
    const amer = (await manager.api('GET', `/api/v1/manager/emergencies/${first.number}/staff?region=AMER`)).body;
    expect(amer.items.length).toBeGreaterThan(0);
    expect(amer.items.every((s: any) => s.region === 'AMER' && (s.onShift || s.inWorkingHours))).toBe(true);
    expect(amer.items.map((s: any) => s.email)).not.toContain(dri); // the owner is not suggested to themselves
    // 19:30 in Tokyo on a Tuesday: Kenji is not working now
    const apac = (await manager.api('GET', `/api/v1/manager/emergencies/${first.number}/staff?region=APAC`)).body;
    expect(apac.items.map((s: any) => s.email)).not.toContain('kenji.sato@example.com');
    expect((await manager.api('GET', `/api/v1/manager/emergencies/${first.number}/staff?limit=0`)).status).toBe(400);
  });

  it('SM-6: paging one more person creates a page to them for the emergency, on its thread and timeline; twice is 409; no such person or a customer is 400', async () => {
    tick();
    const r = await manager.api('POST', `/api/v1/manager/emergencies/${first.number}/page`, { person: 'bella.cruz@example.com', reason: 'knows this customer' });
    expect(r.status, r.text).toBe(200);
    const page = (await n.admin('GET', `/api/v1/pages/${r.body.result.pageId}`)).body;
    expect(page).toMatchObject({ status: 'triggered', ticketId: first.id, targetUserIds: [await userId('bella.cruz@example.com')] });
    expect(r.body.emergency.waiting.map((w: any) => w.targets)).toEqual([['bella.cruz@example.com']]);
    expect(r.body.emergency.timeline.map((t: any) => t.action)).toEqual(['manager.staff_paged']);
    expect(r.body.emergency.timeline[0].detail).toMatchObject({ person: 'bella.cruz@example.com', reason: 'knows this customer' });
    const thread = (await n.admin('GET', `/api/v1/emergencies/${first.number}`)).body.thread;
    expect(thread.some((p: any) => p.text.includes('paged Bella Cruz (bella.cruz@example.com)') && p.text.includes('knows this customer'))).toBe(true);
    const again = await manager.api('POST', `/api/v1/manager/emergencies/${first.number}/page`, { person: 'bella.cruz@example.com' });
    expect([again.status, again.body.error.code]).toEqual([409, 'manager.already_paged']);
    const nobody = await manager.api('POST', `/api/v1/manager/emergencies/${first.number}/page`, { person: 'nobody@example.com' });
    expect([nobody.status, nobody.body.error.code]).toEqual([400, 'manager.unknown_person']);
    const cust = await manager.api('POST', `/api/v1/manager/emergencies/${first.number}/page`, { person: 'rita@acme.example' });
    expect([cust.status, cust.body.error.code]).toEqual([400, 'manager.not_staff']);
    const unknownEmergency = await manager.api('POST', '/api/v1/manager/emergencies/99999/page', { person: 'bella.cruz@example.com' });
    expect([unknownEmergency.status, unknownEmergency.body.error.code]).toEqual([404, 'emergency.not_found']);
  });

  it('SM-6: replacing the engineer with an unknown person or with the owner is refused, nothing changes', async () => {
    const unknown = await manager.api('POST', `/api/v1/manager/emergencies/${first.number}/replace`, { engineer: 'ghost@example.com' });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'manager.unknown_person']);
    const same = await manager.api('POST', `/api/v1/manager/emergencies/${first.number}/replace`, { engineer: dri });
    expect([same.status, same.body.error.code]).toEqual([409, 'manager.same_owner']);
    const bad = await manager.api('POST', `/api/v1/manager/emergencies/${first.number}/replace`, { engineer: '' });
    expect(bad.status).toBe(400);
    expect((await n.ticket(first.id)).ticket.assigneeId).toBe(await userId(dri));
    expect((await manager.api('GET', `/api/v1/manager/emergencies/${first.number}`)).body.timeline.map((t: any) => t.action)).toEqual(['manager.staff_paged']);
  });

  it('SM-6: replacing the on-call engineer pages the new owner, tells the old one, changes the owner — all on the timeline', async () => {
    tick();
    const r = await manager.api('POST', `/api/v1/manager/emergencies/${first.number}/replace`, { engineer: 'frank.osei@example.com', reason: 'Alice is needed on the Globex call' });
    expect(r.status, r.text).toBe(200);
    expect(r.body.result).toMatchObject({ from: dri, to: 'frank.osei@example.com' });
    expect(r.body.emergency.owner.email).toBe('frank.osei@example.com');
    expect((await n.ticket(first.id)).ticket.assigneeId).toBe(await userId('frank.osei@example.com'));
    expect((await n.admin('GET', `/api/v1/emergencies/${first.number}`)).body.driUserId).toBe('frank.osei@example.com');
    const page = (await n.admin('GET', `/api/v1/pages/${r.body.result.pageId}`)).body;
    expect(page).toMatchObject({ status: 'triggered', ticketId: first.id, targetUserIds: [await userId('frank.osei@example.com')] });
    expect(page).toMatchObject({ escalationPolicyId: expect.any(String), escalationLevel: 0 }); // unanswered, it goes on to the manager's tier
    const told = await notified(dri, `Emergency ticket ${first.number}: Frank Osei takes over from you`);
    expect(told).toHaveLength(1);
    expect(told[0].text).toContain('Alice is needed on the Globex call');
    const t = r.body.emergency.timeline.at(-1);
    expect(t).toMatchObject({ action: 'manager.engineer_replaced', detail: { from: dri, to: 'frank.osei@example.com', told: [dri] } });
    expect(t.actor.name).toBe(manager.name);
  });

  it('SM-6: the manager takes the call and leads it (on the timeline); taking it twice is 409', async () => {
    tick();
    const r = await manager.api('POST', `/api/v1/manager/emergencies/${first.number}/lead`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.emergency.lead).toMatchObject({ email: manager.email });
    expect(r.body.emergency.timeline.at(-1)).toMatchObject({ action: 'manager.lead_taken', detail: { lead: manager.email, previous: null } });
    const again = await manager.api('POST', `/api/v1/manager/emergencies/${first.number}/lead`);
    expect([again.status, again.body.error.code]).toEqual([409, 'manager.already_lead']);
  });

  it('SM-6: hand over now — to oneself 400; to a named manager: lead and the page waiting on me move, a note on each timeline, the next manager told', async () => {
    const self = await manager.api('POST', '/api/v1/manager/hand-over', { to: manager.email });
    expect([self.status, self.body.error.code]).toEqual([400, 'manager.hand_over_to_self']);
    const next = ['tara.brooks@example.com', 'walter.kim@example.com'].find((x) => x !== manager.email)!;
    tick();
    const r = await manager.api('POST', '/api/v1/manager/hand-over', { to: next, note: 'Globex call at 13:00' });
    expect(r.status, r.text).toBe(200);
    expect(r.body.handedOver.map((h: any) => h.ticketNumber).sort()).toEqual([first.number, second.number].sort());
    const [a, b] = [await manager.api('GET', `/api/v1/manager/emergencies/${first.number}`), await manager.api('GET', `/api/v1/manager/emergencies/${second.number}`)];
    expect(a.body.lead.email).toBe(next);
    expect(b.body.lead.email).toBe(next);
    expect(b.body.waiting[0].targets).toEqual([next]);
    expect(a.body.timeline.at(-1)).toMatchObject({ action: 'manager.handed_over', detail: { from: manager.email, to: next, atShiftChange: false, note: 'Globex call at 13:00' } });
    expect(await notified(next, 'handed 2 emergencies over to you')).toHaveLength(1);
    // nothing left to hand over: an empty answer, nobody told again
    const empty = await manager.api('POST', '/api/v1/manager/hand-over', { to: next });
    expect(empty.body.handedOver).toEqual([]);
  });

  it('SM-6: the actions are for open emergencies — a resolved one is 409', async () => {
    const api = await n.as('frank.osei@example.com');
    tick();
    const r = await api('POST', `/api/v1/emergencies/${first.number}/resolve`, { followUp: { kind: 'none' } });
    expect(r.status, r.text).toBe(200);
    const lead = await manager.api('POST', `/api/v1/manager/emergencies/${first.number}/replace`, { engineer: 'carmen.diaz@example.com' });
    expect([lead.status, lead.body.error.code]).toEqual([409, 'manager.emergency_not_open']);
    expect((await view()).items.map((x: any) => x.ticketNumber)).toEqual([second.number]);
  });

  it('SM-6: a person paged by name who does not acknowledge is followed by the manager on call (the emergency policy\'s manager tier), as the emergency\'s own page would be', async () => {
    const third = await n.urgent('gus@globex.example', 'Globex registry down', 'saas');
    const r = await manager.api('POST', `/api/v1/manager/emergencies/${third.number}/page`, { person: 'bella.cruz@example.com', reason: 'knows the registry' });
    expect(r.status, r.text).toBe(200);
    const page = async () => (await n.admin('GET', `/api/v1/pages/${r.body.result.pageId}`)).body;
    const bella = await userId('bella.cruz@example.com');
    expect(await page()).toMatchObject({ status: 'triggered', targetUserIds: [bella], escalationLevel: 0 });
    n.clock.advance({ minutes: 9 });
    await n.drain();
    expect(await page()).toMatchObject({ status: 'triggered', targetUserIds: [bella] }); // her own rules still have time
    n.clock.advance({ minutes: 2 });
    await n.drain();
    const after = await page();
    expect(after).toMatchObject({ status: 'triggered', escalationLevel: 1 });
    expect(after.targetUserIds).toContain(await userId(manager.email));
  });
});

