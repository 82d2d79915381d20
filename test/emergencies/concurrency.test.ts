// Must show (WF-6, PG-3, PG-4, SCH-3, SCH-10) over real HTTP on every engine, with the demo
// schedules answering who is on call: a second emergency in a single-engineer hour goes to the
// manager, not the busy DRI; the backup pool is a manager's weekend APAC tool; at the shift change
// both open emergencies are offered to the incoming DRI, who accepts one and names a replacement.
// The people of the hand-off hear of it by e-mail (loopback SMTP).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureNotify, createChannels } from '../../src/notify/index.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { startSmtpSink, type SmtpSink } from '../stand-ins/index.ts';
import { emergencyNode } from './helpers.ts';

describe.each(testEngines())('concurrent emergencies and hand-off on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    n = await emergencyNode(engine, '2026-11-24T17:30:00Z'); // Tuesday 12:30 New York: AMER 1 alone
    configureNotify(n.s.hotline.ctx, { channels: createChannels({ email: { host: sink.host, port: sink.port, secure: false, from: 'Hotline <pager@hotline.test>' } }) });
  }, 30_000);
  afterAll(async () => {
    await n?.close();
    await sink?.close();
  });
  const mailTo = (email: string, subject: RegExp) => sink.messages.filter((m) => m.envelope.rcptTo.includes(email) && subject.test(m.parsed.subject ?? ''));
  const show = async (num: number) => (await n.admin('GET', `/api/v1/emergencies/${num}`)).body;
  let first: { id: string; number: number };
  let second: { id: string; number: number };
  let dri: string;

  it('WF-6/SCH-3: the DRI takes the first; the second goes to the manager on call, not the busy DRI', async () => {
    first = await n.urgent('rita@acme.example');
    const e1 = await show(first.number);
    dri = e1.driUserId;
    expect(['alice.nguyen@example.com', 'bruno.costa@example.com']).toContain(dri);
    const ack = await (await n.as(dri))('POST', `/api/v1/emergencies/${first.number}/acknowledge`);
    expect(ack.status, ack.text).toBe(200);
    second = await n.urgent('gus@globex.example', 'Globex down', 'saas');
    const e2 = await show(second.number);
    expect(e2.driUserId).not.toBe(dri);
    expect(e2.pages).toHaveLength(1);
    const users = (await n.admin('GET', '/api/v1/users?role=manager')).body.items;
    const managerIds = users.map((u: any) => u.id);
    expect(managerIds).toContain(e2.pages[0].targetUserIds[0]);
  });

  it('SM-5, PG-3: the concurrent emergency’s page to the manager follows the policy from the manager’s tier and, unacknowledged, escalates to the rotation and directors', async () => {
    const pageOf = async () => (await n.admin('GET', `/api/v1/pages/${(await show(second.number)).pages[0].id}`)).body;
    const idOf = async (email: string) => (await n.admin('GET', `/api/v1/users?q=${email}`)).body.items[0].id;
    const p0 = await pageOf();
    expect(p0).toMatchObject({ status: 'triggered', escalationPolicyId: 'customer-emergencies', escalationLevel: 1 });
    const manager = p0.targetUserIds[0];
    n.clock.advance({ minutes: 4, seconds: 59 });
    await n.drain();
    expect((await pageOf()).escalationLevel).toBe(1);
    n.clock.advance({ seconds: 1 }); // PG-3 demo: 5 more minutes at the manager's tier
    await n.drain();
    const p1 = await pageOf();
    expect(p1).toMatchObject({ status: 'triggered', escalationLevel: 2 });
    expect(p1.targetUserIds).toEqual(expect.arrayContaining([await idOf('xena.powell@example.com'), await idOf('yusuf.demir@example.com'), await idOf(dri)]));
    expect(p1.targetUserIds).not.toContain(manager);
  });

  it('PG-4: the busy engineer escalates instead of acknowledging; PG-3: backup pool is manager-only, APAC weekends only', async () => {
    const esc = await (await n.as(dri))('POST', `/api/v1/emergencies/${second.number}/escalate`);
    expect(esc.status, esc.text).toBe(200);
    expect((await n.ticket(second.id)).comments.some((c: any) => c.body.includes('escalated the page instead of acknowledging'))).toBe(true);
    const engineer = await (await n.as(dri))('POST', `/api/v1/emergencies/${second.number}/backup-pool`);
    expect(engineer.status).toBe(403);
    const tara = await (await n.as('tara.brooks@example.com'))('POST', `/api/v1/emergencies/${second.number}/backup-pool`);
    expect([tara.status, tara.body.error.code]).toEqual([400, 'emergency.backup_pool_unavailable']);
  });

  it('SCH-10: at 18:00 New York both open emergencies are offered to the incoming DRI; accept one, name a replacement for the other', async () => {
    // The manager gives the second emergency to the DRI too, so both go off shift with them.
    const u = (await n.admin('GET', `/api/v1/users?q=${dri}`)).body.items[0];
    expect((await n.admin('PATCH', `/api/v1/tickets/${second.id}`, { assigneeId: u.id })).status).toBe(200);
    n.clock.set('2026-11-24T22:31:00Z');
    await n.drain();
    // SCH-10: the outgoing DRI is reminded 30 minutes before, with both emergencies to hand over
    const [reminder] = mailTo(dri, /shift ends at Tue, 18:00/);
    expect(reminder?.parsed.text).toContain(`Emergency ticket #${first.number}`);
    expect(reminder?.parsed.text).toContain(`Emergency ticket #${second.number}`);
    n.clock.set('2026-11-24T23:00:00Z');
    await n.drain();
    const offers = async (num: number) => (await show(num)).thread.filter((p: any) => p.text.startsWith('Shift hand-off:'));
    const [o1, o2] = [await offers(first.number), await offers(second.number)];
    expect(o1).toHaveLength(1);
    expect(o2).toHaveLength(1);
    const incoming = /Shift hand-off: (\S+) is offered/.exec(o1[0].text)![1];
    expect(incoming).not.toBe(dri);
    // SCH-10: the incoming engineer is told they are on, and what the previous shift left open
    const told = mailTo(incoming, /(On call now|Handed over to you): .* — 2 open/);
    expect(told).toHaveLength(1);
    expect(told[0]!.parsed.text).toMatch(new RegExp(`Emergency ticket #${first.number} \\(owner ${dri.replace(/\./g, '\\.')}\\): accept DRI`));
    expect((await show(first.number)).timers.find((t: any) => t.kind === 'handoff-unaccepted').state).toBe('pending');
    const api = await n.as(incoming);
    expect((await api('POST', `/api/v1/emergencies/${first.number}/handoff`, {})).status).toBe(200);
    const r = await api('POST', `/api/v1/emergencies/${second.number}/handoff`, { replacement: 'carmen.diaz@example.com' });
    expect(r.status, r.text).toBe(200);
    n.clock.advance({ minutes: 20 });
    await n.drain();
    const [e1, e2] = [await show(first.number), await show(second.number)];
    expect([e1.ticket.assignee, e2.ticket.assignee]).toEqual([incoming, 'carmen.diaz@example.com']);
    // WF-1: the replacement hears of it through their own contact methods
    expect(mailTo('carmen.diaz@example.com', /mentioned on emergency ticket/).some((m) => m.parsed.text?.includes('named you DRI'))).toBe(true);
    expect([e1, e2].map((e) => e.timers.find((t: any) => t.kind === 'handoff-unaccepted').state)).toEqual(['cancelled', 'cancelled']);
  });
});
