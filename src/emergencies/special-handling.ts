// WF-13: special handling — compromised instances, single-seat same-day purchases (ENT-4) and
// dedicated deployments. Compromised and single-seat cases block any call until the support
// manager on call is engaged (the 'call_needs_manager' guard).
import type { Temporal } from '../kernel/time.ts';
import type { EmergencyConfig } from './config.ts';
import { DecisionBuilder, type Decision, type EmergencyTicket, type GuardName } from './decision.ts';
import type { Veto } from './resolution.ts';

export function decideCompromisedInstance(input: { ticket: EmergencyTicket; managerOnCall: string | null }, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  const b = new DecisionBuilder()
    .change(t.id, { addTags: [config.tags.compromised] })
    .comment(
      t.id,
      'public',
      'It sounds likely that your instance is compromised. Please shut the instance down now, create a new instance at the exact same version and restore your most recent backup into it without exposing it to the Internet, rotate every secret, upgrade the new instance to a version with a fix before exposing it, and keep the compromised instance for forensics. The full guide follows.',
      config.macros.compromisedInstance,
    )
    .tick(t.id, 'public_reply_sent')
    .record({ kind: 'guard', ticketId: t.id, guard: 'call_needs_manager', active: true })
    .notice(t.id, 'special.compromised', 'Do not offer or join a call before engaging the support manager on call to set expectations through the ticket.');
  if (input.managerOnCall) b.mention(t.id, input.managerOnCall, `WF-13: compromised instance on emergency ticket ${t.number}; align before any call`);
  return b.build();
}

/** WF-13/ENT-4: the manager has been engaged — the call guard is lifted. */
export function decideManagerEngaged(input: { ticket: EmergencyTicket; manager: string }, _now: Temporal.Instant, _config: EmergencyConfig): Decision {
  const t = input.ticket;
  return new DecisionBuilder()
    .change(t.id, { addFollowers: [input.manager] })
    .record({ kind: 'guard', ticketId: t.id, guard: 'call_needs_manager', active: false })
    .comment(t.id, 'internal', `Support manager ${input.manager} engaged; a call may be offered.`)
    .build();
}

/** WF-13: veto on offering or joining a call while a manager must be engaged first. */
export function canOfferCall(state: { activeGuards: GuardName[] }): Veto {
  if (state.activeGuards.includes('call_needs_manager')) {
    return { ok: false, code: 'call.manager_required', reason: 'Engage the support manager on call before offering or joining a call (compromised instance or single-seat same-day purchase).' };
  }
  return { ok: true };
}

/** WF-13: dedicated deployments ping their focus group in the emergency's thread. */
export function decideDedicated(input: { ticket: EmergencyTicket }, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  return new DecisionBuilder().mention(input.ticket.id, config.groups.dedicatedFocus, `WF-13: dedicated emergency ticket ${input.ticket.number}`).build();
}
