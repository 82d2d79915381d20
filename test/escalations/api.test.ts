// SM-1..SM-3 end to end over real HTTP on every engine, the demo workspace on a fake clock
// (Tuesday 15:00 UTC): an engineer files escalations, the manager on call is named (and, with an
// override, someone else is), the ticket gets its internal note; the manager acknowledges, runs the
// escalated-ticket macro, opens a help thread, assigns from the skills suggestions, resolves with a
// label or rejects with a reason the initiator is told. Bad input and senseless transitions are
// refused with a clear 4xx and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode, type Api } from '../emergencies/helpers.ts';
import { http } from '../support/server.ts';

const START = '2026-11-24T15:00:00Z';
const FILE = { need: 'An owner for the renewal blocker today', businessCase: 'A 250-seat renewal closes on Friday', urgency: 'high' };

describe.each(testEngines())('support escalations on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let alice: Api; // engineer, initiator
  let customer: Api;
  let manager: { email: string; name: string; api: Api };
  const events: { name: string; action: string; number: number }[] = [];
  const live: string[] = [];

  const ticket = async (subject: string, form = 'licensing') => {
    const r = await n.admin('POST', '/api/v1/tickets', { subject, form, priority: 'high', requesterEmail: 'rita@acme.example', description: 'Our licence stopped working.' });
    expect(r.status, r.text).toBe(201);
    return r.body.ticket as { id: string; number: number };
  };
  const managerOnCall = async () => {
    const oc = (await n.admin('GET', '/api/v1/oncall')).body;
    const ids: string[] = oc.schedules.find((s: any) => s.scheduleId === 'support-managers').owners;
    const users = (await n.admin('GET', '/api/v1/users?role=manager')).body.items;
    return users.find((u: any) => u.email === ids[0]) as { id: string; email: string; name: string };
  };
  const count = async () => (await n.admin('GET', '/api/v1/escalations')).body.items.length;
  const notified = async (email: string, subject: string) => {
    const users = (await n.admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items;
    const jobs = await n.s.hotline.ctx.db.kysely.selectFrom('jobs').select('payload').where('kind', '=', 'notify.person').execute();
    return jobs.map((j) => JSON.parse(j.payload)).filter((p) => p.userId === users[0].id && p.subject.includes(subject));
  };

  beforeAll(async () => {
    n = await emergencyNode(engine, START);
    // every change a second apart: the timeline orders by instant, and the fake clock would stand still
    const ticking = (api: Api): Api => async (method, path, body, headers) => {
      if (method !== 'GET') n.clock.advance({ seconds: 1 });
      return api(method, path, body, headers);
    };
    alice = ticking(await n.as('alice.nguyen@example.com'));
    const rita = (await n.admin('GET', '/api/v1/users?q=rita%40acme.example')).body.items[0];
    customer = http(n.s.url, { token: (await n.admin('POST', '/api/v1/tokens', { name: 'rita', userId: rita.id })).body.token });
    const m = await managerOnCall();
    manager = { email: m.email, name: m.name, api: ticking(await n.as(m.email)) };
    n.s.hotline.ctx.events.subscribe('escalation.filed', (_c, _t, p) => void events.push({ name: 'filed', action: p.action, number: p.escalation.number }));
    n.s.hotline.ctx.events.subscribe('escalation.changed', (_c, _t, p) => void events.push({ name: 'changed', action: p.action, number: p.escalation.number }));
    n.s.hotline.ctx.bus.subscribe((e) => void (e.type === 'escalation' && live.push(e.id)));
  }, 60_000);
  afterAll(async () => {
    await n?.close();
  });

  let first: any;
  let firstTicket: { id: string; number: number };

  it('SM-1: an engineer files an escalation for a ticket: record, thread announcement naming the manager on call, internal note on the ticket', async () => {
    firstTicket = await ticket('Licence rejected after renewal');
    const r = await alice('POST', '/api/v1/escalations', { ticket: firstTicket.number, ...FILE });
    expect(r.status, r.text).toBe(201);
    first = r.body;
    expect(first).toMatchObject({ kind: 'ticket', state: 'filed', urgency: 'high', channel: '#support_escalations', title: 'Licence rejected after renewal', ticket: { number: firstTicket.number } });
    expect(first.initiator.email).toBe('alice.nguyen@example.com');
    expect(first.manager.email).toBe(manager.email);
    expect(first.urgencyDefinition).toContain('4 business hours');
    expect(first.thread[0]).toMatchObject({ kind: 'mention', channel: '#support_escalations', mentions: [manager.email] });
    expect(first.thread[0].text).toMatch(new RegExp(`^@${manager.name}: escalation #${first.number} \\(high urgency\\) filed by Alice Nguyen for ticket #${firstTicket.number}`));
    expect(first.timeline.map((e: any) => e.action)).toEqual(['escalation.filed']);
    const t = await n.ticket(firstTicket.id);
    const note = t.comments.find((c: any) => !c.isPublic && c.body.includes(`Escalation #${first.number}`));
    expect(note.body).toContain(first.url);
    expect(note.body).toContain('#support_escalations');
    // the manager on call is told directly, too
    expect(await notified(manager.email, `Escalation #${first.number}`)).toHaveLength(1);
    expect(events).toContainEqual({ name: 'filed', action: 'filed', number: first.number });
    expect(live).toContain(first.id);
  });

  it('SM-1: a customer sees none of it: not the escalation API (403), not the internal note', async () => {
    expect((await customer('GET', '/api/v1/escalations')).status).toBe(403);
    expect((await customer('GET', `/api/v1/escalations/${first.number}`)).status).toBe(403);
    const t = await customer('GET', `/api/v1/tickets/${firstTicket.number}`);
    expect(t.status).toBe(200);
    expect(t.body.comments.some((c: any) => c.body.includes('Escalation #'))).toBe(false);
  });

  it('SM-1: the announcement names the manager on call AT THE INSTANT of filing: an override makes it someone else', async () => {
    const other = manager.email === 'walter.kim@example.com' ? 'tara.brooks@example.com' : 'walter.kim@example.com';
    const now = Date.parse(START);
    const o = await n.admin('POST', '/api/v1/schedule-overrides', { schedule: 'support-managers', start: new Date(now + 3_600_000).toISOString(), end: new Date(now + 7_200_000).toISOString(), user: other, replaces: manager.email });
    expect(o.status, o.text).toBe(201);
    // before the override starts: still the rotation's manager
    const before = await alice('POST', '/api/v1/escalations', { ticket: (await ticket('Before the override')).number, ...FILE, urgency: 'low' });
    expect(before.body.manager.email).toBe(manager.email);
    n.clock.advance({ minutes: 90 });
    const during = await alice('POST', '/api/v1/escalations', { ticket: (await ticket('During the override')).number, ...FILE, urgency: 'medium' });
    expect(during.status, during.text).toBe(201);
    expect(during.body.manager.email).toBe(other);
    expect(during.body.thread[0].text.startsWith(`@${during.body.manager.name}:`)).toBe(true);
    expect(await notified(other, `Escalation #${during.body.number}`)).toHaveLength(1);
    n.clock.advance({ minutes: 60 }); // past the override again
    const after = await alice('POST', '/api/v1/escalations', { title: 'Training budget for Geo', need: 'A decision', businessCase: 'Three Geo tickets a week', urgency: 'low' });
    expect(after.status, after.text).toBe(201);
    expect(after.body).toMatchObject({ kind: 'internal', ticket: null, manager: { email: manager.email } });
  });

  it('SM-1 bad input: unknown ticket 404, customer 403, duplicate 409 naming the open one, missing fields 400 — nothing written', async () => {
    const before = await count();
    const unknown = await alice('POST', '/api/v1/escalations', { ticket: 999_999, ...FILE });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ticket.not_found');
    const cust = await customer('POST', '/api/v1/escalations', { ticket: firstTicket.number, ...FILE });
    expect(cust.status).toBe(403);
    const dup = await alice('POST', '/api/v1/escalations', { ticket: firstTicket.number, ...FILE });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'escalation.already_open', details: { number: first.number } });
    expect((await alice('POST', '/api/v1/escalations', { ticket: firstTicket.number, need: 'x', urgency: 'high' })).status).toBe(400);
    expect((await alice('POST', '/api/v1/escalations', { ticket: firstTicket.number, ...FILE, urgency: 'whenever' })).status).toBe(400);
    expect((await alice('POST', '/api/v1/escalations', { ...FILE, businessCase: '   ' })).body.error.code).toBe('escalation.business_case_required');
    const noTitle = await alice('POST', '/api/v1/escalations', FILE);
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.code).toBe('escalation.title_required');
    expect(await count()).toBe(before);
    expect((await n.ticket(firstTicket.id)).comments.filter((c: any) => c.body.includes('Escalation #'))).toHaveLength(1);
  });

  it('SM-1: two escalations filed at once for one ticket: one is filed, the other answered 409 with its number; numbers stay unique', async () => {
    const t = await ticket('Filed twice at once');
    const [a, b] = await Promise.all([0, 1].map(() => alice('POST', '/api/v1/escalations', { ticket: t.number, ...FILE })));
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const [ok, dup] = a.status === 201 ? [a, b] : [b, a];
    expect(dup.body.error.details.number).toBe(ok.body.number);
    const others = await Promise.all([0, 1, 2].map(async (i) => alice('POST', '/api/v1/escalations', { ticket: (await ticket(`Parallel ${i}`)).number, ...FILE })));
    const numbers = others.map((r) => r.body.number);
    expect(new Set(numbers).size).toBe(3);
  });

  it('SM-2: only a manager acknowledges ("eyes"), once; the acknowledging manager becomes its manager', async () => {
    const eng = await alice('POST', `/api/v1/escalations/${first.number}/acknowledge`);
    expect(eng.status).toBe(403);
    expect(eng.body.error.code).toBe('escalation.managers_only');
    const ack = await manager.api('POST', `/api/v1/escalations/${first.number}/acknowledge`);
    expect(ack.status, ack.text).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', manager: { email: manager.email } });
    expect(ack.body.thread.at(-1).text).toBe(`:eyes: ${manager.name} is looking at this escalation.`);
    const again = await manager.api('POST', `/api/v1/escalations/${first.number}/acknowledge`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('escalation.already_acknowledged');
  });

  it('SM-2: the escalated-ticket macro tags the ticket `escalated` and cross-links the escalation and its thread in one step', async () => {
    const r = await manager.api('POST', `/api/v1/escalations/${first.number}/macro`);
    expect(r.status, r.text).toBe(200);
    const t = await n.ticket(firstTicket.id);
    expect(t.ticket.tags).toContain('escalated');
    const link = t.comments.find((c: any) => !c.isPublic && c.body.includes('This ticket has been escalated'));
    expect(link.body).toContain(`Escalation: ${first.url}`);
    expect(link.body).toContain(`Discussion thread: ${first.url}#thread`);
    expect(r.body.timeline.map((e: any) => e.action)).toContain('escalation.macro_applied');
    const internal = (await n.admin('GET', '/api/v1/escalations?state=open')).body.items.find((e: any) => e.kind === 'internal');
    const noTicket = await manager.api('POST', `/api/v1/escalations/${internal.number}/macro`);
    expect(noTicket.status).toBe(400);
    expect(noTicket.body.error.code).toBe('escalation.no_ticket');
  });

  it('SM-2: questions in the thread (any staff; the initiator is told), a help thread in a product channel and the pointer to it', async () => {
    const q = await manager.api('POST', `/api/v1/escalations/${first.number}/thread`, { text: 'Which licence key did they upload?' });
    expect(q.status, q.text).toBe(200);
    expect(q.body.thread.at(-1)).toMatchObject({ kind: 'note', author: manager.email, text: 'Which licence key did they upload?' });
    expect((await notified('alice.nguyen@example.com', `${manager.name} on escalation #${first.number}`)).length).toBe(1);
    const a = await alice('POST', `/api/v1/escalations/${first.number}/thread`, { text: 'The one from the renewal e-mail.' });
    expect(a.status).toBe(200);
    expect((await alice('POST', `/api/v1/escalations/${first.number}/thread`, { text: '' })).status).toBe(400);
    const h = await manager.api('POST', `/api/v1/escalations/${first.number}/help-thread`, { text: 'Anyone seen licence keys rejected after renewal?' });
    expect(h.status, h.text).toBe(200);
    expect(h.body.helpThreads).toHaveLength(1);
    expect(h.body.helpThreads[0].channel).toBe('#support_licensing-subscription');
    expect(h.body.helpThreads[0].entries[0].text).toContain(`Help wanted on escalation #${first.number} (ticket #${firstTicket.number})`);
    expect(h.body.thread.at(-1).text).toBe(`All technical discussion about this escalation happens in ticket #${firstTicket.number} or in the help thread in #support_licensing-subscription; please keep it there.`);
    const bad = await manager.api('POST', `/api/v1/escalations/${first.number}/help-thread`, { text: 'x', channel: '#random' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('escalation.unknown_channel');
  });

  it('SM-2: owner suggestions from the skills directory, ranked for the ticket\'s form and who is working now; assign one', async () => {
    const s = await manager.api('GET', `/api/v1/escalations/${first.number}/suggestions`);
    expect(s.status, s.text).toBe(200);
    expect(s.body.subjects[0]).toBe('licensing');
    const emails = s.body.items.map((x: any) => x.email);
    // 17:30 UTC on Tuesday: Bella (proficient) is at work in Denver (10:30) and comes first; Lena, the
    // expert, has just finished her day in Dublin; then by level: Mei (proficient, 04:00 in Adelaide), Hamid (learning)
    expect(emails).toEqual(['bella.cruz@example.com', 'lena.fox@example.com', 'mei.chen@example.com', 'hamid.rahimi@example.com']);
    expect(s.body.items[0]).toMatchObject({ level: 'proficient', inWorkingHours: true, region: 'AMER' });
    expect(s.body.items[1]).toMatchObject({ level: 'expert', inWorkingHours: false });
    expect(emails).not.toContain('carmen.diaz@example.com'); // knows SaaS, not licensing
    // A number in the address is a number: ?limit=2 keeps the first two, 0 and 51 are refused.
    const two = await manager.api('GET', `/api/v1/escalations/${first.number}/suggestions?limit=2`);
    expect(two.status, two.text).toBe(200);
    expect(two.body.items.map((x: any) => x.email)).toEqual(emails.slice(0, 2));
    for (const l of ['0', '51', 'x']) expect((await manager.api('GET', `/api/v1/escalations/${first.number}/suggestions?limit=${l}`)).status).toBe(400);
    const geo = await manager.api('GET', `/api/v1/escalations/${first.number}/suggestions?subject=geo`);
    expect(geo.body.items.map((x: any) => x.email)).toEqual(['alice.nguyen@example.com', 'kenji.sato@example.com']);
    const bad = await manager.api('POST', `/api/v1/escalations/${first.number}/assign`, { owner: 'rita@acme.example' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('escalation.bad_owner');
    const r = await manager.api('POST', `/api/v1/escalations/${first.number}/assign`, { owner: emails[0] });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ state: 'assigned', owner: { email: 'bella.cruz@example.com' } });
    expect(r.body.thread.at(-1)).toMatchObject({ kind: 'mention', mentions: ['bella.cruz@example.com'] });
    expect((await n.ticket(firstTicket.id)).ticket.assigneeId).toBe(r.body.owner.id);
    expect(await notified('bella.cruz@example.com', `You own escalation #${first.number}`)).toHaveLength(1);
  });

  it('SM-3: resolve with a label and a closing comment; the timeline says who did what and when; a closed escalation takes no more actions', async () => {
    const r = await manager.api('POST', `/api/v1/escalations/${first.number}/resolve`, { labels: ['Escalation::License-Issue'], comment: 'Licence re-issued; Bella follows up on the ticket.' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ state: 'resolved', labels: ['License-Issue'], reason: 'Licence re-issued; Bella follows up on the ticket.' });
    expect(r.body.closedAt).not.toBeNull();
    expect(r.body.thread.at(-1).text).toContain(':white_check_mark: Resolved by');
    expect(r.body.timeline.map((e: any) => e.action)).toEqual([
      'escalation.filed', 'escalation.acknowledged', 'escalation.macro_applied', 'escalation.noted', 'escalation.noted', 'escalation.help_thread_opened', 'escalation.assigned', 'escalation.resolved',
    ]);
    expect(r.body.timeline[1].actor.id).toBe(r.body.manager.id);
    for (const path of ['resolve', 'acknowledge', 'assign', 'reject']) {
      const x = await manager.api('POST', `/api/v1/escalations/${first.number}/${path}`, path === 'assign' ? { owner: 'bella.cruz@example.com' } : path === 'reject' ? { reason: 'late' } : path === 'resolve' ? {} : undefined);
      expect(x.status, path).toBe(409);
      expect(x.body.error.code).toBe('escalation.closed');
    }
    expect((await alice('POST', `/api/v1/escalations/${first.number}/thread`, { text: 'Thanks!' })).body.error.code).toBe('escalation.closed');
    expect(events.filter((e) => e.number === first.number).map((e) => e.action)).toEqual(['filed', 'acknowledged', 'macro_applied', 'noted', 'noted', 'help_thread_opened', 'assigned', 'resolved']);
    // closed: the ticket may be escalated again
    const again = await alice('POST', '/api/v1/escalations', { ticket: firstTicket.number, ...FILE, urgency: 'low' });
    expect(again.status, again.text).toBe(201);
  });

  it('SM-3: resolve before acknowledge is refused; reject needs a reason; a rejection tells the initiator in the thread and directly', async () => {
    const t = await ticket('Please speed this up', 'self_managed');
    const e = (await alice('POST', '/api/v1/escalations', { ticket: t.number, ...FILE, urgency: 'medium' })).body;
    const early = await manager.api('POST', `/api/v1/escalations/${e.number}/resolve`, {});
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('escalation.not_acknowledged');
    expect((await manager.api('POST', `/api/v1/escalations/${e.number}/acknowledge`)).status).toBe(200);
    const noReason = await manager.api('POST', `/api/v1/escalations/${e.number}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('escalation.reason_required');
    expect((await n.admin('GET', `/api/v1/escalations/${e.number}`)).body.state).toBe('acknowledged');
    const r = await manager.api('POST', `/api/v1/escalations/${e.number}/reject`, { reason: 'The first reply is not due for another 3 hours.' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ state: 'rejected', reason: 'The first reply is not due for another 3 hours.' });
    expect(r.body.thread.at(-1)).toMatchObject({ kind: 'mention', mentions: ['alice.nguyen@example.com'] });
    expect(r.body.thread.at(-1).text).toMatch(/^@Alice Nguyen: .*Reason: The first reply is not due for another 3 hours\.$/);
    const told = await notified('alice.nguyen@example.com', `Escalation #${e.number} was rejected`);
    expect(told).toHaveLength(1);
    expect(told[0].text).toContain('The first reply is not due for another 3 hours.');
  });

  it('SM-1..SM-3: list by state, show by number, unknown escalation 404, the definitions for the form', async () => {
    const open = (await alice('GET', '/api/v1/escalations?state=open')).body.items;
    expect(open.every((e: any) => ['filed', 'acknowledged', 'assigned'].includes(e.state))).toBe(true);
    expect((await alice('GET', '/api/v1/escalations?state=resolved')).body.items.map((e: any) => e.number)).toEqual([first.number]);
    expect((await alice('GET', `/api/v1/escalations?ticket=${firstTicket.number}`)).body.items).toHaveLength(2);
    const missing = await alice('GET', '/api/v1/escalations/9999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('escalation.not_found');
    const d = (await alice('GET', '/api/v1/escalations/definitions')).body;
    expect(d.urgencies.map((u: any) => u.urgency)).toEqual(['high', 'medium', 'low']);
    expect(d.labels).toEqual(['License-Issue', 'Response-Time']);
    const api = (await n.admin('GET', '/api/openapi.json')).body;
    expect(api.paths['/api/v1/escalations'].post).toMatchObject({ operationId: 'fileEscalation', tags: ['escalations'] });
    expect(api.paths['/api/v1/escalations/{id}/resolve'].post.operationId).toBe('resolveEscalation');
  });

  it('SM-2: the workspace exports the escalations channel and the skills directory, and refuses a directory naming nobody', async () => {
    const y = (await n.admin('GET', '/api/v1/workspace/export')).text;
    expect(y).toContain('channel: "#support_escalations"');
    expect(y).toMatch(/- person: lena\.fox@example\.com\n\s+region: EMEA\n\s+subjects:\n\s+licensing: expert/);
    const bad = await n.admin('POST', '/api/v1/workspace/apply', 'hotline: 1\nskills:\n  - { person: nobody@example.com, subjects: { geo: expert } }\n', { 'content-type': 'application/yaml' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('workspace.unknown_user');
    const level = await n.admin('POST', '/api/v1/workspace/apply', 'hotline: 1\nskills:\n  - { person: lena.fox@example.com, subjects: { geo: guru } }\n', { 'content-type': 'application/yaml' });
    expect(level.status).toBe(400);
    const same = await n.admin('POST', '/api/v1/workspace/apply?dryRun=true', y, { 'content-type': 'application/yaml' });
    expect(same.status, same.text).toBe(200);
    expect(same.body.report.skills).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });
});
