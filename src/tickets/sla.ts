// TK-7: service-level clocks. A policy gives first-reply and next-reply targets by priority (and
// optionally form); a clock follows one ticket through the targets it currently owes. The clock is
// a value: the service stores it with the ticket and arms a breach timer at its dueAt.
import { Temporal } from '../kernel/time.ts';
import { invalid } from '../kernel/errors.ts';
import { CALENDAR_24X7, DEMO_CALENDAR_24X5, addBusinessMs, businessMsBetween, type BusinessCalendar } from './business-hours.ts';
import type { TicketPriority, TicketStage, TicketStatus } from './ticket.ts';

export type SlaMetric = 'first_reply' | 'next_reply';
export interface SlaTarget { minutes: number; hours: 'calendar' | 'business' }

export interface SlaPolicy {
  id: string;
  name: string;
  /** Forms this policy applies to; null = every form. The first matching policy wins. */
  forms: string[] | null;
  /** Calendar used by business-hours targets. */
  calendarId: string;
  firstReply: Partial<Record<TicketPriority, SlaTarget>>;
  nextReply: Partial<Record<TicketPriority, SlaTarget>>;
  /** TK-7: emergency tickets owe their next reply sooner, whatever their current priority. */
  emergencyNextReply: SlaTarget | null;
  /** Statuses that pause each metric. */
  pauseOn: Record<SlaMetric, TicketStatus[]>;
  /**
   * 'agent_reply': a public reply fulfils the target and immediately arms the next reply (an
   * update is owed at that rhythm). 'customer_reply': next reply is armed by the customer's
   * next comment (the helpdesk's classic next-reply time).
   */
  nextReplyArmedBy: 'agent_reply' | 'customer_reply';
}

const cal = (minutes: number): SlaTarget => ({ minutes, hours: 'calendar' });
const biz = (minutes: number): SlaTarget => ({ minutes, hours: 'business' });

/**
 * Demo policy (TK-7): urgent 30 min 24x7; high 4 h, normal 8 h, low 24 h on 24x5 hours, for first
 * and next reply alike. Emergency next reply: 30 calendar minutes — the seeds only say it is
 * "shorter"; 30 min matches the urgent first reply and the 15+15 minute silence rhythm of WF-5.
 * Pending/on-hold pause the next reply only: a status change without a public reply does not stop
 * the first-reply clock.
 */
export const DEMO_SLA_POLICY: SlaPolicy = {
  id: 'default', name: 'Priority support', forms: null, calendarId: DEMO_CALENDAR_24X5.id,
  firstReply: { urgent: cal(30), high: biz(240), normal: biz(480), low: biz(1440) },
  nextReply: { urgent: cal(30), high: biz(240), normal: biz(480), low: biz(1440) },
  emergencyNextReply: cal(30),
  pauseOn: { first_reply: [], next_reply: ['pending', 'on_hold'] },
  nextReplyArmedBy: 'agent_reply',
};
export const DEMO_SLA_CALENDARS: BusinessCalendar[] = [DEMO_CALENDAR_24X5, CALENDAR_24X7];

/** What the clock needs to know of a ticket (a snapshot after the change being reported). */
export interface SlaTicket { form: string; priority: TicketPriority; status: TicketStatus; isEmergency: boolean }

export interface SlaConfig { policies: SlaPolicy[]; calendars: BusinessCalendar[] }
export const DEMO_SLA_CONFIG: SlaConfig = { policies: [DEMO_SLA_POLICY], calendars: DEMO_SLA_CALENDARS };

export type SlaClockState = 'none' | 'running' | 'paused' | 'fulfilled' | 'stopped';

export interface SlaClock {
  state: SlaClockState;
  policyId: string | null;
  /** Target currently owed (or last owed, when fulfilled/stopped). */
  metric: SlaMetric | null;
  target: SlaTarget | null;
  armedAt: Temporal.Instant | null;
  /** Time counted before the current running segment, in both measures (pauses excluded). */
  consumedCalendarMs: number;
  consumedBusinessMs: number;
  runningSince: Temporal.Instant | null;
  /** Set only while running. */
  dueAt: Temporal.Instant | null;
}

export const EMPTY_SLA_CLOCK: SlaClock = {
  state: 'none', policyId: null, metric: null, target: null, armedAt: null,
  consumedCalendarMs: 0, consumedBusinessMs: 0, runningSince: null, dueAt: null,
};

