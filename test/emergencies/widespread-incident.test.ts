// WF-10 / PG-7 end to end over real HTTP on every engine, demo workspace on a fake clock: 50 SaaS
// emergencies from 10 organisations arrive in 16 minutes. The fifth makes the detection fire: the
// first four keep the pages they already had and are offered to join, every later one is grouped
// under the incident's one page. Three of the four join (their pages are acknowledged together
// with the incident's), the fourth is declined. Three grouped ones are not about the incident and
// are split out — each is then paged as its own emergency. The 46 related get the incident tag
// and ONE bulk response; nothing is lost; then the incident and its page are resolved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { hotline } from '../support/cli.ts';
import { emergencyNode } from './helpers.ts';

const ORGS = 10;
const TICKETS = 50;
const UNRELATED = [10, 25, 40]; // positions (0-based) of the three tickets about something else
const START = '2026-11-24T15:00:00Z'; // Tuesday, AMER on call

describe.each(testEngines())('widespread incident on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  const tickets: { id: string; number: number; org: string }[] = [];
  let incident: any;

  beforeAll(async () => {
    n = await emergencyNode(engine, START);
    for (let o = 0; o < ORGS; o++) {
      const org = await n.admin('POST', '/api/v1/orgs', {
        name: `Tenant ${o}`, subscription: { planTier: 'ultimate', supportPackage: 'priority_24x7', deployment: 'saas', startsOn: '2026-01-01', endsOn: '2027-06-30', seats: 100 + o },
      });
      expect(org.status, org.text).toBe(201);
      const u = await n.admin('POST', '/api/v1/users', { email: `ops@tenant${o}.example`, name: `Ops ${o}`, role: 'customer', organizationId: org.body.id ?? org.body.organization?.id });
      expect(u.status, u.text).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await n?.close();
  });

  const show = async (ref: string | number) => (await n.admin('GET', `/api/v1/incidents/${ref}`)).body;
  const pagesOf = async (ticketId: string, status = 'open') => (await n.admin('GET', `/api/v1/pages?status=${status}&limit=500`)).body.items.filter((p: any) => p.ticketId === ticketId);
  const publicComments = (t: any) => t.comments.filter((c: any) => c.public ?? c.isPublic);

  it('WF-10: 50 emergencies across 10 organisations; the fifth makes the detection fire and later ones are grouped, not paged one by one', async () => {
    for (let i = 0; i < TICKETS; i++) {
      const t = await n.urgent(`ops@tenant${i % ORGS}.example`, `Cannot reach the service (${i})`, 'saas');
      tickets.push({ ...t, org: `tenant${i % ORGS}` });
      n.clock.advance({ seconds: 20 });
    }
    const list = (await n.admin('GET', '/api/v1/incidents')).body.items;
    expect(list).toHaveLength(1);
    incident = await show(list[0].number);
    expect(incident).toMatchObject({ tag: `incident-${incident.number}`, detected: true, state: 'open' });
    expect(incident.counts).toMatchObject({ related: TICKETS - 4, candidates: 4, grouped: TICKETS - 4 });
    // PG-7: one page for the incident: its first trigger and one alert per grouped emergency.
    expect(incident.page.alertCount).toBe(1 + (TICKETS - 4));
    for (const [i, t] of tickets.entries()) {
      const own = await pagesOf(t.id);
      expect(own.length, `ticket ${t.number}`).toBe(i < 4 ? 1 : 0);
    }
    const em = (await n.admin('GET', `/api/v1/emergencies/${tickets[30].number}`)).body;
    expect(em.ticket.tags).toContain(incident.tag);
    expect(em.thread.some((p: any) => p.text.includes(`grouped into incident ${incident.number}`))).toBe(true);
    // WF-5/WF-10: the incident is answered on the status page, not on a call; one paged on its own has its bridge.
    expect(em.bridgeUrl).toBeNull();
    expect((await n.admin('GET', `/api/v1/emergencies/${tickets[0].number}`)).body.bridgeUrl).toBe(`https://meet.example.com/hotline-${tickets[0].number}`);
  }, 120_000);

  const pageView = async (id: string) => (await n.admin('GET', `/api/v1/pages/${id}`)).body;
  const notes = (p: any) => p.timeline.filter((e: any) => e.action === 'page.note').map((e: any) => e.detail.message as string);

  it('WF-10, PG-7: the four emergencies paged on their own before the detection are offered to join, not swept in', async () => {
    const offered = incident.tickets.filter((x: any) => x.relation === 'candidate');
    expect(offered.map((x: any) => x.number)).toEqual(tickets.slice(0, 4).map((t) => t.number));
    for (const x of offered) expect(x.ownPage).toMatchObject({ status: 'triggered' });
    const first = (await n.admin('GET', `/api/v1/emergencies/${tickets[0].number}`)).body;
    expect(first.ticket.tags).not.toContain(incident.tag);
    expect(first.thread.some((p: any) => p.text.includes(`paged on its own before incident ${incident.number}`) && p.text.includes('join it'))).toBe(true);
  });

  it('WF-10, PG-7: joined before the incident page is acknowledged, their own pages are acknowledged together with it, a timeline entry on each page', async () => {
    const api = await n.as('alice.nguyen@example.com');
    const r = await api('POST', `/api/v1/incidents/${incident.number}/join`, { ticketIds: [tickets[0].number, `#${tickets[1].number}`] });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ joined: [tickets[0].number, tickets[1].number], unchanged: [], pagesAcknowledged: [], counts: { related: TICKETS - 2, candidates: 2 } });
    const own = [(await pagesOf(tickets[0].id))[0], (await pagesOf(tickets[1].id))[0]];
    // Still triggered: they wait for the incident's page.
    expect(own.map((p: any) => p.status)).toEqual(['triggered', 'triggered']);
    expect((await n.ticket(tickets[0].id)).ticket.tags).toContain(incident.tag);
    expect(notes(await pageView(own[0].id)).some((m: string) => m.includes(`joined incident ${incident.number}`))).toBe(true);
    // Joining again changes nothing.
    const again = await api('POST', `/api/v1/incidents/${incident.number}/join`, { ticketIds: [tickets[0].number] });
    expect([again.status, again.body.joined, again.body.unchanged]).toEqual([200, [], [tickets[0].number]]);

    const ack = await n.admin('POST', `/api/v1/pages/${incident.page.id}/acknowledge`, {});
    expect(ack.status, ack.text).toBe(200);
    for (const [k, p] of own.entries()) {
      const v = await pageView(p.id);
      expect(v.status, `page of ticket ${tickets[k].number}`).toBe('acknowledged');
      expect(v.timeline.some((e: any) => e.action === 'page.acknowledged' && e.actor.kind === 'system')).toBe(true);
      expect(notes(v).some((m: string) => m.includes(`acknowledged together with page #${incident.page.number}`))).toBe(true);
    }
    const inc = await pageView(incident.page.id);
    for (const p of own) expect(notes(inc).some((m: string) => m.includes(`page #${p.number} of emergency ticket`) && m.includes('acknowledged together'))).toBe(true);
    // Not joined: the offered fourth keeps ringing on its own.
    expect((await pagesOf(tickets[3].id))[0].status).toBe('triggered');
  });

  it('WF-10, PG-7: joined after the incident page is acknowledged, its page is acknowledged at once; a declined offer stays on its own page', async () => {
    const api = await n.as('alice.nguyen@example.com');
    const r = await api('POST', `/api/v1/incidents/${incident.number}/join`, { ticketIds: [tickets[2].number] });
    expect(r.status, r.text).toBe(200);
    expect(r.body.pagesAcknowledged).toEqual([tickets[2].number]);
    const own = (await pagesOf(tickets[2].id))[0];
    expect(own.status).toBe('acknowledged');
    expect(notes(await pageView(own.id)).some((m: string) => m.includes(`acknowledged together with page #${incident.page.number}`))).toBe(true);
    const declined = await api('POST', `/api/v1/incidents/${incident.number}/split`, { ticketIds: [tickets[3].number] });
    expect([declined.status, declined.body.split, declined.body.pageIds]).toEqual([200, [tickets[3].number], []]);
    expect((await pagesOf(tickets[3].id)).map((p: any) => p.status)).toEqual(['triggered']);
    expect((await n.ticket(tickets[3].id)).ticket.tags).not.toContain(incident.tag);
    expect((await show(incident.number)).counts).toMatchObject({ related: TICKETS - 1, candidates: 0, splitOut: 1 });
  });

  it('WF-10, PG-2: the incident cannot be resolved (nor its page) before its related tickets have the public response', async () => {
    const api = await n.as('alice.nguyen@example.com');
    const r = await api('POST', `/api/v1/incidents/${incident.number}/resolve`, {});
    expect([r.status, r.body.error?.code]).toEqual([409, 'incident.public_reply_required']);
    expect(r.body.error.message).toMatch(/bulk response/);
    const page = await n.admin('POST', `/api/v1/pages/${incident.page.id}/resolve`, {});
    expect([page.status, page.body.error?.code]).toEqual([409, 'incident.public_reply_required']);
    expect((await show(incident.number))).toMatchObject({ state: 'open', page: { status: 'acknowledged' } });
  });

  it('WF-10 → WF-6: the three unrelated tickets are split out and each paged as a normal emergency', async () => {
    const ids = UNRELATED.map((i) => tickets[i].number);
    const r = await (await n.as('alice.nguyen@example.com'))('POST', `/api/v1/incidents/${incident.number}/split`, { ticketIds: ids });
    expect(r.status, r.text).toBe(200);
    expect(r.body.split).toEqual(ids);
    expect(r.body.pageIds).toHaveLength(3);
    for (const i of UNRELATED) {
      const pages = await pagesOf(tickets[i].id);
      expect(pages, `ticket ${tickets[i].number}`).toHaveLength(1);
      expect(pages[0].targetUserIds.length).toBeGreaterThan(0);
      const t = await n.ticket(tickets[i].id);
      expect(t.ticket.tags).not.toContain(incident.tag);
      expect(t.comments.some((c: any) => c.body.includes(`Not related to incident ${incident.number}`))).toBe(true);
    }
    // Splitting again changes nothing and pages nobody twice.
    const again = await n.admin('POST', `/api/v1/incidents/${incident.number}/split`, { ticketIds: [ids[0]] });
    expect([again.status, again.body.split, again.body.unchanged]).toEqual([200, [], [ids[0]]]);
    expect(await pagesOf(tickets[UNRELATED[0]].id)).toHaveLength(1);
  });

  it('WF-10: ONE bulk response reaches the 46 related tickets, joined ones included (tagged, left open until the incident issue exists); none reaches the split ones', async () => {
    const api = await n.as('alice.nguyen@example.com');
    const r = await api('POST', `/api/v1/incidents/${incident.number}/respond`, { statusPageUrl: 'https://status.example.com/incidents/7' });
    expect(r.status, r.text).toBe(202);
    expect(r.body.bulk).toHaveLength(1);
    expect(r.body.bulk[0].total).toBe(46);
    await n.drain();
    const after = await show(incident.number);
    expect(after.bulk[0]).toMatchObject({ status: 'done', done: 46, failed: 0 });
    expect(after.counts).toMatchObject({ related: 46, splitOut: 4, responded: 46 });
    for (const [i, t] of tickets.entries()) {
      const d = await n.ticket(t.id);
      const responses = publicComments(d).filter((c: any) => c.body.includes('We are aware of an ongoing incident'));
      if (UNRELATED.includes(i) || i === 3) {
        expect(responses, `split ticket ${t.number}`).toHaveLength(0);
        continue;
      }
      expect(responses, `ticket ${t.number}`).toHaveLength(1);
      expect(responses[0].body).toContain('https://status.example.com/incidents/7');
      expect(d.ticket.tags).toEqual(expect.arrayContaining([incident.tag, 'saas_emergency_widespread_incident']));
      expect(d.ticket.status).toBe('open');
    }
    // WF-5 stands down for incident tickets: no "are you still there?" to 47 customers during an outage.
    const related = (await n.admin('GET', `/api/v1/emergencies/${tickets[30].number}`)).body;
    expect(related.timers.filter((x: any) => x.kind.startsWith('silence') && x.state === 'pending')).toEqual([]);
    expect(related.runbook.items.find((x: any) => x.item === 'public_reply_sent').status).toBe('done');
    // The same request again is not a second response.
    const retry = await api('POST', `/api/v1/incidents/${incident.number}/respond`, {});
    expect([retry.status, retry.body.error?.code]).toEqual([409, 'incident.nothing_to_respond']);
  }, 120_000);

  it('WF-10: the incident issue appears → the related tickets are told and solved, "reply if trouble remains"', async () => {
    const api = await n.as('alice.nguyen@example.com');
    const r = await api('POST', `/api/v1/incidents/${incident.number}/respond`, { incidentIssueUrl: 'https://issues.example/prod/4242', requestId: 'issue-known' });
    expect(r.status, r.text).toBe(202);
    await n.drain();
    const t = await n.ticket(tickets[7].id);
    expect(t.ticket.status).toBe('solved');
    expect(publicComments(t).at(-1).body).toMatch(/issues\.example\/prod\/4242.*Solved.*reply here/s);
    const split = await n.ticket(tickets[UNRELATED[1]].id);
    expect(split.ticket.status).not.toBe('solved');
    // Retrying with the same request id does not answer twice.
    const retry = await api('POST', `/api/v1/incidents/${incident.number}/respond`, { incidentIssueUrl: 'https://issues.example/prod/4242', requestId: 'issue-known' });
    expect(retry.status).toBe(202);
    await n.drain();
    expect(publicComments(await n.ticket(tickets[7].id)).filter((c: any) => c.body.includes('issues.example/prod/4242'))).toHaveLength(1);
  }, 120_000);

  it('WF-10, PG-2: with every related ticket answered, the incident is resolved by API: its page resolved, no new emergency drawn', async () => {
    const api = await n.as('alice.nguyen@example.com');
    const r = await api('POST', `/api/v1/incidents/${incident.number}/resolve`, { note: 'provider fixed' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ state: 'resolved', changed: true, page: { id: incident.page.id, status: 'resolved' } });
    expect(r.body.timeline.map((e: any) => e.action)).toEqual(expect.arrayContaining(['incident.declared', 'incident.joined', 'incident.split', 'incident.responded', 'incident.resolved']));
    expect((await pageView(incident.page.id)).timeline.some((e: any) => e.action === 'page.resolved')).toBe(true);
    // Resolving twice changes nothing.
    const again = await api('POST', `/api/v1/incidents/${incident.number}/resolve`, {});
    expect([again.status, again.body.changed, again.body.state]).toEqual([200, false, 'resolved']);
    // Within the detection window a new SaaS emergency would have joined: now it pages on its own.
    const late = await n.urgent('ops@tenant3.example', 'Still cannot reach the service', 'saas');
    expect(await pagesOf(late.id)).toHaveLength(1);
    expect((await show(incident.number)).tickets.some((x: any) => x.ticketId === late.id)).toBe(false);
    const join = await api('POST', `/api/v1/incidents/${incident.number}/join`, { ticketIds: [late.number] });
    expect([join.status, join.body.error?.code]).toEqual([409, 'incident.resolved']);
  });

  it('WF-10: nothing lost — every emergency is paged on its own or grouped under the incident page', async () => {
    const board = (await n.admin('GET', '/api/v1/emergencies?all=true')).body.items;
    const view = await show(incident.number);
    for (const t of tickets) {
      expect(board.some((e: any) => e.ticketId === t.id), `emergency of ticket ${t.number}`).toBe(true);
      const member = view.tickets.find((x: any) => x.ticketId === t.id);
      // WF-9: the related tickets are solved by now, so their own pages ended with them: count every page.
      const own = [...(await pagesOf(t.id)), ...(await pagesOf(t.id, 'resolved'))];
      expect(own.length === 1 || (member.grouped && member.relation === 'related'), `ticket ${t.number}`).toBe(true);
    }
  });

  let byHand: { a: { id: string; number: number }; b: { id: string; number: number }; c: { id: string; number: number } };
  it('WF-10 by hand: after a quiet half hour new emergencies page as usual; a person declares incident 12345 over two, the third is offered', async () => {
    n.clock.advance({ minutes: 31 });
    const a = await n.urgent('ops@tenant1.example', 'Pipelines stuck', 'saas');
    const b = await n.urgent('ops@tenant2.example', 'Pipelines stuck too', 'saas');
    const c = await n.urgent('ops@tenant4.example', 'Runners queued forever', 'saas');
    byHand = { a, b, c };
    expect(await pagesOf(a.id)).toHaveLength(1);
    expect(await pagesOf(b.id)).toHaveLength(1);
    const api = await n.as('alice.nguyen@example.com');
    const r = await api('POST', '/api/v1/incidents', { number: 12345, title: 'CI runners down', tickets: [a.number, b.number], statusPageUrl: 'https://status.example.com/incidents/12345' });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ number: 12345, tag: 'incident-12345', detected: false, counts: { related: 2, grouped: 0, candidates: 1 } });
    expect(r.body.tickets.find((x: any) => x.ticketId === c.id)).toMatchObject({ relation: 'candidate', ownPage: { status: 'triggered' } });
    expect((await n.ticket(a.id)).ticket.tags).toContain('incident-12345');
    expect((await n.ticket(c.id)).ticket.tags).not.toContain('incident-12345');
    // Their own pages stay (acknowledged with the incident's); the incident's page is one more, not one per ticket.
    expect(await pagesOf(a.id)).toHaveLength(1);
    expect(r.body.page.alertCount).toBe(1);
    const again = await api('POST', '/api/v1/incidents', { number: 12345, tickets: [tickets[1].number] });
    expect([again.status, again.body.error.code]).toEqual([409, 'incident.exists']);
  });

  it('bad input gets a specific 4xx', async () => {
    const split = await n.admin('POST', `/api/v1/incidents/${incident.number}/split`, { ticketIds: [999999] });
    expect([split.status, split.body.error.code]).toEqual([400, 'incident.ticket_not_in_incident']);
    expect((await n.admin('GET', '/api/v1/incidents/424242')).body.error.code).toBe('incident.not_found');
    const url = await n.admin('POST', '/api/v1/incidents', { tickets: [tickets[0].number], statusPageUrl: 'status page' });
    expect([url.status, url.body.error.code]).toEqual([400, 'incident.bad_url']);
    const taken = await n.admin('POST', '/api/v1/incidents', { tickets: [tickets[0].number] });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'incident.ticket_in_other_incident']);
    const other = await n.admin('POST', '/api/v1/incidents/12345/join', { ticketIds: [tickets[5].number] });
    expect([other.status, other.body.error.code]).toEqual([409, 'incident.ticket_in_other_incident']);
    const noTicket = await n.admin('POST', '/api/v1/incidents/12345/join', { ticketIds: [999999] });
    expect([noTicket.status, noTicket.body.error.code]).toEqual([404, 'ticket.not_found']);
    const empty = await n.admin('POST', '/api/v1/incidents/12345/join', { ticketIds: [] });
    expect(empty.status).toBe(400);
    expect((await n.admin('POST', '/api/v1/incidents/424242/resolve', {})).body.error.code).toBe('incident.not_found');
    const customer = await n.as('rita@acme.example').catch(() => null);
    if (customer) expect((await customer('GET', `/api/v1/incidents/${incident.number}`)).status).toBe(403);
  });

  it('CLI: hotline emergency incident show --json and list', async () => {
    const env = { HOTLINE_URL: n.s.url, HOTLINE_TOKEN: n.s.admin.token };
    const shown = await hotline(['emergency', 'incident', 'show', String(incident.number), '--json'], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ number: incident.number, counts: { related: 46, splitOut: 4 } });
    const listed = await hotline(['emergency', 'incident', 'list'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(incident.tag);
    const help = await hotline(['emergency', 'incident', '--help'], env);
    expect(help.stdout).toMatch(/declare[\s\S]*respond[\s\S]*split[\s\S]*join[\s\S]*resolve/);
  }, 60_000);

  it('CLI, WF-10, PG-7, PG-2: hotline emergency incident join / resolve (--help, --json, refusal)', async () => {
    const env = { HOTLINE_URL: n.s.url, HOTLINE_TOKEN: n.s.admin.token };
    const shown = await hotline(['emergency', 'incident', 'show', '12345'], env);
    expect(shown.stdout).toContain(`Offered to join (paged on their own before the incident): #${byHand.c.number}`);
    const joined = await hotline(['emergency', 'incident', 'join', 'incident-12345', `#${byHand.c.number}`, '--json'], env);
    expect(joined.code, joined.stderr).toBe(0);
    expect(JSON.parse(joined.stdout)).toMatchObject({ joined: [byHand.c.number], counts: { related: 3, candidates: 0 } });
    const help = await hotline(['emergency', 'incident', 'resolve', '--help'], env);
    expect([help.code, help.stdout]).toEqual([0, expect.stringMatching(/--note[\s\S]*--json/)]);
    const refused = await hotline(['emergency', 'incident', 'resolve', '12345', '--json'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('incident.public_reply_required');
    // The person acknowledges the incident's page: the three own pages follow.
    const page = (await show(12345)).page;
    expect((await n.admin('POST', `/api/v1/pages/${page.id}/acknowledge`, {})).status).toBe(200);
    for (const t of [byHand.a, byHand.b, byHand.c]) expect((await pagesOf(t.id)).map((p: any) => p.status), `ticket ${t.number}`).toEqual(['acknowledged']);
    const api = await n.as('alice.nguyen@example.com');
    expect((await api('POST', '/api/v1/incidents/12345/respond', {})).status).toBe(202);
    await n.drain();
    const done = await hotline(['emergency', 'incident', 'resolve', '12345', '--note', 'runners back', '--json'], env);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ number: 12345, state: 'resolved', changed: true, page: { status: 'resolved' } });
    const text = await hotline(['emergency', 'incident', 'resolve', '12345'], env);
    expect([text.code, text.stdout]).toEqual([0, 'Incident 12345 was already resolved.\n']);
  }, 60_000);
});
