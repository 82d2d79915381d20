// WF-12: licence emergencies. Weekdays go to the licensing team with the manager as DRI; weekends
// follow the grace-period rule (ENT-5) or the trial-extension path. Weekday/weekend and "next
// business day" are judged in the zone of the on-call region (config.regions).
import type { Temporal } from '../kernel/time.ts';
import { invalid } from '../kernel/errors.ts';
import { isWeekend, localDate, nextBusinessDay, parseDate, zoneForRegion } from './calendar.ts';
import type { EmergencyConfig } from './config.ts';
import { DecisionBuilder, type Decision, type EmergencyTicket, type OnCallAnswer } from './decision.ts';
import type { OrganisationInput } from './entitlement.ts';

export type LicencePath =
  | 'weekday_licensing_team'
  | 'weekend_in_grace'
  | 'weekend_licence_request'
  | 'weekend_trial_extension';

export interface LicenceEmergencyInput {
  ticket: EmergencyTicket;
  org: OrganisationInput;
  onCall: OnCallAnswer;
  /** SaaS: the namespace is on the free plan now (expired / renewal not applied). */
  namespaceDowngradedToFree?: boolean;
}

export function licencePath(input: LicenceEmergencyInput, now: Temporal.Instant, config: EmergencyConfig): LicencePath {
  const zone = zoneForRegion(input.onCall.region, config);
  if (!isWeekend(now, zone, config)) return 'weekday_licensing_team';
  const sub = input.org.subscription;
  if (sub?.deployment === 'saas') return 'weekend_trial_extension';
  // ENT-5: grace only for paid, non-trial subscriptions.
  if (sub && !sub.trial && sub.endsOn) {
    const graceEnds = parseDate(sub.endsOn).add({ days: config.entitlement.graceDays });
    const expired = localDate(now, zone).since(parseDate(sub.endsOn)).days > 0;
    if (expired && nextBusinessDay(now, zone, config).until(graceEnds).days >= 0) return 'weekend_in_grace';
  }
  return 'weekend_licence_request';
}

export function decideLicenceEmergency(input: LicenceEmergencyInput, now: Temporal.Instant, config: EmergencyConfig): { path: LicencePath; decision: Decision } {
  const t = input.ticket;
  const path = licencePath(input, now, config);
  const b = new DecisionBuilder();
  const manager = input.onCall.manager;
  const sub = input.org.subscription;
  switch (path) {
    case 'weekday_licensing_team':
      b.post({ ticketId: t.id, channel: config.channels.licensingTeam, mode: 'channel', text: `${config.groups.licensing}: licence emergency ticket ${t.number} (${input.org.name}) needs an expert.${manager ? ` ${manager} is DRI.` : ''}` })
        .mention(t.id, config.groups.licensing, `WF-12: licence emergency ticket ${t.number}`)
        .comment(t.id, 'internal', `WF-12 weekday: handed to the licensing team; ${manager ?? 'the support manager on call'} is DRI for getting it handled.`);
      if (manager) b.change(t.id, { assignee: manager }).mention(t.id, manager, `WF-12: you are DRI for licence emergency ticket ${t.number}`);
      break;
    case 'weekend_in_grace': {
      const graceEnds = parseDate(sub!.endsOn!).add({ days: config.entitlement.graceDays }).toString();
      const reminder = `Your subscription has a ${config.entitlement.graceDays}-day grace period after expiry (until ${graceEnds}), which is still active on the next business day, so your request will be handled as a standard licensing and renewals case during normal business hours.`;
      if (config.licence.weekendInGraceAction === 'close_and_ask_new_ticket') {
        b.change(t.id, { status: config.downgrade.closeStatus })
          .comment(t.id, 'public', `${reminder} We are closing this emergency ticket; please open a new licensing and renewals ticket if you do not have one already.`);
      } else {
        b.change(t.id, { priority: config.downgrade.priority })
          .comment(t.id, 'public', `${reminder} We have lowered the priority of this ticket and informed the licensing team.`)
          .mention(t.id, config.groups.licensing, `WF-12: in-grace licence request ticket ${t.number} for business hours`);
      }
      b.tick(t.id, 'public_reply_sent');
      break;
    }
    case 'weekend_licence_request': {
      const d = config.licence.shortTermLicenceDays;
      b.comment(t.id, 'internal', `WF-12 weekend, beyond grace (or trial): follow the weekend licence-request workflow — a short-term (${d.min}–${d.max} days) licence gets the customer through the weekend; the licensing team and account team finish it in the work week.`)
        .notice(t.id, 'licence.weekend_request', 'Beyond the grace period: follow the weekend licence-request workflow.');
      break;
    }
    case 'weekend_trial_extension':
      b.change(t.id, { status: 'pending' })
        .comment(t.id, 'public', 'To unblock you over the weekend we can apply a temporary trial subscription. Please review the trial subscription exclusions below and reply in writing to confirm you understand them; we will make no change before your written confirmation.', config.macros.trialSignOff)
        .record({ kind: 'guard', ticketId: t.id, guard: 'trial_change_needs_written_confirmation', active: true })
        .tick(t.id, 'public_reply_sent')
        .notice(t.id, 'licence.trial_extension', `Trial extension: plan ${sub?.trial ? sub.tier : (sub?.tier ?? 'ultimate')}, end date ${config.licence.trialExtensionDays} days from the change; wait for written confirmation.`);
      break;
  }
  return { path, decision: b.build() };
}

export interface TrialExtensionInput {
  ticket: EmergencyTicket;
  namespace: string;
  /** The plan originally purchased; 'ultimate' when unknown. */
  plan: string | null;
  /** The customer's written confirmation of the trial exclusions (a public comment by the requester). */
  writtenConfirmation: { commentId: string; from: string } | null;
}

/** WF-12: the trial change is allowed only after the customer's written confirmation. */
export function decideTrialExtension(input: TrialExtensionInput, now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  const c = input.writtenConfirmation;
  if (!c || c.from.toLowerCase() !== t.requesterEmail.toLowerCase()) {
    throw invalid('licence.written_confirmation_required', 'Wait for the requester to confirm the trial subscription exclusions in writing on the ticket before changing the plan.', { ticketId: t.id });
  }
  const endsOn = localDate(now, 'UTC').add({ days: config.licence.trialExtensionDays }).toString();
  return new DecisionBuilder()
    .record({ kind: 'trial_extension', ticketId: t.id, namespace: input.namespace, plan: input.plan ?? 'ultimate', endsOn })
    .record({ kind: 'guard', ticketId: t.id, guard: 'trial_change_needs_written_confirmation', active: false })
    .comment(t.id, 'internal', `Trial extension requested for ${input.namespace}: plan ${input.plan ?? 'ultimate'} until ${endsOn} (written confirmation ${c.commentId}).`)
    .build();
}

/** WF-12: the customer confirms they are unblocked → close the emergency and alert the licensing team. */
export function decideLicenceUnblocked(input: { ticket: EmergencyTicket; orgName: string }, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  return new DecisionBuilder()
    .change(t.id, { status: config.downgrade.closeStatus })
    .post({ ticketId: t.id, channel: config.channels.licensingTeam, mode: 'channel', text: `Weekend licence emergency ticket ${t.number} (${input.orgName}) unblocked with a trial extension; please follow up.` })
    .build();
}
