// SCH-12: on-call load. An engineer enters the on-call week about 20% under the team's ticket
// baseline (AQC, demo 22); solved emergencies count toward it; the week before, the tickets to
// hand over are listed (high priority, high touch, starred or escalated).
import { Temporal } from '../kernel/time.ts';
import type { EmergencyConfig, Priority, TicketStatus } from '../emergencies/index.ts';

export interface LoadTicket {
  id: string;
  number: number;
  priority: Priority;
  status: TicketStatus;
  starred?: boolean;
  escalated?: boolean;
  highTouch?: boolean;
}

export interface LoadInput {
  engineer: string;
  onCallStartsAt: Temporal.Instant;
  onCallEndsAt: Temporal.Instant;
  assigned: LoadTicket[];
  /** Emergency tickets this engineer solved in the current week. */
  emergenciesSolved: number;
}

export type LoadPhase = 'normal' | 'prepare' | 'on_call' | 'after';

export interface LoadReport {
  phase: LoadPhase;
  baseline: number;
  /** Most tickets to carry into the on-call week (baseline reduced by the configured fraction). */
  target: number;
  /** Open assigned tickets plus solved emergencies when they count toward the baseline. */
  load: number;
  overTarget: number;
  handOver: LoadTicket[];
  keep: LoadTicket[];
}

const OPEN: TicketStatus[] = ['new', 'open', 'pending', 'on-hold'];

export function mustHandOver(t: LoadTicket): boolean {
  return t.priority === 'high' || t.priority === 'urgent' || !!t.starred || !!t.escalated || !!t.highTouch;
}

export function onCallLoad(input: LoadInput, now: Temporal.Instant, config: EmergencyConfig): LoadReport {
  const c = config.load;
  const ms = now.epochMilliseconds;
  const prepareFrom = input.onCallStartsAt.subtract({ hours: 24 * c.prepareDaysBefore }).epochMilliseconds;
  const afterUntil = input.onCallEndsAt.add({ hours: 24 * 7 }).epochMilliseconds;
  const phase: LoadPhase =
    ms < prepareFrom ? 'normal' : ms < input.onCallStartsAt.epochMilliseconds ? 'prepare' : ms < input.onCallEndsAt.epochMilliseconds ? 'on_call' : ms < afterUntil ? 'after' : 'normal';
  const open = input.assigned.filter((t) => OPEN.includes(t.status));
  const target = Math.floor(c.aqcBaseline * (1 - c.underBaselineFraction));
  const load = open.length + (c.emergenciesCountTowardBaseline ? input.emergenciesSolved : 0);
  const handOver = phase === 'prepare' ? open.filter(mustHandOver) : [];
  return {
    phase,
    baseline: c.aqcBaseline,
    target,
    load,
    overTarget: Math.max(0, load - target),
    handOver,
    keep: open.filter((t) => !handOver.includes(t)),
  };
}

/** Shifts closer than this belong to one on-call week (daily windows, weekends off). */
const SAME_WEEK_GAP_MS = 3 * 24 * 3_600_000;

/** The run of shifts (gaps under three days) that holds the first shift not yet over. */
export function onCallWeek(shifts: { start: Temporal.Instant; end: Temporal.Instant }[], now: Temporal.Instant): { start: Temporal.Instant; end: Temporal.Instant } | null {
  const s = [...shifts].sort((a, b) => Temporal.Instant.compare(a.start, b.start));
  const i = s.findIndex((x) => Temporal.Instant.compare(x.end, now) > 0);
  if (i < 0) return null;
  let lo = i;
  while (lo > 0 && s[lo]!.start.epochMilliseconds - s[lo - 1]!.end.epochMilliseconds < SAME_WEEK_GAP_MS) lo--;
  let hi = i;
  while (hi < s.length - 1 && s[hi + 1]!.start.epochMilliseconds - s[hi]!.end.epochMilliseconds < SAME_WEEK_GAP_MS) hi++;
  return { start: s[lo]!.start, end: s[hi]!.end };
}
