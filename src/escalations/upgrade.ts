// SM-8: upgrade-assistance requests. A customer asks for an engineer's help with an upgrade at a
// given time, for a given duration, with a scope. The request is flagged for the support manager
// when the session falls outside the support hours (a TK-7 business-hours calendar) or gives less
// notice than the workspace asks; the manager reassigns it or proposes a new time, and the
// requester reads either in their ticket.
// Pure: no I/O, no clock ("now" and the calendar's open time are handed in).
import { invalid } from '../kernel/errors.ts';
import { Temporal } from '../kernel/time.ts';
import { businessMsBetween, type BusinessCalendar } from '../tickets/index.ts';

export interface UpgradeSettings {
  /** Hours of notice a request must give; less is flagged. */
  minNoticeHours: number;
  /** The business-hours calendar (sla.calendars id) that says when support works; null = the SLA policy's. */
  supportHours: string | null;
}

/** One week: the notice the scheduling page asks of customers planning an upgrade with support. */
export const DEFAULT_UPGRADE_SETTINGS: UpgradeSettings = { minNoticeHours: 168, supportHours: null };

export const MIN_DURATION_MINUTES = 15;
/** A session longer than a working day is a project, not a session. */
export const MAX_DURATION_MINUTES = 12 * 60;
/** Further ahead than this is almost certainly a typo in the year. */
const MAX_AHEAD_DAYS = 366;

export type UpgradeFlagCode = 'outside_hours' | 'short_notice';
export interface UpgradeFlag { code: UpgradeFlagCode; reason: string }

/** A requested start as written: an instant, and the zone to speak to the requester in. */
export interface RequestedStart { at: Temporal.Instant; zone: string }

/**
 * SM-8: "ISO with zone": `2026-12-10T09:00:00-08:00[America/Los_Angeles]`, `…-08:00` or `…Z`.
 * A time without a zone or offset is refused: "09:00" is a different instant for every reader.
 */
export function parseRequestedStart(v: string, field = 'start'): RequestedStart {
  const s = v.trim();
  try {
    if (s.includes('[')) {
      const z = Temporal.ZonedDateTime.from(s, { offset: 'reject' });
      return { at: z.toInstant(), zone: z.timeZoneId };
    }
    const at = Temporal.Instant.from(s);
    const offset = /(Z|[+-]\d{2}:?\d{2})$/i.exec(s)?.[1] ?? 'Z';
    return { at, zone: /^z$/i.test(offset) ? 'UTC' : offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset };
  } catch {
    throw invalid('upgrade.bad_start', `${field}: "${v}" is not a date and time with a zone; write ISO-8601 such as 2026-12-10T09:00:00-08:00 or 2026-12-10T09:00:00-08:00[America/Los_Angeles].`, { field, value: v });
  }
}

/** SM-8: a request is for the future, not absurdly far, and lasts a sensible whole number of minutes. */
export function checkUpgradeTiming(start: Temporal.Instant, durationMinutes: number, now: Temporal.Instant, field = 'start'): void {
  if (!Number.isInteger(durationMinutes) || durationMinutes < MIN_DURATION_MINUTES || durationMinutes > MAX_DURATION_MINUTES) {
    throw invalid('upgrade.bad_duration', `durationMinutes: ${durationMinutes} is not a session length; give whole minutes from ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES} (${MAX_DURATION_MINUTES / 60} hours).`, { field: 'durationMinutes', value: durationMinutes });
  }
  if (Temporal.Instant.compare(start, now) <= 0) throw invalid('upgrade.start_past', `${field}: ${start.toString()} is already past; choose a time from now on.`, { field, start: start.toString(), now: now.toString() });
  if (start.epochMilliseconds - now.epochMilliseconds > MAX_AHEAD_DAYS * 86_400_000) throw invalid('upgrade.bad_start', `${field}: ${start.toString()} is more than a year ahead; check the year.`, { field, start: start.toString() });
}

