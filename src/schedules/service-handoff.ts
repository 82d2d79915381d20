// SCH-10 hand-offs: one job per shift change in the next 48 hours (key
// schedule:<id>:handoff:<iso>) and one reminder for the outgoing engineer before it. Re-armed by a
// daily job and after every schedule change; changes that no longer exist are cancelled. A late
// reminder is pointless and skipped; a late hand-off still fires and says it is late. The incoming
// engineers are told they are on and what is open; the outgoing ones are reminded before.
import { sql } from 'kysely';
import { SYSTEM } from '../kernel/actor.ts';
import { Temporal, isoUtc } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import { cancelJob, enqueue, type RunningJob } from '../engine/jobs.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { DEMO_HANDOFF_REMINDER_MINUTES } from './defaults.ts';
import { findUser } from '../people/index.ts';
import { notifyPeople } from '../notify/index.ts';
import { scheduleChanges } from './group.ts';
import { incomingMessage, reminderMessage } from './handoff-message.ts';
import { loadSchedules } from './store.ts';

export const JOB_HANDOFF = 'schedule.handoff';
export const JOB_HANDOFF_REMINDER = 'schedule.handoff_reminder';
export const JOB_HANDOFF_REARM = 'schedule.handoff_rearm';

/** A shift change as armed: the people by e-mail, `at` ISO-8601 UTC. */
export interface HandoffPayload {
  scheduleId: string;
  at: string;
  incoming: string[];
  outgoing: string[];
  staying: string[];
}

declare module '../engine/job-kind.ts' {
  interface JobPayloads {
    [JOB_HANDOFF]: HandoffPayload;
    [JOB_HANDOFF_REMINDER]: HandoffPayload;
    [JOB_HANDOFF_REARM]: Record<string, never>;
  }
}
export const HANDOFF_HORIZON_HOURS = 48;
export const REARM_KEY = 'schedules:handoff-rearm';

export const handoffKey = (scheduleId: string, at: Temporal.Instant) => `schedule:${scheduleId}:handoff:${isoUtc(at)}`;
export const reminderKey = (scheduleId: string, at: Temporal.Instant) => `schedule:${scheduleId}:handoff-reminder:${isoUtc(at)}`;

export interface ShiftChangeEvent {
  scheduleId: string;
  scheduleName: string;
  at: Temporal.Instant;
  /** E-mails of the people coming on, going off, staying. */
  incoming: string[];
  outgoing: string[];
  staying: string[];
  late: boolean;
  lateByMs: number;
  tx: Tx;
  now: Temporal.Instant;
}

/** Something still open that the people of a shift change must hear about (SCH-10). */
export interface OpenItem {
  text: string;
  /** E-mail of whoever holds it now; a reminder lists only the reader's own items. */
  owner?: string | null;
  /** E-mail of whoever must take it over; told even when they were already on call. */
  to?: string | null;
}

/**
 * SCH-10 events, published inside the hand-off job's transaction. 'shift.changed': subscribers (the
 * emergency workflow) show the incoming engineer every emergency still open from the previous shift
 * (and make them DRI or let them name a replacement); what they answer is listed in the incoming
 * engineer's message. 'handoff.reminder': the outgoing engineer is to be reminded; what subscribers
 * answer is in the reminder.
 */
declare module '../runtime/context.ts' {
  interface Events {
    'shift.changed': ShiftChangeEvent;
    'handoff.reminder': ShiftChangeEvent;
  }
  interface Replies {
    'shift.changed': OpenItem[];
    'handoff.reminder': OpenItem[];
  }
}

/** Arms the hand-off and reminder jobs of the next 48 hours and cancels the ones no longer true. */
export async function armHandoffs(ctx: Ctx, tx: Tx, now = ctx.clock.now()): Promise<{ handoffs: number; reminders: number }> {
  const w = await loadSchedules(tx);
  const until = now.add({ hours: HANDOFF_HORIZON_HOURS });
  const wanted = new Set<string>();
  let handoffs = 0;
  let reminders = 0;
  for (const s of w.schedules) {
    const groups = w.groups.filter((g) => g.schedules.some((x) => x.id === s.id));
    const minutes = groups.length ? Math.max(...groups.map((g) => g.handoffReminderMinutes ?? DEMO_HANDOFF_REMINDER_MINUTES)) : DEMO_HANDOFF_REMINDER_MINUTES;
    for (const c of scheduleChanges(s, now, until, w.edits, minutes)) {
      const payload = { scheduleId: s.id, at: isoUtc(c.at), incoming: c.incoming, outgoing: c.outgoing, staying: c.staying };
      const key = handoffKey(s.id, c.at);
      wanted.add(key);
      await enqueue(tx, now, { kind: JOB_HANDOFF, runAt: c.at, key, payload });
      handoffs++;
      if (c.outgoing.length && c.remindAt.epochMilliseconds > now.epochMilliseconds) {
        const rk = reminderKey(s.id, c.at);
        wanted.add(rk);
        await enqueue(tx, now, { kind: JOB_HANDOFF_REMINDER, runAt: c.remindAt, key: rk, payload });
        reminders++;
      }
    }
  }
  const pending = await tx.db.selectFrom('jobs').select('replace_key').where('status', '=', 'pending').where('replace_key', 'like', sql.lit('schedule:%:handoff%')).execute();
  for (const p of pending) if (p.replace_key && !wanted.has(p.replace_key)) await cancelJob(tx, now, p.replace_key);
  const nextDay = now.add({ hours: 24 });
  await enqueue(tx, now, { kind: JOB_HANDOFF_REARM, runAt: nextDay, key: REARM_KEY, payload: {} });
  return { handoffs, reminders };
}

