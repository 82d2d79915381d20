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
