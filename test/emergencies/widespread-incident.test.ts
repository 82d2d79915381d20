// WF-10 / PG-7 end to end over real HTTP on every engine, demo workspace on a fake clock: 50 SaaS
// emergencies from 10 organisations arrive in 16 minutes. The fifth makes the detection fire: the
// first four keep the pages they already had, every later one is grouped under the incident's one
// page. Three are not about the incident and are split out — each is then paged as its own
// emergency. The 47 related get the incident tag and ONE bulk response; nothing is lost.
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
  const pagesOf = async (ticketId: string) => (await n.admin('GET', '/api/v1/pages?status=open&limit=500')).body.items.filter((p: any) => p.ticketId === ticketId);
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
    expect(incident.counts).toMatchObject({ related: TICKETS, grouped: TICKETS - 4 });
    // PG-7: one page for the incident: its first trigger and one alert per grouped emergency.
    expect(incident.page.alertCount).toBe(1 + (TICKETS - 4));
    for (const [i, t] of tickets.entries()) {
      const own = await pagesOf(t.id);
      expect(own.length, `ticket ${t.number}`).toBe(i < 4 ? 1 : 0);
    }
    const em = (await n.admin('GET', `/api/v1/emergencies/${tickets[30].number}`)).body;
    expect(em.ticket.tags).toContain(incident.tag);
    expect(em.thread.some((p: any) => p.text.includes(`grouped into incident ${incident.number}`))).toBe(true);
  }, 120_000);

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

  it('WF-10: ONE bulk response reaches the 47 related tickets (tagged, left open until the incident issue exists); none reaches the split ones', async () => {
    const api = await n.as('alice.nguyen@example.com');
    const r = await api('POST', `/api/v1/incidents/${incident.number}/respond`, { statusPageUrl: 'https://status.example.com/incidents/7' });
    expect(r.status, r.text).toBe(202);
    expect(r.body.bulk).toHaveLength(1);
    expect(r.body.bulk[0].total).toBe(47);
    await n.drain();
    const after = await show(incident.number);
    expect(after.bulk[0]).toMatchObject({ status: 'done', done: 47, failed: 0 });
    expect(after.counts).toMatchObject({ related: 47, splitOut: 3, responded: 47 });
    for (const [i, t] of tickets.entries()) {
      const d = await n.ticket(t.id);
      const responses = publicComments(d).filter((c: any) => c.body.includes('We are aware of an ongoing incident'));
      if (UNRELATED.includes(i)) {
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

  it('WF-10: nothing lost — every emergency is paged on its own or grouped under the incident page', async () => {
    const board = (await n.admin('GET', '/api/v1/emergencies?all=true')).body.items;
    const view = await show(incident.number);
    for (const t of tickets) {
      expect(board.some((e: any) => e.ticketId === t.id), `emergency of ticket ${t.number}`).toBe(true);
      const member = view.tickets.find((x: any) => x.ticketId === t.id);
      const own = await pagesOf(t.id);
      expect(own.length === 1 || (member.grouped && member.relation === 'related'), `ticket ${t.number}`).toBe(true);
    }
  });

  it('WF-10 by hand: after a quiet half hour new emergencies page as usual; a person declares incident 12345 over them', async () => {
    n.clock.advance({ minutes: 31 });
    const a = await n.urgent('ops@tenant1.example', 'Pipelines stuck', 'saas');
    const b = await n.urgent('ops@tenant2.example', 'Pipelines stuck too', 'saas');
    expect(await pagesOf(a.id)).toHaveLength(1);
    expect(await pagesOf(b.id)).toHaveLength(1);
    const api = await n.as('alice.nguyen@example.com');
    const r = await api('POST', '/api/v1/incidents', { number: 12345, title: 'CI runners down', tickets: [a.number, b.number], statusPageUrl: 'https://status.example.com/incidents/12345' });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ number: 12345, tag: 'incident-12345', detected: false, counts: { related: 2, grouped: 0 } });
    expect((await n.ticket(a.id)).ticket.tags).toContain('incident-12345');
    // Their own pages stay; the incident's page is one more, not one per ticket.
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
    const customer = await n.as('rita@acme.example').catch(() => null);
    if (customer) expect((await customer('GET', `/api/v1/incidents/${incident.number}`)).status).toBe(403);
  });

  it('CLI: hotline emergency incident show --json and list', async () => {
    const env = { HOTLINE_URL: n.s.url, HOTLINE_TOKEN: n.s.admin.token };
    const shown = await hotline(['emergency', 'incident', 'show', String(incident.number), '--json'], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ number: incident.number, counts: { related: 47, splitOut: 3 } });
    const listed = await hotline(['emergency', 'incident', 'list'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(incident.tag);
    const help = await hotline(['emergency', 'incident', '--help'], env);
    expect(help.stdout).toMatch(/declare[\s\S]*respond[\s\S]*split/);
  }, 60_000);
});
