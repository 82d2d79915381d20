// RP-3: emergencies and escalations stay findable after they end, over real HTTP on every engine:
// each filter (state, owner or person, organisation, service, period) and the search find the ended
// ones, a page of results at a time, each opening its timeline; a customer sees none of it; a bad
// filter is a 400 with a code. (Pages: test/paging/history.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode, type Api } from '../emergencies/helpers.ts';
import { hotline } from '../support/cli.ts';

const TUESDAY_NOON_NY = '2026-11-24T17:00:00Z';
const FILE = { need: 'An owner for the renewal blocker today', businessCase: 'A 250-seat renewal closes on Friday', urgency: 'high' };
type Em = { id: string; ticketId: string; ticketNumber: number; subject: string; state: string; owner: string | null; organizationId: string | null; pageId: string | null; resolvedAt: string | null };
type Esc = { id: string; number: number; title: string; state: string; initiator: { id: string } | null };

describe.each(testEngines())('RP-3 history of emergencies and escalations on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let manager: Api;
  let alice: Api;
  let aliceId = '';
  const made = {} as { acme: { id: string; number: number }; globex: { id: string; number: number }; globexOrg: string; acmeOrg: string; escA: Esc; escB: Esc };

  beforeAll(async () => {
    n = await emergencyNode(engine, TUESDAY_NOON_NY);
    made.acme = await n.urgent('rita@acme.example', 'Registry returns 500 for every push');
    made.acmeOrg = (await n.admin('GET', `/api/v1/tickets/${made.acme.id}`)).body.ticket.organizationId;
    n.clock.advance({ hours: 2 });
    const org = await n.admin('POST', '/api/v1/orgs', { name: 'Globex Archive', subscription: { planTier: 'ultimate', supportPackage: 'priority_24x7', deployment: 'saas', startsOn: '2020-01-01', endsOn: '2099-12-31', seats: 100 } });
    expect(org.status, org.text).toBe(201);
    made.globexOrg = org.body.id;
    expect((await n.admin('POST', '/api/v1/users', { email: 'ops@globex-archive.example', name: 'Globex Ops', role: 'customer', organizationId: org.body.id })).status).toBe(201);
    made.globex = await n.urgent('ops@globex-archive.example', 'Pages site offline', 'saas');
    // The first emergency is over, acknowledged by Alice first.
    alice = await n.as('alice.nguyen@example.com');
    aliceId = (await n.admin('GET', '/api/v1/users?q=alice.nguyen%40example.com')).body.items[0].id;
    expect((await alice('POST', `/api/v1/emergencies/${made.acme.number}/acknowledge`)).status).toBe(200);
    const r = await n.admin('POST', `/api/v1/emergencies/${made.acme.number}/resolve`, { followUp: { kind: 'none' } });
    expect(r.status, r.text).toBe(200);

    // Two escalations by Alice: one about Acme's ticket, rejected; one internal, still open.
    const oc = (await n.admin('GET', '/api/v1/oncall')).body;
    const managerEmail: string = oc.schedules.find((s: { scheduleId: string }) => s.scheduleId === 'support-managers').owners[0];
    manager = await n.as(managerEmail);
    const t = await n.admin('POST', '/api/v1/tickets', { subject: 'Licence rejected after renewal', form: 'licensing', priority: 'high', requesterEmail: 'rita@acme.example', description: 'Our licence stopped working.' });
    made.escA = (await alice('POST', '/api/v1/escalations', { ticket: t.body.ticket.number, ...FILE })).body;
    n.clock.advance({ minutes: 5 });
    expect((await manager('POST', `/api/v1/escalations/${made.escA.number}/acknowledge`)).status).toBe(200);
    expect((await manager('POST', `/api/v1/escalations/${made.escA.number}/reject`, { reason: 'A licence key reissue, not an escalation' })).status).toBe(200);
    n.clock.advance({ hours: 3 });
    made.escB = (await alice('POST', '/api/v1/escalations', { title: 'Training budget for Geo', need: 'A decision', businessCase: 'Three Geo tickets a week', urgency: 'low' })).body;
    expect(made.escB.number).toBeGreaterThan(made.escA.number);
  }, 90_000);
  afterAll(() => n?.close());

  const ems = async (qs: string) => {
    const r = await n.admin('GET', `/api/v1/emergencies?${qs}`);
    expect(r.status, r.text).toBe(200);
    return r.body as { items: Em[]; nextOffset: number | null };
  };
  const escs = async (qs: string) => {
    const r = await n.admin('GET', `/api/v1/escalations?${qs}`);
    expect(r.status, r.text).toBe(200);
    return r.body as { items: Esc[]; nextOffset: number | null };
  };
  const tickets = (b: { items: Em[] }) => b.items.map((e) => e.ticketId);

  it('RP-3: the board keeps to open emergencies; state=ended finds the resolved one, newest first', async () => {
    expect((await n.admin('GET', '/api/v1/emergencies')).body.items.map((e: Em) => e.ticketId)).not.toContain(made.acme.id);
    expect(tickets(await ems('state=ended'))).toEqual([made.acme.id]);
    expect(tickets(await ems('state=resolved'))).toEqual([made.acme.id]);
    expect(tickets(await ems('state=all'))).toEqual([made.globex.id, made.acme.id]);
    expect((await ems('state=resolved')).items[0]!.resolvedAt).toBeTruthy();
  });

  it('RP-3: emergencies by owner, organisation, service, period and words of the subject or the number', async () => {
    expect(tickets(await ems('owner=alice.nguyen%40example.com'))).toEqual([made.acme.id]);
    expect(tickets(await ems(`organizationId=${made.acmeOrg}`))).toEqual([made.acme.id]);
    expect(tickets(await ems(`organizationId=${made.globexOrg}&state=ended`))).toEqual([]);
    expect(tickets(await ems('from=2026-11-24T16:00:00Z&to=2026-11-24T18:00:00Z'))).toEqual([made.acme.id]);
    expect(tickets(await ems('from=2026-11-24T18:00:00Z'))).toEqual([made.globex.id]);
    expect(tickets(await ems('q=registry%20RETURNS'))).toEqual([made.acme.id]);
    expect(tickets(await ems(`q=${made.acme.number}`))).toEqual([made.acme.id]);
    expect(tickets(await ems('q=50%25'))).toEqual([]);
    // % and _ are letters to search for, not LIKE's wildcards (no subject has either).
    expect(tickets(await ems('state=all&q=%25'))).toEqual([]);
    expect(tickets(await ems('state=all&q=_'))).toEqual([]);
    const paged = (await ems('state=ended')).items[0]!;
    expect(paged.pageId).toBeTruthy();
    const page = (await n.admin('GET', `/api/v1/pages/${paged.pageId}`)).body;
    expect(tickets(await ems(`serviceId=${page.serviceId}&state=ended`))).toEqual([made.acme.id]);
    expect(tickets(await ems('serviceId=no-such-service'))).toEqual([]);
    const first = await ems('state=all&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextOffset).toBe(1);
    expect(tickets(await ems('state=all&limit=1&offset=1'))).toEqual([made.acme.id]);
  });

  it('RP-3: an ended emergency opens with its thread and runbook, and its page with the timeline and delivery log', async () => {
    const e = (await n.admin('GET', `/api/v1/emergencies/${made.acme.number}`)).body;
    expect(e.state).toBe('resolved');
    expect(e.thread.length).toBeGreaterThan(0);
    const page = (await n.admin('GET', `/api/v1/pages/${e.pages[0].id}`)).body;
    expect(page.timeline.map((t: { action: string }) => t.action)).toContain('page.resolved');
    expect(Array.isArray(page.deliveries)).toBe(true);
  });

  it('RP-3: escalations by state, person, organisation, period and words, each opening its timeline', async () => {
    const numbers = (b: { items: Esc[] }) => b.items.map((e) => e.number);
    expect(numbers(await escs('state=ended'))).toEqual([made.escA.number]);
    expect(numbers(await escs('state=rejected'))).toEqual([made.escA.number]);
    expect(numbers(await escs('state=open'))).toEqual([made.escB.number]);
    expect(numbers(await escs(`userId=${aliceId}`))).toEqual([made.escB.number, made.escA.number]);
    expect(numbers(await escs(`organizationId=${made.acmeOrg}`))).toEqual([made.escA.number]);
    expect(numbers(await escs(`organizationId=${made.globexOrg}`))).toEqual([]);
    expect(numbers(await escs(`from=${TUESDAY_NOON_NY}&to=2026-11-24T20:00:00Z`))).toEqual([made.escA.number]);
    expect(numbers(await escs('q=renewal%20CLOSES'))).toEqual([made.escA.number]);
    expect(numbers(await escs('q=training'))).toEqual([made.escB.number]);
    expect(numbers(await escs(`q=%23${made.escA.number}`))).toEqual([made.escA.number]);
    expect(numbers(await escs('q=%25'))).toEqual([]);
    expect(numbers(await escs('q=_'))).toEqual([]);
    const first = await escs('limit=1');
    expect(numbers(first)).toEqual([made.escB.number]);
    expect(first.nextOffset).toBe(1);
    expect(numbers(await escs('limit=1&offset=1'))).toEqual([made.escA.number]);
    const shown = (await n.admin('GET', `/api/v1/escalations/${made.escA.number}`)).body;
    expect(shown.timeline.map((t: { action: string }) => t.action)).toEqual(expect.arrayContaining(['escalation.filed', 'escalation.rejected']));
  });

  it('RP-3: the same history from the command line, as JSON; a bad period exits 2 saying why', async () => {
    const env = { HOTLINE_URL: n.s.url, HOTLINE_TOKEN: n.s.admin.token };
    const pages = await hotline(['page', 'list', '--status', 'resolved', '--since', '2026-11-24T16:00:00Z', '--search', 'registry', '--json'], env);
    expect(pages.code, pages.stderr).toBe(0);
    expect(JSON.parse(pages.stdout).map((p: { ticketId: string }) => p.ticketId)).toEqual([made.acme.id]);
    const em = await hotline(['emergency', 'list', '--state', 'ended', '--owner', 'alice.nguyen@example.com', '--json'], env);
    expect(em.code, em.stderr).toBe(0);
    expect(JSON.parse(em.stdout).map((e: Em) => e.ticketId)).toEqual([made.acme.id]);
    const esc = await hotline(['escalation', 'list', '--state', 'ended', '--search', 'renewal', '--json'], env);
    expect(esc.code, esc.stderr).toBe(0);
    expect(JSON.parse(esc.stdout).map((e: Esc) => e.number)).toEqual([made.escA.number]);
    const bad = await hotline(['escalation', 'list', '--since', 'last week'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ISO-8601/);
  }, 60_000);

  it('RP-3: a bad filter is a 400 with a code; a customer sees no history', async () => {
    for (const [path, code] of [['emergencies', 'emergency.bad_period'], ['escalations', 'escalation.bad_period']] as const) {
      for (const qs of ['from=yesterday', 'from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z']) {
        const r = await n.admin('GET', `/api/v1/${path}?${qs}`);
        expect(r.status, r.text).toBe(400);
        expect(r.body.error.code).toBe(code);
      }
    }
    for (const qs of ['emergencies?state=gone', 'escalations?state=gone', 'emergencies?limit=lots', 'escalations?color=red']) {
      const r = await n.admin('GET', `/api/v1/${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.body.error.code, qs).toBeTruthy();
    }
    const rita = await n.as('rita@acme.example');
    for (const path of ['/api/v1/emergencies?state=all', '/api/v1/escalations?state=ended', '/api/v1/pages?status=any', `/api/v1/emergencies/${made.acme.number}`, `/api/v1/escalations/${made.escA.number}`]) {
      expect([403, 404], path).toContain((await rita('GET', path)).status);
    }
  });
});
