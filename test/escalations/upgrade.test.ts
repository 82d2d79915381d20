// SM-8 end to end over real HTTP on every engine, the demo workspace on a fake clock (Tuesday
// 2026-11-24 07:00 in Los Angeles). Support hours are the SLA's 24x5 calendar (Monday to Friday,
// Pacific Time) and a request must give a week's notice: a Saturday session is flagged, so is one
// for tomorrow; a weekday a fortnight out is not. The manager on call is told of flagged ones; a
// manager reschedules or reassigns, and the requester reads it in their ticket. Customers see their
// organisation's requests only, and never the flags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode, type Api } from '../emergencies/helpers.ts';

const START = '2026-11-24T15:00:00Z';
const YAML = { 'content-type': 'application/yaml' };
const WEEKDAY = '2026-12-08T09:00:00-08:00[America/Los_Angeles]'; // Tuesday, a fortnight out
const SATURDAY = '2026-12-12T10:00:00-08:00'; // two and a half weeks out, a Saturday
const TOMORROW = '2026-11-25T10:00:00-08:00'; // Wednesday, 27 hours out

describe.each(testEngines())('upgrade-assistance requests on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let rita: Api; // Acme Robotics
  let gus: Api; // Globex: another organisation
  let manager: { email: string; api: Api };
  let engineer: Api;

  const file = (api: Api, start: string, extra: Record<string, unknown> = {}) => api('POST', '/api/v1/upgrade-requests', { start, durationMinutes: 120, scope: 'Omnibus 16.11 to 17.5, single node', ...extra });
  const notified = async (email: string, subject: string) => {
    const u = (await n.admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items[0];
    const jobs = await n.s.hotline.ctx.db.kysely.selectFrom('jobs').select('payload').where('kind', '=', 'notify.person').execute();
    return jobs.map((j) => JSON.parse(j.payload)).filter((p) => p.userId === u.id && p.subject.includes(subject));
  };
  const count = async (table: 'tickets' | 'upgrade_requests') => Number((await n.s.hotline.ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('c')).executeTakeFirst())!.c);

  beforeAll(async () => {
    n = await emergencyNode(engine, START);
    rita = await n.as('rita@acme.example');
    gus = await n.as('gus@globex.example');
    const oc = (await n.admin('GET', '/api/v1/oncall')).body;
    const email = oc.schedules.find((s: any) => s.scheduleId === 'support-managers').owners[0] as string;
    manager = { email, api: await n.as(email) };
    engineer = await n.as('alice.nguyen@example.com');
  }, 60_000);
  afterAll(async () => {
    await n?.close();
  });

  it('SM-8: a weekday session with a fortnight\'s notice is not flagged, and nobody is bothered', async () => {
    const r = await file(rita, WEEKDAY);
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ state: 'requested', zone: 'America/Los_Angeles', startLocal: 'Tue 8 Dec 2026, 09:00 (America/Los_Angeles)', durationMinutes: 120, start: '2026-12-08T17:00:00.000Z' });
    expect(r.body.flagged).toBeUndefined(); // the customer's own answer carries no triage
    const staff = (await manager.api('GET', `/api/v1/upgrade-requests/${r.body.number}`)).body;
    expect(staff).toMatchObject({ flagged: false, flags: [], manager: null });
    expect(staff.timeline.map((t: any) => t.action)).toEqual(['upgrade.requested']);
    expect(await notified(manager.email, `Upgrade request #${r.body.number}`)).toHaveLength(0);
    const t = (await rita('GET', `/api/v1/portal/tickets/${r.body.ticket.id}`)).body;
    expect(t.ticket.subject).toBe('Upgrade assistance: Omnibus 16.11 to 17.5, single node');
    expect(t.comments[0].body).toContain('Tue 8 Dec 2026, 09:00 (America/Los_Angeles), 2 h');
  });

  it('SM-8: a Saturday session is flagged outside support hours; the manager on call is told, the ticket says why internally, the customer sees neither', async () => {
    const r = await file(rita, SATURDAY);
    expect(r.status, r.text).toBe(201);
    const u = (await manager.api('GET', `/api/v1/upgrade-requests/${r.body.number}`)).body;
    expect(u).toMatchObject({ flagged: true, manager: { email: manager.email }, zone: '-08:00' });
    expect(u.flags.map((f: any) => f.code)).toEqual(['outside_hours']);
    expect(u.flags[0].reason).toContain('falls outside the support hours (24x5 (Mon–Fri, Pacific Time))');
    expect(u.timeline.map((t: any) => t.action)).toEqual(['upgrade.requested', 'upgrade.flagged']);
    const told = await notified(manager.email, `Upgrade request #${r.body.number} needs a manager: outside hours`);
    expect(told).toHaveLength(1);
    expect(told[0].text).toContain('Rita Okafor (Acme Robotics)');
    const staffTicket = (await n.admin('GET', `/api/v1/tickets/${r.body.ticket.id}`)).body;
    expect(staffTicket.comments.filter((c: any) => !c.isPublic).map((c: any) => c.body).join()).toContain('falls outside the support hours');
    const portal = (await rita('GET', `/api/v1/portal/tickets/${r.body.ticket.id}`)).body;
    expect(portal.comments.every((c: any) => c.isPublic)).toBe(true);
    expect(JSON.stringify(portal)).not.toContain('support hours');
    expect((await rita('GET', `/api/v1/upgrade-requests/${r.body.number}`)).body.flags).toBeUndefined();
    const flagged = (await manager.api('GET', '/api/v1/upgrade-requests?flagged=true')).body.items.map((x: any) => x.number);
    expect(flagged).toContain(r.body.number);
    expect((await manager.api('GET', '/api/v1/upgrade-requests?flagged=false')).body.items.map((x: any) => x.number)).not.toContain(r.body.number);
  });

  it('SM-8: a session tomorrow is flagged for short notice (a week is asked)', async () => {
    const r = await file(rita, TOMORROW, { durationMinutes: 60 });
    expect(r.status, r.text).toBe(201);
    const u = (await manager.api('GET', `/api/v1/upgrade-requests/${r.body.number}`)).body;
    expect(u.flags).toEqual([{ code: 'short_notice', reason: 'Only 27 hours of notice; the threshold is 168 hours.' }]);
    expect(await notified(manager.email, `Upgrade request #${r.body.number} needs a manager: short notice`)).toHaveLength(1);
  });

  it('SM-8: the manager proposes a new time; the requester reads it in their ticket, in their own zone; an engineer may not', async () => {
    const r = await file(rita, SATURDAY, { scope: 'Geo secondary to 17.5' });
    n.clock.advance({ minutes: 10 }); // the manager reads it a little later
    const no = await engineer('POST', `/api/v1/upgrade-requests/${r.body.number}/reschedule`, { start: '2026-12-14T09:00:00Z' });
    expect(no.status).toBe(403);
    expect(no.body.error.code).toBe('upgrade.managers_only');
    const s = await manager.api('POST', `/api/v1/upgrade-requests/${r.body.number}/reschedule`, { start: '2026-12-14T17:00:00Z', note: 'Monday works for our Geo expert.' });
    expect(s.status, s.text).toBe(200);
    expect(s.body).toMatchObject({ state: 'rescheduled', start: '2026-12-14T17:00:00.000Z', startLocal: 'Mon 14 Dec 2026, 09:00 (-08:00)', flagged: false, flags: [] });
    expect(s.body.timeline.map((t: any) => t.action)).toEqual(['upgrade.requested', 'upgrade.flagged', 'upgrade.rescheduled']);
    expect(s.body.timeline[2].detail).toMatchObject({ from: '2026-12-12T18:00:00.000Z', to: '2026-12-14T17:00:00.000Z' });
    const portal = (await rita('GET', `/api/v1/portal/tickets/${r.body.ticket.id}`)).body;
    const reply = portal.comments.at(-1);
    expect(reply.isPublic).toBe(true);
    expect(reply.body).toContain('from Sat 12 Dec 2026, 10:00 (-08:00) to Mon 14 Dec 2026, 09:00 (-08:00) (2 h)');
    expect(reply.body).toContain('Monday works for our Geo expert.');
  });

  it('SM-8: the manager reassigns the session to an engineer: the ticket is theirs, they are told, the requester reads who', async () => {
    const r = await file(rita, TOMORROW, { scope: 'HA cluster, 3 nodes' });
    n.clock.advance({ minutes: 10 });
    const a = await manager.api('POST', `/api/v1/upgrade-requests/${r.body.number}/reassign`, { engineer: 'carmen.diaz@example.com' });
    expect(a.status, a.text).toBe(200);
    expect(a.body).toMatchObject({ state: 'reassigned', assignee: { email: 'carmen.diaz@example.com' } });
    expect(a.body.timeline.at(-1)).toMatchObject({ action: 'upgrade.reassigned', detail: { to: 'carmen.diaz@example.com' } });
    const t = (await n.admin('GET', `/api/v1/tickets/${r.body.ticket.id}`)).body.ticket;
    const carmen = (await n.admin('GET', '/api/v1/users?q=carmen.diaz%40example.com')).body.items[0];
    expect(t.assigneeId).toBe(carmen.id);
    expect(await notified('carmen.diaz@example.com', `Upgrade assistance #${r.body.number} is yours`)).toHaveLength(1);
    const portal = (await rita('GET', `/api/v1/portal/tickets/${r.body.ticket.id}`)).body;
    expect(portal.comments.at(-1).body).toContain('Carmen Diaz will assist you with your upgrade on Wed 25 Nov 2026, 10:00 (-08:00).');
    const unknown = await manager.api('POST', `/api/v1/upgrade-requests/${r.body.number}/reassign`, { engineer: 'rita@acme.example' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('upgrade.unknown_engineer');
  });

  it('SM-8: a customer cannot see another organisation\'s request (404), nor list it, nor act on it', async () => {
    const r = await file(rita, WEEKDAY, { scope: 'Acme private' });
    const other = await gus('GET', `/api/v1/upgrade-requests/${r.body.number}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('upgrade.not_found');
    expect(JSON.stringify((await gus('GET', '/api/v1/upgrade-requests')).body)).not.toContain('Acme private');
    expect((await rita('GET', '/api/v1/upgrade-requests')).body.items.map((x: any) => x.number)).toContain(r.body.number);
    expect((await gus('POST', `/api/v1/upgrade-requests/${r.body.number}/reschedule`, { start: '2026-12-14T17:00:00Z' })).status).toBe(403);
  });

  it('SM-8: bad dates and durations are refused with a 4xx naming the problem, and nothing is written', async () => {
    const [tickets, requests] = [await count('tickets'), await count('upgrade_requests')];
    const cases: [Record<string, unknown>, string][] = [
      [{ start: '2026-12-08T09:00:00' }, 'upgrade.bad_start'], // no zone
      [{ start: 'next tuesday' }, 'upgrade.bad_start'],
      [{ start: '2026-02-30T09:00:00Z' }, 'upgrade.bad_start'],
      [{ start: '2026-12-08T09:00:00-05:00[America/Los_Angeles]' }, 'upgrade.bad_start'], // offset and zone disagree
      [{ start: '2026-11-20T09:00:00Z' }, 'upgrade.start_past'],
      [{ start: '2028-12-08T09:00:00Z' }, 'upgrade.bad_start'],
      [{ start: WEEKDAY, durationMinutes: 0 }, 'upgrade.bad_duration'],
      [{ start: WEEKDAY, durationMinutes: 5 }, 'upgrade.bad_duration'],
      [{ start: WEEKDAY, durationMinutes: 60 * 24 }, 'upgrade.bad_duration'],
      [{ start: WEEKDAY, scope: '   ' }, 'upgrade.scope_required'],
    ];
    for (const [body, code] of cases) {
      const r = await rita('POST', '/api/v1/upgrade-requests', { durationMinutes: 60, scope: 'x', ...body });
      expect(r.status, `${JSON.stringify(body)}: ${r.text}`).toBe(400);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
    }
    const fraction = await rita('POST', '/api/v1/upgrade-requests', { start: WEEKDAY, durationMinutes: 90.5, scope: 'x' });
    expect(fraction.status).toBe(400);
    const staffNoRequester = await engineer('POST', '/api/v1/upgrade-requests', { start: WEEKDAY, durationMinutes: 60, scope: 'x' });
    expect(staffNoRequester.body.error.code).toBe('upgrade.no_requester');
    const u = (await rita('GET', '/api/v1/upgrade-requests')).body.items[0].number;
    const past = await manager.api('POST', `/api/v1/upgrade-requests/${u}/reschedule`, { start: '2026-11-01T09:00:00Z' });
    expect(past.body.error.code).toBe('upgrade.start_past');
    const dur = await manager.api('POST', `/api/v1/upgrade-requests/${u}/reschedule`, { start: WEEKDAY, durationMinutes: 2000 });
    expect(dur.body.error.code).toBe('upgrade.bad_duration');
    expect((await manager.api('GET', '/api/v1/upgrade-requests/9999')).status).toBe(404);
    expect([await count('tickets'), await count('upgrade_requests')]).toEqual([tickets, requests]);
  });

  it('SM-8: the workspace sets the notice and names the support-hours calendar; a bad value names its field', async () => {
    const bad = await n.admin('POST', '/api/v1/workspace/apply', JSON.stringify({ escalations: { upgrade_assistance: { support_hours: 'office' } } }), YAML);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.path).toBe('escalations.upgrade_assistance.support_hours');
    expect(bad.body.error.message).toContain('24x5');
    const neg = await n.admin('POST', '/api/v1/workspace/apply', JSON.stringify({ escalations: { upgrade_assistance: { min_notice_hours: -1 } } }), YAML);
    expect(neg.body.error.details.path).toBe('escalations.upgrade_assistance.min_notice_hours');
    const extra = await n.admin('POST', '/api/v1/workspace/apply', JSON.stringify({ escalations: { upgrade_assistance: { notice: 5 } } }), YAML);
    expect(extra.status).toBe(400);
    const ok = await n.admin('POST', '/api/v1/workspace/apply', JSON.stringify({ escalations: { upgrade_assistance: { min_notice_hours: 24, support_hours: '24x7' } } }), YAML);
    expect(ok.status, ok.text).toBe(200);
    const r = await file(rita, SATURDAY);
    expect((await manager.api('GET', `/api/v1/upgrade-requests/${r.body.number}`)).body.flags).toEqual([]);
    const exported = (await n.admin('GET', '/api/v1/workspace/export')).text;
    expect(exported).toMatch(/upgrade_assistance:\s*\n\s*min_notice_hours: 24\s*\n\s*support_hours: 24x7/);
  });
});