export function checkScope(scope: string): string {
  const s = scope.trim();
  if (!s) throw invalid('upgrade.scope_required', 'scope: say what is upgraded (versions, nodes, topology) so the right engineer prepares.', { field: 'scope' });
  return s;
}

/** "Tue 10 Dec 2026, 09:00 (America/Los_Angeles)": how the requester and the manager read a time. */
export function wallClock(at: Temporal.Instant, zone: string): string {
  const z = at.toZonedDateTimeISO(zone);
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][z.dayOfWeek - 1];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][z.month - 1];
  const hhmm = `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
  return `${day} ${z.day} ${month} ${z.year}, ${hhmm} (${zone})`;
}

export const durationText = (m: number): string => (m % 60 ? `${Math.floor(m / 60) ? `${Math.floor(m / 60)} h ` : ''}${m % 60} min` : `${m / 60} h`);

/**
 * SM-8: why the manager should look at this request. Outside hours: any part of the session falls
 * outside the calendar's open time (a session running past closing needs someone to stay on).
 * Short notice: it starts sooner than the threshold from the moment it was asked.
 */
export function upgradeFlags(start: Temporal.Instant, durationMinutes: number, now: Temporal.Instant, settings: UpgradeSettings, calendar: BusinessCalendar): UpgradeFlag[] {
  const flags: UpgradeFlag[] = [];
  const end = start.add({ minutes: durationMinutes });
  const open = businessMsBetween(start, end, calendar);
  if (open < durationMinutes * 60_000) {
    const what = open === 0 ? 'falls outside' : 'runs partly outside';
    flags.push({ code: 'outside_hours', reason: `The session ${what} the support hours (${calendar.name ?? calendar.id}).` });
  }
  const noticeHours = (start.epochMilliseconds - now.epochMilliseconds) / 3_600_000;
  if (noticeHours < settings.minNoticeHours) {
    flags.push({ code: 'short_notice', reason: `Only ${noticeHours < 1 ? `${Math.max(0, Math.round(noticeHours * 60))} minutes` : `${Math.floor(noticeHours)} hours`} of notice; the threshold is ${settings.minNoticeHours} hours.` });
  }
  return flags;
}

export interface UpgradeWords { number: number; ticketNumber: number; scope: string; start: string; duration: string; requester: string; organisation: string | null; url: string }

/** SM-8: what the manager on call is told of a flagged request. */
export function flaggedText(w: UpgradeWords, flags: UpgradeFlag[]): string {
  return [
    `Upgrade-assistance request #${w.number} (ticket #${w.ticketNumber}) from ${w.requester}${w.organisation ? ` (${w.organisation})` : ''} needs a manager:`,
    ...flags.map((f) => `- ${f.reason}`),
    `Requested: ${w.start}, ${w.duration}. Scope: ${w.scope}`,
    `Reassign it to an engineer or propose a new time: ${w.url}`,
  ].join('\n');
}

/** The ticket's description: what the customer asked for, in their own time. */
export function requestDescription(w: Pick<UpgradeWords, 'scope' | 'start' | 'duration'>, note: string): string {
  return [`Upgrade assistance requested for ${w.start}, ${w.duration}.`, '', `Scope: ${w.scope}`, ...(note ? ['', note] : [])].join('\n');
}

/** SM-8: the public reply telling the requester that the session has a new time. */
export function rescheduledReply(from: string, to: string, duration: string, note: string): string {
  return [
    `We propose to move your upgrade-assistance session from ${from} to ${to} (${duration}).`,
    ...(note ? ['', note] : []),
    '',
    'If the new time does not suit you, reply on this ticket with times that do.',
  ].join('\n');
}

/** SM-8: the public reply telling the requester who will assist them now. */
export function reassignedReply(engineer: string, start: string, note: string): string {
  return [`${engineer} will assist you with your upgrade on ${start}.`, ...(note ? ['', note] : []), '', 'Reply on this ticket with any question before the session.'].join('\n');
}
