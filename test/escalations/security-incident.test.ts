// SM-7 end to end over real HTTP on every engine: a security incident is declared like a
// widespread incident (POST /api/v1/incidents kind security), with the communications manager
// named (a staff member or an outside contact) and the support manager on call at that instant
// coordinating; affected tickets are gathered by search and by hand, each gets an internal note;
// the manager on call sends ONE bulk response; everything is on the incident's timeline; the
// customer sees the response on their ticket and nothing internal. Bad input gets a clear 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode, type Api } from '../emergencies/helpers.ts';
import { http } from '../support/server.ts';

const START = '2026-11-24T15:00:00Z';
const RESPONSE = 'We are investigating a security incident that may affect your account. Please rotate your access tokens; we will follow up here.';

describe.each(testEngines())('SM-7 security incidents on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let alice: Api;
  let customer: Api;
  let manager: { email: string; name: string; api: Api };
  const tickets: { id: string; number: number }[] = [];
  let sec: any;

  const ticket = async (subject: string, requesterEmail = 'rita@acme.example') => {
    const r = await n.admin('POST', '/api/v1/tickets', { subject, form: 'saas', priority: 'normal', requesterEmail, description: 'Something looks wrong.' });
    expect(r.status, r.text).toBe(201);
    return r.body.ticket as { id: string; number: number };
  };
  const bodies = async (api: Api, id: string) => ((await api('GET', `/api/v1/tickets/${id}`)).body?.comments ?? []).map((c: any) => ({ body: String(c.body), isPublic: c.isPublic }));

  beforeAll(async () => {
    n = await emergencyNode(engine, START);
    alice = await n.as('alice.nguyen@example.com');
    const rita = (await n.admin('GET', '/api/v1/users?q=rita%40acme.example')).body.items[0];
    customer = http(n.s.url, { token: (await n.admin('POST', '/api/v1/tokens', { name: 'rita', userId: rita.id })).body.token });
    const oc = (await n.admin('GET', '/api/v1/oncall')).body;
    const email: string = oc.schedules.find((s: any) => s.scheduleId === 'support-managers').owners[0];
    const m = (await n.admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items[0];
    manager = { email: m.email, name: m.name, api: await n.as(m.email) };
    tickets.push(await ticket('Leaked token seen in our CI logs'), await ticket('Leaked token: unexpected pushes'), await ticket('Slow pipelines'));
  }, 60_000);
  afterAll(async () => {
    await n?.close();
  });

  it('SM-7: declared by an engineer over a search, the comms manager named, the manager on call coordinating', async () => {
    const r = await alice('POST', '/api/v1/incidents', { kind: 'security', title: 'Token exposure', communicationsManager: { name: 'Dana Reyes (CMOC)', email: 'dana@pr.example' }, query: 'Leaked' });
    expect(r.status, r.text).toBe(201);
    sec = r.body;
    expect(sec).toMatchObject({ kind: 'security', label: `S-${sec.number}`, state: 'open', title: 'Token exposure' });
    expect(sec.coordinator.email).toBe(manager.email);
    expect(sec.communicationsManager).toEqual({ kind: 'contact', name: 'Dana Reyes (CMOC)', email: 'dana@pr.example' });
    expect(sec.tickets.map((t: any) => t.number).sort()).toEqual([tickets[0]!.number, tickets[1]!.number].sort());
    expect(sec.timeline.map((e: any) => e.action)).toEqual(['security_incident.declared']);
    expect(sec.timeline[0].detail.gatheredBy).toEqual({ query: 'Leaked' });
    // each affected ticket has the internal note naming the coordinator and the comms manager
    const notes = (await bodies(n.admin, tickets[0]!.id)).filter((c: any) => c.body.includes(`Security incident S-${sec.number}`));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.isPublic).toBe(false);
    expect(notes[0]!.body).toContain(manager.name);
    expect(notes[0]!.body).toContain('Dana Reyes (CMOC)');
  });

  it('SM-7: more affected tickets gathered by hand; one already there is not doubled', async () => {
    n.clock.advance({ seconds: 1 }); // the timeline orders by instant; the fake clock would stand still
    const r = await alice('POST', `/api/v1/security-incidents/${sec.number}/tickets`, { tickets: [tickets[2]!.number, tickets[0]!.number] });
    expect(r.status, r.text).toBe(200);
    expect(r.body.tickets).toHaveLength(3);
    expect(r.body.timeline.at(-1)).toMatchObject({ action: 'security_incident.tickets_added', detail: { tickets: [tickets[2]!.number], gatheredBy: 'hand' } });
    expect((await bodies(n.admin, tickets[0]!.id)).filter((c: any) => c.body.includes('Security incident')).length).toBe(1);
  });

  it('SM-7: only the manager on call (or a manager) sends the bulk response; ONE public reply per affected ticket', async () => {
    const refused = await alice('POST', `/api/v1/security-incidents/${sec.number}/respond`, { text: RESPONSE });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('security_incident.manager_only');
    n.clock.advance({ seconds: 1 });
    const r = await manager.api('POST', `/api/v1/security-incidents/${sec.number}/respond`, { text: RESPONSE, requestId: 'sec-resp-1' });
    expect(r.status, r.text).toBe(202);
    const retry = await manager.api('POST', `/api/v1/security-incidents/${sec.number}/respond`, { text: RESPONSE, requestId: 'sec-resp-1' });
    expect(retry.status).toBe(202);
    await n.drain();
    for (const t of tickets) expect((await bodies(n.admin, t.id)).filter((c: any) => c.isPublic && c.body === RESPONSE)).toHaveLength(1);
    const again = await manager.api('POST', `/api/v1/security-incidents/${sec.number}/respond`, { text: RESPONSE });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('security_incident.nothing_to_respond');
    const shown = (await alice('GET', `/api/v1/security-incidents/S-${sec.number}`)).body;
    expect(shown.tickets.every((t: any) => t.respondedAt && t.bulkId === 'sec-resp-1')).toBe(true);
    expect(shown.timeline.map((e: any) => e.action)).toEqual(['security_incident.declared', 'security_incident.tickets_added', 'security_incident.responded']);
    expect(shown.timeline.at(-1).actor.name).toBe(manager.name);
  });

  it('SM-7: the customer sees the response on their ticket and none of the incident\'s internals', async () => {
    const seen = await bodies(customer, tickets[0]!.id);
    expect(seen.some((c: any) => c.body === RESPONSE)).toBe(true);
    expect(JSON.stringify(seen)).not.toMatch(/Security incident|Dana Reyes|CMOC/);
    expect((await customer('GET', '/api/v1/security-incidents')).status).toBe(403);
    expect((await customer('GET', `/api/v1/security-incidents/${sec.number}`)).status).toBe(403);
    expect((await customer('POST', '/api/v1/incidents', { kind: 'security', communicationsManager: { name: 'x' }, tickets: [tickets[0]!.number] })).status).toBe(403);
  });

  it('SM-7: a staff member named as communications manager is told, as is the coordinator', async () => {
    const r = await alice('POST', '/api/v1/incidents', { kind: 'security', communicationsManager: { email: manager.email }, tickets: [tickets[2]!.number] });
    expect(r.status, r.text).toBe(201);
    expect(r.body.communicationsManager).toMatchObject({ kind: 'person', email: manager.email, name: manager.name });
    const jobs = await n.s.hotline.ctx.db.kysely.selectFrom('jobs').select('payload').where('kind', '=', 'notify.person').execute();
    expect(jobs.map((j) => JSON.parse(j.payload)).filter((p) => String(p.subject).includes(`S-${r.body.number}`)).length).toBeGreaterThanOrEqual(1);
    const resolved = await manager.api('POST', `/api/v1/security-incidents/${r.body.number}/resolve`, {});
    expect(resolved.status).toBe(200);
    expect(resolved.body.state).toBe('resolved');
    const twice = await manager.api('POST', `/api/v1/security-incidents/${r.body.number}/resolve`, {});
    expect(twice.status).toBe(409);
  });

  it('SM-7 bad input: each a clear 4xx, nothing written', async () => {
    const count = async () => (await alice('GET', '/api/v1/security-incidents')).body.items.length;
    const before = await count();
    const cases: [unknown, number, string][] = [
      [{ kind: 'security', tickets: [tickets[0]!.number] }, 400, 'security_incident.comms_manager_required'],
      [{ kind: 'security', communicationsManager: { email: 'nobody@example.com' }, tickets: [tickets[0]!.number] }, 400, 'security_incident.unknown_comms_manager'],
      [{ kind: 'security', communicationsManager: { email: 'rita@acme.example' }, tickets: [tickets[0]!.number] }, 400, 'security_incident.unknown_comms_manager'],
      [{ kind: 'security', communicationsManager: { email: 'not-an-address' }, tickets: [tickets[0]!.number] }, 400, 'security_incident.comms_manager_required'],
      [{ kind: 'security', communicationsManager: { name: 'Dana' }, tickets: [tickets[0]!.number], query: 'Leaked' }, 400, 'security_incident.tickets_or_query'],
      [{ kind: 'security', communicationsManager: { name: 'Dana' } }, 400, 'security_incident.no_tickets'],
      [{ kind: 'security', communicationsManager: { name: 'Dana' }, query: 'nothingmatchesthis' }, 400, 'security_incident.no_tickets'],
      [{ kind: 'security', communicationsManager: { name: 'Dana' }, tickets: [999999] }, 404, 'ticket.not_found'],
      [{ kind: 'security', communicationsManager: { name: 'Dana' }, tickets: [tickets[0]!.number], number: 7 }, 400, 'security_incident.bad_field'],
      [{ communicationsManager: { name: 'Dana' }, tickets: [tickets[0]!.number] }, 400, 'incident.bad_field'],
    ];
    for (const [body, status, code] of cases) {
      const r = await alice('POST', '/api/v1/incidents', body);
      expect(r.status, `${JSON.stringify(body)} → ${r.text}`).toBe(status);
      expect(r.body.error.code).toBe(code);
    }
    const empty = await manager.api('POST', `/api/v1/security-incidents/${sec.number}/respond`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect((await alice('GET', '/api/v1/security-incidents/424242')).status).toBe(404);
    expect(await count()).toBe(before);
  });
});
