// `hotline demo replay`: play a past on-call day on the demo workspace at the speed of the
// machine, then leave everything in the store to browse with `hotline start --demo`.
import { Temporal } from 'temporal-polyfill';
import { dayEnd, dayStart } from './day.ts';
import { playDay } from './replay-day.ts';
import { expectOk, Stage } from './replay-node.ts';

export interface ReplayOptions { day: Temporal.PlainDate; databaseUrl?: string; dataDir?: string; force: boolean; log: (line: string) => void }

export interface ReplaySummary {
  day: string;
  from: string;
  to: string;
  emergencies: number;
  byState: Record<string, number>;
  notPaged: number;
  pages: number;
  silenceFollowUps: number;
  bridgesClosed: number;
  followUpTickets: number;
  handoffs: number;
  incidents: number;
  /** SM-1..SM-4, SM-9, SM-10: the support manager's day, read back from the store. */
  escalations: { resolved: number; rejected: number; open: number };
  redirects: number;
  coverRequests: Record<string, number>;
  firstResponseAlerts: number;
  timersFired: number;
  timersCancelled: number;
  jobsRun: number;
  lateTimers: number;
  lateJobs: number;
  seconds: number;
}

export async function runReplay(o: ReplayOptions): Promise<ReplaySummary> {
  const began = performance.now();
  const s = await Stage.open({ databaseUrl: o.databaseUrl, dataDir: o.dataDir, start: dayStart(o.day), day: o.day.toString(), force: o.force, log: o.log });
  try {
    const played = await playDay(s, o.day);
    const summary = await summarise(s, o.day, played.incidents, began);
    await s.finish({ ...summary });
    return summary;
  } finally {
    await s.close();
  }
}

async function summarise(s: Stage, day: Temporal.PlainDate, incidents: number, began: number): Promise<ReplaySummary> {
  const byState: Record<string, number> = {};
  let pages = 0, notPaged = 0, follow = 0, bridge = 0, followUps = 0, fired = 0, cancelled = 0, lateFired = 0;
  for (const num of s.emergencies.keys()) {
    const e = await s.show(num);
    byState[e.state] = (byState[e.state] ?? 0) + 1;
    if (e.state === 'not_paged') notPaged++;
    pages += e.pages.length;
    for (const t of e.timers as { state: string }[]) if (t.state === 'cancelled') cancelled++;
    // a timer re-armed by a later reply reuses its row, so what fired is read from the audit trail
    const trail = await s.h.ctx.db.kysely.selectFrom('timeline').select(['action', 'detail'])
      .where('subject_type', '=', 'emergency').where('subject_id', '=', e.id).where('action', 'like', 'emergency.timer.%').execute();
    for (const x of trail) {
      fired++;
      if ((JSON.parse(String(x.detail)) as { late?: boolean }).late) lateFired++;
      if (x.action === 'emergency.timer.silence-followup') follow++;
      if (x.action === 'emergency.timer.silence-bridge-close') bridge++;
    }
    followUps += (e.records as { kind: string }[]).filter((r) => r.kind === 'follow_up').length;
  }
  const manager = await managerDay(s, day);
  return {
    day: day.toString(), from: dayStart(day).toString(), to: dayEnd(day).toString(),
    emergencies: s.emergencies.size, byState, notPaged, pages, silenceFollowUps: follow, bridgesClosed: bridge, followUpTickets: followUps,
    handoffs: s.counts.handoffsAccepted, incidents, ...manager, timersFired: fired, timersCancelled: cancelled,
    jobsRun: s.counts.jobsRun, lateTimers: lateFired, lateJobs: s.h.ctx.jobs.stats.late, seconds: Math.round((performance.now() - began) / 100) / 10,
  };
}

/** The escalations, redirect replies, cover requests and first-response alerts of the day. */
async function managerDay(s: Stage, day: Temporal.PlainDate) {
  const from = dayStart(day).toString(), to = dayEnd(day).toString();
  const filed = expectOk(await s.admin('GET', `/api/v1/escalations?from=${from}&to=${to}&limit=100`), 'escalations').items as { state: string }[];
  const escalations = { resolved: 0, rejected: 0, open: 0 };
  for (const e of filed) escalations[e.state === 'resolved' || e.state === 'rejected' ? e.state : 'open']++;
  const coverRequests: Record<string, number> = {};
  for (const c of expectOk(await s.admin('GET', '/api/v1/cover-requests'), 'cover requests').items as { state: string; createdAt: string }[]) {
    if (c.createdAt >= from && c.createdAt < to) coverRequests[c.state] = (coverRequests[c.state] ?? 0) + 1;
  }
  const count = async (action: string) => Number((await s.h.ctx.db.kysely.selectFrom('timeline').select((eb) => eb.fn.countAll().as('n'))
    .where('action', '=', action).where('at', '>=', from).where('at', '<', to).executeTakeFirst())?.n ?? 0);
  return { escalations, redirects: await count('escalation.redirected'), coverRequests, firstResponseAlerts: await count('first_response.build_up') };
}