async function collect(ctx: Ctx, name: 'shift.changed' | 'handoff.reminder', e: ShiftChangeEvent): Promise<OpenItem[]> {
  return (await ctx.events.publish(e.tx, name, e)).flat();
}

async function tellIncoming(tx: Tx, e: ShiftChangeEvent, open: OpenItem[]): Promise<void> {
  const readers = new Set([...e.incoming, ...open.flatMap((o) => (o.to ? [o.to] : []))]);
  for (const email of readers) {
    const u = await findUser(tx, { email });
    if (!u) continue;
    const mine = open.filter((o) => !o.to || o.to === email).map((o) => o.text);
    const m = incomingMessage({ scheduleName: e.scheduleName, at: e.at, readerZone: u.timeZone, open: mine, late: e.late, outgoing: e.outgoing, alreadyOn: !e.incoming.includes(email) });
    await notifyPeople(tx, e.now, [u.id], { key: `${handoffKey(e.scheduleId, e.at)}:incoming`, ...m });
  }
}

async function remindOutgoing(tx: Tx, e: ShiftChangeEvent, open: OpenItem[]): Promise<void> {
  for (const email of e.outgoing) {
    const u = await findUser(tx, { email });
    if (!u) continue;
    const mine = open.filter((o) => !o.owner || o.owner === email).map((o) => o.text);
    const m = reminderMessage({ scheduleName: e.scheduleName, at: e.at, readerZone: u.timeZone, open: mine, incoming: e.incoming });
    // after the hand-off the reminder is noise: it expires then, even if its job runs late
    await notifyPeople(tx, e.now, [u.id], { key: reminderKey(e.scheduleId, e.at), ...m, expiresAt: e.at });
  }
}

async function event(tx: Tx, job: RunningJob<HandoffPayload>, now: Temporal.Instant): Promise<ShiftChangeEvent> {
  const p = job.payload;
  const w = await loadSchedules(tx);
  return { scheduleId: p.scheduleId, scheduleName: w.schedules.find((s) => s.id === p.scheduleId)?.name ?? p.scheduleId, at: Temporal.Instant.from(p.at), incoming: p.incoming, outgoing: p.outgoing, staying: p.staying ?? [], late: job.late, lateByMs: job.lateByMs, tx, now };
}

export function registerHandoffJobs(ctx: Ctx): void {
  ctx.jobs.register(JOB_HANDOFF, {
    whenLate: 'fire', // the incoming engineer must still see what is open, even after downtime
    mode: 'transactional',
    handler: async (job, { tx, now }) => {
      const e = await event(tx, job, now);
      await recordTimeline(tx, now, SYSTEM, { subjectType: 'schedule', subjectId: e.scheduleId, action: 'schedule.handoff', detail: { at: isoUtc(e.at), incoming: e.incoming, outgoing: e.outgoing, staying: e.staying, late: e.late, ...(e.late ? { lateByMinutes: Math.round(e.lateByMs / 60_000) } : {}) } });
      const open = await collect(ctx, 'shift.changed', e);
      await tellIncoming(tx, e, open);
    },
  });
  ctx.jobs.register(JOB_HANDOFF_REMINDER, {
    whenLate: 'skip', // a reminder after the hand-off has happened is noise
    mode: 'transactional',
    handler: async (job, { tx, now }) => {
      const e = await event(tx, job, now);
      await recordTimeline(tx, now, SYSTEM, { subjectType: 'schedule', subjectId: e.scheduleId, action: 'schedule.handoff_reminder', detail: { at: isoUtc(e.at), outgoing: e.outgoing, incoming: e.incoming } });
      const open = await collect(ctx, 'handoff.reminder', e);
      await remindOutgoing(tx, e, open);
    },
  });
  ctx.jobs.register(JOB_HANDOFF_REARM, {
    whenLate: 'fire',
    mode: 'transactional',
    handler: async (_job, { tx, now }) => {
      await armHandoffs(ctx, tx, now);
    },
  });
}