export type SlaInput =
  | { type: 'created'; at: Temporal.Instant; ticket: SlaTicket }
  | { type: 'agent_public_reply'; at: Temporal.Instant; ticket: SlaTicket }
  | { type: 'customer_comment'; at: Temporal.Instant; ticket: SlaTicket }
  /** Status, priority, form or emergency flag changed. */
  | { type: 'ticket_changed'; at: Temporal.Instant; ticket: SlaTicket };

export type SlaEvent =
  | { type: 'armed'; metric: SlaMetric; at: Temporal.Instant; dueAt: Temporal.Instant | null }
  | { type: 'fulfilled'; metric: SlaMetric; at: Temporal.Instant; breached: boolean }
  | { type: 'paused' | 'stopped'; metric: SlaMetric; at: Temporal.Instant }
  | { type: 'resumed' | 'retargeted'; metric: SlaMetric; at: Temporal.Instant; dueAt: Temporal.Instant };

export interface SlaStep { clock: SlaClock; events: SlaEvent[] }

export function selectPolicy(policies: readonly SlaPolicy[], ticket: Pick<SlaTicket, 'form'>): SlaPolicy | null {
  return policies.find((p) => p.forms === null || p.forms.includes(ticket.form)) ?? null;
}

export function targetFor(policy: SlaPolicy, metric: SlaMetric, ticket: Pick<SlaTicket, 'priority' | 'isEmergency'>): SlaTarget | null {
  if (metric === 'next_reply' && ticket.isEmergency && policy.emergencyNextReply) return policy.emergencyNextReply;
  return (metric === 'first_reply' ? policy.firstReply : policy.nextReply)[ticket.priority] ?? null;
}

function calendarOf(config: SlaConfig, policy: SlaPolicy): BusinessCalendar {
  const c = config.calendars.find((x) => x.id === policy.calendarId);
  if (!c) throw invalid('sla.unknown_calendar', `SLA policy "${policy.name}" uses calendar "${policy.calendarId}", which is not configured; add it or change the policy.`, { calendarId: policy.calendarId });
  return c;
}

const isClosedStatus = (s: TicketStatus) => s === 'solved' || s === 'closed';
const after = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) >= 0;

function remainingDue(clock: SlaClock, from: Temporal.Instant, calendar: BusinessCalendar): Temporal.Instant {
  const t = clock.target!;
  const owed = t.minutes * 60_000 - (t.hours === 'calendar' ? clock.consumedCalendarMs : clock.consumedBusinessMs);
  // No back-dated breach: a target already used up is due now.
  if (owed <= 0) return from;
  return t.hours === 'calendar' ? from.add({ milliseconds: owed }) : addBusinessMs(from, owed, calendar);
}

function consume(clock: SlaClock, until: Temporal.Instant, calendar: BusinessCalendar): SlaClock {
  if (clock.state !== 'running' || !clock.runningSince) return clock;
  return {
    ...clock,
    consumedCalendarMs: clock.consumedCalendarMs + Math.max(0, until.epochMilliseconds - clock.runningSince.epochMilliseconds),
    consumedBusinessMs: clock.consumedBusinessMs + businessMsBetween(clock.runningSince, until, calendar),
    runningSince: null,
    dueAt: null,
  };
}

function arm(metric: SlaMetric, at: Temporal.Instant, ticket: SlaTicket, config: SlaConfig, events: SlaEvent[]): SlaClock {
  const policy = selectPolicy(config.policies, ticket);
  const target = policy ? targetFor(policy, metric, ticket) : null;
  if (!policy || !target || isClosedStatus(ticket.status)) return { ...EMPTY_SLA_CLOCK, policyId: policy?.id ?? null };
  const base: SlaClock = { ...EMPTY_SLA_CLOCK, policyId: policy.id, metric, target, armedAt: at };
  if (policy.pauseOn[metric].includes(ticket.status)) {
    events.push({ type: 'armed', metric, at, dueAt: null });
    return { ...base, state: 'paused' };
  }
  const running: SlaClock = { ...base, state: 'running', runningSince: at };
  running.dueAt = remainingDue(running, at, calendarOf(config, policy));
  events.push({ type: 'armed', metric, at, dueAt: running.dueAt });
  return running;
}

/** Whether a clock that is owed now (running or paused) has used up its target at `at`. */
function breachedAt(clock: SlaClock, at: Temporal.Instant): boolean {
  if (clock.state === 'running') return clock.dueAt !== null && after(at, clock.dueAt);
  if (clock.state === 'paused' && clock.target) {
    const used = clock.target.hours === 'calendar' ? clock.consumedCalendarMs : clock.consumedBusinessMs;
    return used >= clock.target.minutes * 60_000;
  }
  return false;
}

