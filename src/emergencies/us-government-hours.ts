// SCH-5, WF-14: US-government entitled hours (12x5 vs 24x7) and the off-hours path.
import { Temporal } from '../kernel/time.ts';
import type { EmergencyConfig } from './config.ts';
import { DecisionBuilder, timerKey, type Decision, type EmergencyTicket, type OnCallAnswer, pageTitle } from './decision.ts';
import type { SupportPackage } from './entitlement.ts';

export type UsGovCoverage = '12x5' | '24x7';

export function usGovCoverage(pkg: SupportPackage | null | undefined): UsGovCoverage | null {
  if (pkg === 'us_gov_12x5') return '12x5';
  if (pkg === 'us_gov_24x7') return '24x7';
  return null;
}

/** SCH-5: inside 05:00–17:00 America/Los_Angeles (configurable), on the configured days. */
export function isWithinUsGovEntitledHours(now: Temporal.Instant, config: EmergencyConfig): boolean {
  const g = config.usGovernment;
  const local = now.toZonedDateTimeISO(g.zone);
  if (!g.days.includes(local.dayOfWeek)) return false;
  const t = local.toPlainTime();
  return Temporal.PlainTime.compare(t, Temporal.PlainTime.from(g.entitledStart)) >= 0 && Temporal.PlainTime.compare(t, Temporal.PlainTime.from(g.entitledEnd)) < 0;
}

/** The next instant entitled hours begin (DST-correct: wall-clock start in the zone). */
export function nextUsGovStart(now: Temporal.Instant, config: EmergencyConfig): Temporal.Instant {
  const g = config.usGovernment;
  let date = now.toZonedDateTimeISO(g.zone).toPlainDate();
  for (let i = 0; i < 14; i++, date = date.add({ days: 1 })) {
    if (!g.days.includes(date.dayOfWeek)) continue;
    const start = date.toZonedDateTime({ timeZone: g.zone, plainTime: Temporal.PlainTime.from(g.entitledStart) }).toInstant();
    if (Temporal.Instant.compare(start, now) > 0) return start;
  }
  throw new Error('us-government entitled days are empty');
}

export function isUsGovOffHours(coverage: UsGovCoverage | null, now: Temporal.Instant, config: EmergencyConfig): boolean {
  return coverage === '12x5' && !isWithinUsGovEntitledHours(now, config);
}

export interface UsGovOffHoursInput {
  ticket: EmergencyTicket;
  orgName: string;
}

/** WF-14: 12x5 customer outside entitled hours → team-channel post and the two-option auto-reply. */
export function decideUsGovOffHours(input: UsGovOffHoursInput, now: Temporal.Instant, config: EmergencyConfig): Decision {
  const g = config.usGovernment;
  const t = input.ticket;
  const startsAt = nextUsGovStart(now, config);
  const startLocal = startsAt.toZonedDateTimeISO(g.zone);
  const when = `${startLocal.toPlainDate().toString()} ${g.entitledStart} (${g.zone})`;
  return new DecisionBuilder()
    .change(t.id, { addTags: [config.tags.usGovAfterHours] })
    .post({
      ticketId: t.id,
      channel: config.channels['us-government'],
      mode: 'channel',
      text: `Off-hours emergency: ticket ${t.number} from ${input.orgName} (12x5). Follow-up needed at the start of business hours, ${when}.`,
    })
    .comment(
      t.id,
      'public',
      `Thank you for contacting US Government Support. Your emergency arrived outside your support hours (${g.entitledStart}–${g.entitledEnd} Pacific Time). You have two options:\n` +
        `1. Open an emergency in Global Support now (if your organisation's policies permit sharing information with non-US citizens), or\n` +
        `2. Wait for US Government Support to follow up at the start of business hours, ${when}.`,
      g.offHoursTrigger,
    )
    // The automatic reply is not an engineer's engagement, so it ticks nothing in the runbook.
    .timer({ kind: 'usgov-business-hours', key: timerKey(t.id, 'usgov-business-hours'), ticketId: t.id, at: startsAt, onLate: 'fire' })
    .build();
}

/** WF-14: at the start of business hours the team follows up on a still-unowned off-hours emergency. */
export function decideUsGovBusinessHoursStart(
  input: { ticket: EmergencyTicket; onCall: OnCallAnswer },
  _now: Temporal.Instant,
  config: EmergencyConfig,
): Decision {
  const t = input.ticket;
  const b = new DecisionBuilder();
  if (t.status === 'solved' || t.status === 'closed' || t.assignee) return b.build();
  return b
    .page({
      ticketId: t.id,
      target: { kind: 'rotation', id: config.rotations.usGovernment },
      assignTo: input.onCall.dri ?? input.onCall.engineers[0] ?? null,
      title: pageTitle(t),
      reason: 'WF-14: off-hours emergency from a 12x5 customer; business hours have started',
    })
    .post({ ticketId: t.id, channel: config.channels['us-government'], mode: 'channel', text: `Business hours started: off-hours emergency ticket ${t.number} is now paged.` })
    .build();
}

export interface AfterHoursHelpInput {
  ticket: EmergencyTicket;
  engineer: string;
  /** The helping engineer's own manager, added as follower. */
  engineersManager: string | null;
}

/** WF-14: an engineer chooses to help a 12x5 customer off hours: an exception, on the record. */
export function decideAfterHoursHelp(input: AfterHoursHelpInput, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  const b = new DecisionBuilder()
    .change(t.id, {
      assignee: input.engineer,
      addTags: [config.tags.usGovAfterHoursException],
      addFollowers: input.engineersManager ? [input.engineersManager] : [],
    })
    .comment(t.id, 'internal', `After-hours support is being provided by ${input.engineer} as a one-off exception (12x5 subscription). Account team to follow up.`)
    .comment(
      t.id,
      'public',
      'Your subscription includes support during business hours only, not 24x7. We are helping now as a one-off exception based on engineer availability; after-hours support in future is not guaranteed.',
    )
    .tick(t.id, 'public_reply_sent')
    .record({ kind: 'after_hours_exception', ticketId: t.id, engineer: input.engineer, manager: input.engineersManager })
    .cancel(timerKey(t.id, 'usgov-business-hours'), 'WF-14: an engineer took the off-hours emergency');
  if (!input.engineersManager) b.notice(t.id, 'usgov.no_manager', 'Add your manager as a follower: none is known for you.');
  return b.build();
}
