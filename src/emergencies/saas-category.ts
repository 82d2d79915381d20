// WF-11: SaaS emergencies carry one of five categories with matching next steps; reversible
// ("two-way door") actions taken to unblock the customer are recorded on the ticket.
import type { Temporal } from '../kernel/time.ts';
import { invalid } from '../kernel/errors.ts';
import type { EmergencyConfig, SaasCategory } from './config.ts';
import { DecisionBuilder, type Decision, type EmergencyTicket, type OnCallAnswer, pageTitle } from './decision.ts';

export function nextStepsFor(category: SaasCategory, config: EmergencyConfig): string[] {
  switch (category) {
    case 'regression':
      return [
        'Check the status page and the incident channel for an ongoing incident.',
        'Call the customer: observe the broken behaviour, look for a known issue, check recently enabled feature flags, build reproduction steps without customer data.',
        'Create a bug issue and have the customer review it; escalate new or S1/S2 bugs with a developer escalation; disable a feature flag with whoever enabled it.',
        'If several customers are affected, declare an incident.',
        'Update the customer once the functionality is restored.',
      ];
    case 'customer_data':
      return ['Page the support manager on call to review how best to unblock the customer (console access may be needed).', 'Reproduce and identify the error in logs; escalate to have the data corrected and file a bug report.'];
    case 'access_degradation':
      return ['Make sure it is not a regression or customer-specific data problem, then declare an incident and let the infrastructure team diagnose the root cause.'];
    case 'licence_consumption':
      return [
        'Get the customer unblocked and make sure the licensing team is equipped to take the hand-over.',
        `Compute quota: advise buying more or using own runners; as a courtesy you may add ${config.saas.courtesyComputeMinutes} compute minutes.`,
        'Storage quota: advise buying storage; an admin may override the limit when a purchase is blocked by a defect or outage.',
      ];
    case 'widespread_incident':
      return ['Tag the tickets and bulk-respond pointing to the status page and the incident issue (WF-10). No call is needed for a published incident.'];
  }
}

export interface SaasCategoryInput {
  ticket: EmergencyTicket;
  category: SaasCategory;
  onCall: OnCallAnswer;
}

export function decideSaasCategory(input: SaasCategoryInput, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  if (!config.saas.categories.includes(input.category)) {
    throw invalid('emergency.unknown_saas_category', `Choose one of: ${config.saas.categories.join(', ')}.`, { category: input.category });
  }
  const prefix = config.tags.saasCategoryPrefix;
  const tag = `${prefix}${input.category}`;
  const steps = nextStepsFor(input.category, config);
  const b = new DecisionBuilder()
    .change(t.id, { addTags: [tag], removeTags: t.tags.filter((x) => x.startsWith(prefix) && x !== tag) })
    .comment(t.id, 'internal', `SaaS emergency category: ${input.category}.\nNext steps:\n${steps.map((s) => `- ${s}`).join('\n')}`);
  for (const s of steps) b.notice(t.id, `saas.${input.category}`, s);
  if (input.category === 'customer_data') {
    b.page({ ticketId: t.id, target: { kind: 'manager_on_call', id: config.rotations.managers }, assignTo: input.onCall.manager, title: pageTitle(t), reason: 'WF-11: customer-specific data problem needs the manager on call' });
  }
  return b.build();
}

/** WF-11: a reversible action taken without prior approval (set plan, add storage, add minutes, toggle a flag). */
export function decideTwoWayDoorAction(
  input: { ticket: EmergencyTicket; deployment: 'self-managed' | 'saas' | 'dedicated'; action: string; detail: string; by: string },
  _now: Temporal.Instant,
  _config: EmergencyConfig,
): Decision {
  if (input.deployment !== 'saas') {
    throw invalid('emergency.two_way_door_saas_only', 'Two-way-door actions without approval apply to SaaS emergencies only; ask the support manager on call.', { deployment: input.deployment });
  }
  const t = input.ticket;
  return new DecisionBuilder()
    .record({ kind: 'two_way_door', ticketId: t.id, action: input.action, detail: input.detail, by: input.by })
    .comment(t.id, 'internal', `Two-way-door action by ${input.by}: ${input.action} — ${input.detail}`)
    .build();
}