/** The clock's next state after one input, with the events to record on the timeline. */
export function advanceSla(clock: SlaClock, input: SlaInput, config: SlaConfig): SlaStep {
  const events: SlaEvent[] = [];
  const { at, ticket } = input;
  const policy = clock.policyId ? config.policies.find((p) => p.id === clock.policyId) ?? null : null;
  const owed = clock.state === 'running' || clock.state === 'paused';

  switch (input.type) {
    case 'created':
      return { clock: arm('first_reply', at, ticket, config, events), events };

    case 'agent_public_reply': {
      if (isClosedStatus(ticket.status) && !owed) return { clock, events };
      let next = clock;
      if (owed && policy) {
        const calendar = calendarOf(config, policy);
        events.push({ type: 'fulfilled', metric: clock.metric!, at, breached: breachedAt(clock, at) });
        next = { ...consume(clock, at, calendar), state: 'fulfilled', runningSince: null, dueAt: null };
      }
      const armBy = (selectPolicy(config.policies, ticket) ?? policy)?.nextReplyArmedBy;
      if (armBy === 'agent_reply' && !isClosedStatus(ticket.status)) return { clock: arm('next_reply', at, ticket, config, events), events };
      return { clock: next, events };
    }

    case 'customer_comment':
      // The oldest unanswered customer comment sets the deadline: a running clock keeps it.
      if (owed || isClosedStatus(ticket.status)) return { clock, events };
      return { clock: arm('next_reply', at, ticket, config, events), events };

    case 'ticket_changed': {
      if (isClosedStatus(ticket.status)) {
        if (!owed) return { clock: clock.state === 'none' ? clock : { ...clock, state: 'stopped' }, events };
        const calendar = calendarOf(config, policy!);
        events.push({ type: 'stopped', metric: clock.metric!, at });
        return { clock: { ...consume(clock, at, calendar), state: 'stopped' }, events };
      }
      // Reopened (a customer wrote on a solved ticket): a reply is owed again.
      if (clock.state === 'stopped') return { clock: arm('next_reply', at, ticket, config, events), events };
      if (!owed) return { clock, events };

      const newPolicy = selectPolicy(config.policies, ticket);
      const newTarget = newPolicy ? targetFor(newPolicy, clock.metric!, ticket) : null;
      if (!newPolicy || !newTarget) {
        events.push({ type: 'stopped', metric: clock.metric!, at });
        return { clock: { ...EMPTY_SLA_CLOCK, policyId: newPolicy?.id ?? null }, events };
      }
      const oldCalendar = calendarOf(config, policy!);
      const calendar = calendarOf(config, newPolicy);
      const retarget = newPolicy.id !== clock.policyId || newTarget.minutes !== clock.target!.minutes || newTarget.hours !== clock.target!.hours;
      const shouldPause = newPolicy.pauseOn[clock.metric!].includes(ticket.status);
      let next: SlaClock = { ...consume(clock, at, oldCalendar), policyId: newPolicy.id, target: newTarget };
      if (shouldPause) {
        if (clock.state === 'running') events.push({ type: 'paused', metric: clock.metric!, at });
        return { clock: { ...next, state: 'paused' }, events };
      }
      if (clock.state === 'running' && !retarget) return { clock, events };
      next = { ...next, state: 'running', runningSince: at };
      next.dueAt = remainingDue(next, at, calendar);
      events.push({ type: clock.state === 'paused' ? 'resumed' : 'retargeted', metric: clock.metric!, at, dueAt: next.dueAt });
      return { clock: next, events };
    }
  }
}

export interface SlaStatus {
  metric: SlaMetric | null;
  state: SlaClockState;
  dueAt: Temporal.Instant | null;
  breached: boolean;
  /** Calendar milliseconds until due (negative once breached); null unless running. */
  remainingMs: number | null;
}

/** Where a clock stands at `now` (for badges, views and the breach timer when it fires). */
export function slaStatus(clock: SlaClock, now: Temporal.Instant, config: SlaConfig): SlaStatus {
  const policy = clock.policyId ? config.policies.find((p) => p.id === clock.policyId) : undefined;
  const breached = policy !== undefined && (clock.state === 'running' || clock.state === 'paused') && breachedAt(clock, now);
  return {
    metric: clock.metric, state: clock.state, dueAt: clock.dueAt, breached,
    remainingMs: clock.state === 'running' && clock.dueAt ? clock.dueAt.epochMilliseconds - now.epochMilliseconds : null,
  };
}

/** The ticket stage (TK-1) that mirrors the clock. */
export function stageFor(clock: SlaClock): TicketStage {
  return clock.metric === 'next_reply' ? 'next_reply' : 'first_reply';
}
