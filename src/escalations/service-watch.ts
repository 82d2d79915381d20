// SM-10: the first-response watch, a recurring job (one pending run, replace key; each run arms
// the next). It reads the tickets still owed a first reply within the margin of their target,
// lets the rules count them per region and decide, and on a new build-up tells the manager on call
// (a notification) and the region's team channel (a thread post), once: the build-up is remembered
// in the database, so the next run, a restart or a second node does not tell it again.
import { SYSTEM } from '../kernel/actor.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { addThreadEntry, queueMirror } from '../conversations/index.ts';
import { enqueue } from '../engine/jobs.ts';
import { notifyPeople } from '../notify/index.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { ticketsAwaitingFirstReply } from '../tickets/index.ts';
import { buildUpText, countByRegion, watchStep } from './first-response.ts';
import { managerOnCallAt, settingsOf } from './service-load.ts';
import { lockWatchStates, readEscalationSettings, readWatchStates, saveWatchState } from './store.ts';

export const FIRST_RESPONSE_WATCH_JOB = 'escalations.first-response-watch';
const WATCH_KEY = 'escalations:first-response-watch';
declare module '../engine/job-kind.ts' {
  interface JobPayloads {
    /** SM-10: look at the tickets without a first reply near their target; arms the next look. */
    [FIRST_RESPONSE_WATCH_JOB]: Record<string, never>;
  }
}

export interface RegionWatch { region: string; count: number; threshold: number; channel: string; building: boolean; toldAt: string | null; tickets: { number: number; dueAt: string }[] }

/** (Re-)arms the watch: one pending run at `at`, whoever arms it. */
export async function armFirstResponseWatch(tx: Tx, now: Temporal.Instant, at = now): Promise<void> {
  await enqueue(tx, now, { kind: FIRST_RESPONSE_WATCH_JOB, runAt: at, key: WATCH_KEY, payload: {} });
}

/**
 * SM-10 at node start: a workspace that set up escalations has its watch scheduled, even when the
 * chain of runs was broken (a run failed for good while the database was away, or the store was
 * set up before the watch existed). A run already pending or under way is left alone.
 */
export async function ensureFirstResponseWatch(tx: Tx, now: Temporal.Instant): Promise<boolean> {
  if (!(await readEscalationSettings(tx))) return false;
  const live = await tx.db.selectFrom('jobs').select('id').where('kind', '=', FIRST_RESPONSE_WATCH_JOB).where('status', 'in', ['pending', 'running']).executeTakeFirst();
  if (live) return false;
  await armFirstResponseWatch(tx, now);
  return true;
}

async function counts(tx: Tx, now: Temporal.Instant) {
  const s = (await settingsOf(tx)).firstResponse;
  const tickets = await ticketsAwaitingFirstReply(tx, now.add({ minutes: s.marginMinutes }));
  return { s, byRegion: countByRegion(tickets, s.regions) };
}

/** SM-10: one look. Returns what each region stands at after it (the regions told are `toldAt === now`). */
export async function runFirstResponseWatch(ctx: Ctx, tx: Tx, now: Temporal.Instant): Promise<RegionWatch[]> {
  const { s, byRegion } = await counts(tx, now);
  const states = await lockWatchStates(tx, Object.keys(s.regions), now);
  const out: RegionWatch[] = [];
  for (const [region, cfg] of Object.entries(s.regions)) {
    const tickets = byRegion[region];
    const before = states.get(region)!;
    const step = watchStep(before.building, tickets.length, cfg.threshold);
    const toldAt = step.tell ? isoUtc(now) : before.toldAt;
    if (step.building !== before.building || tickets.length !== before.count || step.tell) await saveWatchState(tx, { region, building: step.building, count: tickets.length, toldAt }, now);
    if (step.tell) {
      const manager = await managerOnCallAt(ctx, tx, now);
      const text = buildUpText({ region, count: tickets.length, marginMinutes: s.marginMinutes, tickets, manager: manager?.name ?? null, now: isoUtc(now) });
      // each build-up its own thread: in chat a new build-up is a new message in the channel, not a
      // reply under the last one where nobody would see it
      await addThreadEntry(tx, `first-response:${region}:${isoUtc(now)}`, { ticketId: null, channel: cfg.channel, kind: manager ? 'mention' : 'channel', author: null, text, mentions: manager ? [manager.email] : [], late: false }, now);
      await queueMirror(ctx, tx, null, now);
      if (manager) await notifyPeople(tx, now, [manager.id], { key: `first-response:${region}:${isoUtc(now)}`, subject: `[Hotline] ${region}: ${tickets.length} new tickets near their first-reply target`, text, threadKey: `first-response:${region}` });
      await recordTimeline(tx, now, SYSTEM, { subjectType: 'first_response_watch', subjectId: region, action: 'first_response.build_up', detail: { region, count: tickets.length, threshold: cfg.threshold, channel: cfg.channel, manager: manager?.email ?? null, tickets: tickets.map((t) => t.number) } });
      announce(ctx, tx, { type: 'first_response.build_up', id: region });
    } else if (before.building && !step.building) {
      await recordTimeline(tx, now, SYSTEM, { subjectType: 'first_response_watch', subjectId: region, action: 'first_response.cleared', detail: { region, count: tickets.length, threshold: cfg.threshold } });
    }
    out.push({ region, count: tickets.length, threshold: cfg.threshold, channel: cfg.channel, building: step.building, toldAt, tickets });
  }
  return out;
}

/** SM-10: where each region stands now (read only: counts as the next look would see them). */
export async function firstResponseStatus(ctx: Ctx): Promise<{ marginMinutes: number; regions: RegionWatch[] }> {
  return withTx(ctx, undefined, async (tx) => {
    const now = ctx.clock.now();
    const { s, byRegion } = await counts(tx, now);
    const states = await readWatchStates(tx);
    return {
      marginMinutes: s.marginMinutes,
      regions: Object.entries(s.regions).map(([region, cfg]) => {
        const st = states.get(region);
        return { region, count: byRegion[region].length, threshold: cfg.threshold, channel: cfg.channel, building: st?.building ?? false, toldAt: st?.toldAt ?? null, tickets: byRegion[region] };
      }),
    };
  });
}

export function registerWatchJobs(ctx: Ctx): void {
  ctx.jobs.register(FIRST_RESPONSE_WATCH_JOB, {
    // a late look is still a look at the present; it arms the next one either way
    whenLate: 'fire',
    mode: 'transactional',
    handler: async (_job, { tx, now }) => {
      await runFirstResponseWatch(ctx, tx, now);
      await armFirstResponseWatch(tx, now, now.add({ minutes: (await settingsOf(tx)).firstResponse.everyMinutes }));
    },
  });
}
