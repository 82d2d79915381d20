// WF-10 from the emergency's side: how an emergency behaves while a widespread incident stands for
// it — no page of its own, no customer-silence timers, and no schedule look-up it does not need.
import type { EmergencyConfig } from './config.ts';
import type { Decision, EmergencyTicket, OnCallAnswer } from './decision.ts';
import type { EntitlementVerdict } from './entitlement.ts';

/**
 * WF-10: a decision without the pages of one ticket — at intake, an emergency grouped into an
 * incident keeps everything else (entitlement, thread, cc, notes) while the incident's one page
 * stands for it; at split-out, a ticket that already has its own page is not paged twice.
 */
export function withoutPagesOf(d: Decision, ticketId: string): Decision {
  return { ...d, pages: d.pages.filter((p) => p.ticketId !== ticketId) };
}

/** An on-call answer naming nobody: what a grouped emergency's intake routes with (its page is dropped). */
export const NOBODY_ON_CALL: OnCallAnswer = { engineers: [], dri: null, manager: null, singleEngineer: false, region: null };

/**
 * WF-10: whether a new emergency joining an incident still needs to know who is on call. Grouped,
 * it pages nobody on its own — only ENT-4 names the manager on call — so a burst of grouped
 * emergencies does not ask the schedules a thousand times.
 */
export function groupedIntakeNeedsOnCall(verdict: EntitlementVerdict): boolean {
  return !verdict.page || verdict.kind === 'single_seat_same_day';
}

/**
 * WF-10 over WF-5: a ticket answered as part of an incident is told to follow the status page and
 * the incident issue, so the customer-silence follow-up and bridge close are not armed for it — a
 * thousand "are you still there?" messages during an outage help nobody. Split-out tickets lose the
 * tag and are worked as usual.
 */
export function withoutSilenceTimersForIncident(d: Decision, ticket: EmergencyTicket, config: EmergencyConfig): Decision {
  if (!ticket.tags.some((t) => t.startsWith(config.tags.incidentPrefix))) return d;
  return { ...d, timersToSet: d.timersToSet.filter((t) => t.ticketId !== ticket.id || (t.kind !== 'silence-followup' && t.kind !== 'silence-bridge-close')) };
}
