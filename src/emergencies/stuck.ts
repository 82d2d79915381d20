// WF-15: "I don't know what to do" — reach the manager on call, start a developer escalation,
// and at weekends for SaaS show the CMOC contact first (weekend judged in the on-call region's zone).
import type { Temporal } from '../kernel/time.ts';
import { isWeekend, zoneForRegion } from './calendar.ts';
import type { EmergencyConfig } from './config.ts';
import { DecisionBuilder, type Decision, type EmergencyTicket, type OnCallAnswer, pageTitle } from './decision.ts';

export type StuckOption = 'cmoc' | 'manager_on_call' | 'developer_escalation';

export interface StuckInput {
  ticket: EmergencyTicket;
  deployment: 'self-managed' | 'saas' | 'dedicated';
  onCall: OnCallAnswer;
}

/** The options to show, in the order the seeds suggest trying them. */
export function stuckOptions(input: StuckInput, now: Temporal.Instant, config: EmergencyConfig): { option: StuckOption; label: string }[] {
  const out: { option: StuckOption; label: string }[] = [];
  const weekend = isWeekend(now, zoneForRegion(input.onCall.region, config), config);
  if (config.stuck.showCmocForSaasAtWeekend && weekend && input.deployment === 'saas') {
    out.push({ option: 'cmoc', label: `${config.stuck.cmocLabel}: may be available to help or advise` });
  }
  out.push({ option: 'manager_on_call', label: `Support manager on call${input.onCall.manager ? ` (${input.onCall.manager})` : ''}` });
  out.push({ option: 'developer_escalation', label: 'Developer escalation (decide together with the manager on call)' });
  return out;
}

export function decideStuck(input: StuckInput & { action: 'manager_on_call' | 'developer_escalation'; by: string; channel: string }, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  const b = new DecisionBuilder();
  if (input.action === 'manager_on_call') {
    return b
      .page({ ticketId: t.id, target: { kind: 'manager_on_call', id: config.rotations.managers }, assignTo: input.onCall.manager, title: pageTitle(t), reason: `WF-15: ${input.by} is stuck and needs help` })
      .build();
  }
  b.record({ kind: 'developer_escalation', ticketId: t.id, requestedBy: input.by, manager: input.onCall.manager })
    .post({ ticketId: t.id, channel: input.channel, mode: 'reply', text: `Developer escalation started for emergency ticket ${t.number} by ${input.by}. The developer may need time to get up to speed.` })
    .comment(t.id, 'internal', `Developer escalation started by ${input.by}.`);
  if (input.onCall.manager) b.mention(t.id, input.onCall.manager, `WF-15: developer escalation on emergency ticket ${t.number}`);
  return b.build();
}
