// PG-5 (emergency side): a manager turns an existing ticket into an emergency, or anyone pages a
// specific on-call engineer who is unreachable in chat.
import type { Temporal } from '../kernel/time.ts';
import { forbidden } from '../kernel/errors.ts';
import type { EmergencyConfig } from './config.ts';
import type { EmergencyActor } from './concurrency.ts';
import { DecisionBuilder, type Decision, type EmergencyTicket, pageTitle } from './decision.ts';

/** PG-5: manager-only; the ticket becomes urgent and then goes through intake (decideNewEmergency). */
export function decideManualEmergency(input: { ticket: EmergencyTicket; actor: EmergencyActor; reason: string }, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  if (input.actor.role !== 'manager') {
    throw forbidden('emergency.manual_trigger_manager_only', 'Only a support manager can turn a ticket into an emergency; use the escalation form instead.');
  }
  const t = input.ticket;
  return new DecisionBuilder()
    .change(t.id, { priority: 'urgent' })
    .comment(t.id, 'internal', `Emergency triggered manually by ${input.actor.email}: ${input.reason}`, config.macros.triggerManual)
    .build();
}

/** PG-5: page one on-call engineer directly; the page title names the organisation and the ticket. */
export function decidePageEngineer(input: { ticket: EmergencyTicket; engineer: string; by: string }, _now: Temporal.Instant, _config: EmergencyConfig): Decision {
  const t = input.ticket;
  return new DecisionBuilder()
    .page({ ticketId: t.id, target: { kind: 'user', id: input.engineer }, assignTo: input.engineer, title: pageTitle(t), reason: `PG-5: ${input.by} needs ${input.engineer}, unreachable in chat` })
    .build();
}
