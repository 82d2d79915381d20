// `hotline demo replay` as an operator runs it: a real process on a fresh data directory replays
// an on-call day (a Tuesday) on the demo workspace, then a node opened on the same directory shows
// what the day left behind — the states, the follow-up ticket, the silent customer's HIGH ticket,
// the shift hand-off on a thread and the incident.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type Hotline } from '../../src/main/server.ts';
import { hotline } from '../support/cli.ts';
import { http } from '../support/server.ts';

const DAY = '2026-11-17'; // a Tuesday: weekday paths (WF-12 licensing team, WF-14 paged at 05:00 PT)
const TOKEN = 'hl_test_replay_admin_token_0123456789ab';

describe('hotline demo replay', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-replay-'));
  let run: Awaited<ReturnType<typeof hotline>>;
  let summary: any;
  beforeAll(async () => {
    run = await hotline(['demo', 'replay', '--day', DAY, '--data', dir, '--json'], { HOTLINE_DATABASE_URL: '' });
    summary = run.code === 0 ? JSON.parse(run.stdout) : null;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays the day: 18 emergencies, 3 not paged, WF-5 follow-up and bridge close, a hand-off, an incident, nothing late', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(summary).toMatchObject({ day: DAY, emergencies: 18, notPaged: 3, bridgesClosed: 1, followUpTickets: 4, incidents: 1, lateTimers: 0, lateJobs: 0 });
    expect(summary.byState).toMatchObject({ not_paged: 3 });
    expect(summary.byState.resolved).toBeGreaterThanOrEqual(10);
    expect(summary.silenceFollowUps).toBeGreaterThanOrEqual(1);
    expect(summary.handoffs).toBeGreaterThanOrEqual(1);
    expect(summary.timersFired).toBeGreaterThanOrEqual(summary.silenceFollowUps + summary.bridgesClosed);
    expect(summary.pages).toBeGreaterThan(5);
    expect(summary.seconds).toBeLessThan(60);
  });

  it('SM-1..SM-4, SM-9, SM-10: the summary counts the manager\'s day: two escalations, a redirect, two cover requests, one build-up', () => {
    expect(summary).toMatchObject({ escalations: { resolved: 1, rejected: 1, open: 0 }, redirects: 1, coverRequests: { accepted: 1, open: 1 }, firstResponseAlerts: 1 });
    expect(run.stdout).toBe(run.stdout.trim() + '\n'); // --json prints the summary only
  });

  it('refuses a second replay of the same day (exit 5), says how to force it; bad --day is a usage error', async () => {
    const again = await hotline(['demo', 'replay', '--day', DAY, '--data', dir], { HOTLINE_DATABASE_URL: '' });
    expect(again.code).toBe(5);
    expect(again.stderr).toMatch(/already holds a replay of 2026-11-17.*--force/s);
    const bad = await hotline(['demo', 'replay', '--day', '2026-02-30', '--data', dir]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('not a calendar date')]);
    const future = await hotline(['demo', 'replay', '--day', '2999-01-01', '--data', dir]);
    expect([future.code, future.stderr]).toEqual([2, expect.stringContaining('replay a past day')]);
  });

  it('a store that cannot be opened is refused with a clear message (exit 6)', async () => {
    const r = await hotline(['demo', 'replay', '--day', DAY, '--database-url', 'postgres://nobody@127.0.0.1:1/none']);
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('cannot open the database');
  });

  it('--help explains what it does and where to look', async () => {
    const r = await hotline(['demo', 'replay', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--day[\s\S]*--force[\s\S]*--json[\s\S]*npm start -- --demo/);
  });

  describe('the results are there to browse', () => {
    let h: Hotline;
    let api: ReturnType<typeof http>;
    let board: { ticketId: string; ticketNumber: number; subject: string }[];
    beforeAll(async () => {
      h = await startHotline({ dataDir: dir, port: 0, runJobs: false, logLevel: 'silent', admin: { email: 'admin@example.com', token: TOKEN } });
      api = http(h.url, { token: TOKEN });
      board = (await api('GET', '/api/v1/emergencies?all=true')).body.items;
    }, 60_000);
    afterAll(() => h?.close());
    const emergency = async (subject: string) => {
      const item = board.find((x) => x.subject === subject);
      expect(item, subject).toBeDefined();
      return (await api('GET', `/api/v1/emergencies/${item!.ticketNumber}`)).body;
    };
    const ticket = async (id: string) => (await api('GET', `/api/v1/tickets/${id}`)).body;

    it('WF-1/WF-9: the entitled customer\'s emergency is resolved with a follow-up ticket linked to it', async () => {
      const e = await emergency('Git pushes fail with 500 on all repositories');
      expect([e.state, e.qualification, e.ticket.status]).toEqual(['resolved', 'strict', 'solved']);
      const follow = e.records.find((r: any) => r.kind === 'follow_up');
      expect(follow).toBeDefined();
      const search = await api('GET', `/api/v1/tickets?q=${encodeURIComponent('"alerting on Gitaly disk space"')}`);
      expect(search.body.items).toHaveLength(1);
      expect([search.body.items[0].isEmergency, search.body.items[0].priority]).toEqual([false, 'normal']);
      expect((await ticket(e.ticketId)).links.length).toBeGreaterThan(0);
    });

    it('WF-5: the silent customer got the follow-up, then the bridge closed and the ticket went to HIGH', async () => {
      const e = await emergency('Web UI returns 502 for all users');
      const t = await ticket(e.ticketId);
      expect(t.ticket.priority).toBe('high');
      expect(t.comments.some((c: any) => c.isPublic && c.body.includes('We have not heard back from you yet'))).toBe(true);
      expect(e.thread.some((p: any) => p.text.includes('bridge closed'))).toBe(true);
      const answered = await emergency('Merge requests time out for every project');
      expect((await ticket(answered.ticketId)).comments.some((c: any) => c.body.includes('We have not heard back'))).toBe(false);
    });

    it('SCH-10: the 18:00 hand-off is on the thread and the incoming engineer became DRI', async () => {
      const e = await emergency('Geo replication stopped');
      const offer = e.thread.find((p: any) => p.text.startsWith('Shift hand-off:'));
      expect(offer?.text).toMatch(/is offered emergency ticket \d+ from \S+@example\.com/);
      const incoming = /Shift hand-off: (\S+) is offered/.exec(offer.text)![1];
      expect(e.thread.some((p: any) => p.text.startsWith(`${incoming} is now DRI`))).toBe(true);
      expect(e.ticket.assignee).toBe(incoming);
      expect(e.state).toBe('resolved');
    });

    const notified = async (email: string, subject: string) => {
      const user = (await api('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items[0];
      const jobs = await h.ctx.db.kysely.selectFrom('jobs').select('payload').where('kind', '=', 'notify.person').execute();
      return jobs.map((j) => JSON.parse(String(j.payload))).filter((p) => p.userId === user.id && String(p.subject).includes(subject));
    };

    it('SM-1..SM-3: the licensing escalation was announced naming the manager on call, tagged, given an owner from the skills directory and resolved with License-Issue', async () => {
      const items = (await api('GET', '/api/v1/escalations?state=resolved')).body.items;
      expect(items).toHaveLength(1);
      const e = (await api('GET', `/api/v1/escalations/${items[0].number}`)).body;
      expect(e).toMatchObject({ state: 'resolved', labels: ['License-Issue'], initiator: { email: 'greta.muller@example.com' }, ticket: { subject: 'Renewed licence seats not applied' } });
      expect(e.thread[0]).toMatchObject({ channel: '#support_escalations', kind: 'mention', mentions: [e.manager.email] });
      expect(e.thread[0].text).toContain(e.manager.name);
      const managers = (await api('GET', '/api/v1/users?role=manager')).body.items.map((u: any) => u.email);
      expect(managers).toContain(e.manager.email);
      expect(['lena.fox@example.com', 'bella.cruz@example.com', 'mei.chen@example.com', 'hamid.rahimi@example.com']).toContain(e.owner.email); // the directory's licensing people
      expect(e.timeline.map((x: any) => x.action)).toEqual(expect.arrayContaining(['escalation.filed', 'escalation.acknowledged', 'escalation.macro_applied', 'escalation.assigned', 'escalation.resolved']));
      const t = await ticket(e.ticket.id);
      expect(t.ticket.tags).toContain('escalated');
      expect(t.ticket.assigneeId).toBe(e.owner.id); // the owner has the ticket too
      expect(t.comments.some((c: any) => !c.isPublic && c.body.includes(`#${e.number}`))).toBe(true);
    });

    it('SM-4, SM-3: the escalation asked for in the emergency thread got the anonymous standard reply; the one filed was rejected and its initiator told why', async () => {
      const geo = await emergency('Geo replication stopped');
      const ask = geo.thread.findIndex((p: any) => p.kind === 'note' && p.text.startsWith('Can we escalate this to a manager?'));
      expect(ask).toBeGreaterThanOrEqual(0);
      const reply = geo.thread.slice(ask + 1).find((p: any) => p.text.includes('/escalations/new'));
      expect(reply).toMatchObject({ author: null, kind: 'notice', channel: geo.thread[ask].channel });
      expect(reply.text).toContain('#support_escalations');
      expect(reply.text).not.toMatch(/bella|bruno/i);
      const items = (await api('GET', '/api/v1/escalations?state=rejected')).body.items;
      expect(items).toHaveLength(1);
      const e = (await api('GET', `/api/v1/escalations/${items[0].number}`)).body;
      expect(e).toMatchObject({ state: 'rejected', initiator: { email: 'bella.cruz@example.com' }, ticket: { number: geo.ticket.number } });
      expect(e.reason).toMatch(/already on the bridge/);
      expect(e.thread.some((p: any) => p.kind === 'mention' && p.mentions.includes('bella.cruz@example.com') && p.text.includes(e.reason))).toBe(true);
      const told = await notified('bella.cruz@example.com', `Escalation #${e.number} was rejected`);
      expect(told).toHaveLength(1);
      expect(told[0].text).toContain(e.reason);
    });

    it('SM-9: one cover request accepted (an override on the support-manager schedule), one open request waiting on the On call page', async () => {
      const all = (await api('GET', '/api/v1/cover-requests')).body.items;
      const accepted = all.filter((c: any) => c.state === 'accepted');
      expect(accepted).toHaveLength(1);
      expect(accepted[0].overrideId).toBeTruthy();
      const overrides = (await api('GET', `/api/v1/schedule-overrides?schedule=${accepted[0].schedule}`)).body.items;
      expect(overrides.map((o: any) => o.id)).toContain(accepted[0].overrideId);
      const open = (await api('GET', '/api/v1/cover-requests?state=open')).body.items;
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ asked: null, open: true });
      expect(open[0].requester.email).not.toBe(accepted[0].requester.email);
      expect((await notified(accepted[0].requester.email, '')).some((p) => String(p.text).includes(`#${accepted[0].number}`) && /accepted/.test(p.text))).toBe(true);
    });

    it('SM-10: the EMEA queue built up once: exactly one alert, to the manager on call and the team channel, then it cleared', async () => {
      const alerts = await h.ctx.db.kysely.selectFrom('timeline').select(['subject_id', 'detail']).where('action', '=', 'first_response.build_up').execute();
      expect(alerts).toHaveLength(1);
      const d = JSON.parse(String(alerts[0].detail));
      expect(d).toMatchObject({ region: 'EMEA', channel: '#support_team-chat', threshold: 3 });
      expect(d.count).toBeGreaterThanOrEqual(3);
      expect(d.manager).toMatch(/@example\.com$/);
      expect(await notified(d.manager, 'EMEA:')).toHaveLength(1);
      const watch = (await api('GET', '/api/v1/escalations/first-response')).body.regions.find((r: any) => r.region === 'EMEA');
      expect(watch).toMatchObject({ building: false });
      expect(watch.toldAt).toBeTruthy();
    });

    it('ENT-3, WF-4, WF-6, WF-10, WF-14: not paged, downgraded, manager routing, the incident, US-gov paged at 05:00 PT', async () => {
      expect((await emergency('CI minutes ran out')).state).toBe('not_paged');
      expect((await emergency('Backups failing')).state).toBe('not_paged');
      const down = await emergency('CI is unbearably slow');
      expect([down.qualification, down.ticket.status]).toEqual(['not_emergency', 'closed']);
      const conc = await emergency('Container registry refuses pushes');
      const managers = (await api('GET', '/api/v1/users?role=manager')).body.items.map((u: any) => u.id);
      expect(managers).toContain((await api('GET', `/api/v1/pages/${conc.pages[0].id}`)).body.page?.targetUserIds?.[0] ?? managers[0]);
      const fed = await emergency('Runner fleet offline');
      expect(fed.ticket.tags).toContain('usgov_off_hours_emergency');
      expect(fed.pages).toHaveLength(1);
      const incidents = (await api('GET', '/api/v1/incidents')).body.items;
      expect(incidents).toHaveLength(1);
      const inc = (await api('GET', `/api/v1/incidents/${incidents[0].number}`)).body;
      expect(inc.counts).toMatchObject({ related: 3, responded: 3 });
    });
  });
});
