// WF-6, WF-7, SCH-3, PG-3/PG-4: who takes a new emergency when the on-call engineer is busy.
import type { Temporal } from '../kernel/time.ts';
import { forbidden, invalid } from '../kernel/errors.ts';
import { isWeekend, zoneForRegion } from './calendar.ts';
import type { EmergencyConfig } from './config.ts';
import { DecisionBuilder, type Decision, type EmergencyTicket, type OnCallAnswer, type Region, pageTitle } from './decision.ts';

export interface OpenEmergency {
  ticketId: string;
  owner: string | null;
}

export type AssignmentPlan =
  | { kind: 'dri'; engineer: string }
  | { kind: 'concurrent_engineer'; engineer: string }
  | { kind: 'manager'; manager: string | null; group: string | null };

/** SCH-5/WF-6: the schedule whose manager on call answers for this rotation's emergencies. */
export function managerScheduleFor(rotation: string, config: EmergencyConfig): string {
  return rotation === config.rotations.usGovernment ? config.rotations.usGovernmentManagers ?? config.rotations.managers : config.rotations.managers;
}

/** WF-6: the group the manager pings for a concurrent emergency: US government's own, else the region's. */
export function concurrentGroup(rotation: string, region: Region | null, config: EmergencyConfig): string | null {
  if (rotation === config.rotations.usGovernment) return config.groups.usGovernment;
  return region ? config.regions[region].group : null;
}

export function isBusy(engineer: string, open: OpenEmergency[], exceptTicketId?: string): boolean {
  return open.some((o) => o.owner === engineer && o.ticketId !== exceptTicketId);
}

/** SCH-3: the DRI takes the first emergency, a free overlapping engineer a concurrent one; else WF-6. */
export function planAssignment(ticketId: string, onCall: OnCallAnswer, open: OpenEmergency[], config: EmergencyConfig, rotation = config.rotations.global): AssignmentPlan {
  const dri = onCall.dri ?? onCall.engineers[0] ?? null;
  if (dri && !isBusy(dri, open, ticketId)) return { kind: 'dri', engineer: dri };
  const free = onCall.engineers.find((e) => e !== dri && !isBusy(e, open, ticketId));
  if (free) return { kind: 'concurrent_engineer', engineer: free };
  return { kind: 'manager', manager: onCall.manager, group: concurrentGroup(rotation, onCall.region, config) };
}

/** Backup pool (PG-3 second pool) is open only in its regions, at weekends unless configured. */
export function backupPoolAvailable(region: Region | null, now: Temporal.Instant, config: EmergencyConfig): boolean {
  if (!region || !config.backupPool.regions.includes(region)) return false;
  return !config.backupPool.weekendsOnly || isWeekend(now, zoneForRegion(region, config), config);
}

export interface RoutingInput {
  ticket: EmergencyTicket;
  onCall: OnCallAnswer;
  openEmergencies: OpenEmergency[];
  /** Rotation whose escalation policy the page follows. */
  rotation: string;
}

/** WF-1/WF-6: the page for a new emergency, routed around busy engineers. */
export function decideRouting(input: RoutingInput, now: Temporal.Instant, config: EmergencyConfig): { plan: AssignmentPlan; decision: Decision } {
  const t = input.ticket;
  const plan = planAssignment(t.id, input.onCall, input.openEmergencies, config, input.rotation);
  const b = new DecisionBuilder();
  const title = pageTitle(t);
  if (plan.kind !== 'manager') {
    b.page({ ticketId: t.id, target: { kind: 'rotation', id: input.rotation }, assignTo: plan.engineer, title, reason: plan.kind === 'dri' ? 'SCH-3: DRI takes the first emergency' : 'SCH-3: DRI busy; overlapping engineer takes the concurrent emergency' });
    return { plan, decision: b.build() };
  }
  managerTakesConcurrent(b, t, input.onCall, input.rotation, now, config, 'WF-6: every on-call engineer already owns an open emergency');
  return { plan, decision: b.build() };
}

/**
 * WF-6: the manager on call of the emergency's coverage takes it and pings its group. SM-5: the
 * page follows the rotation's escalation policy from the manager's tier, so it escalates further.
 */
function managerTakesConcurrent(b: DecisionBuilder, t: EmergencyTicket, onCall: OnCallAnswer, rotation: string, now: Temporal.Instant, config: EmergencyConfig, reason: string): void {
  b.page({ ticketId: t.id, target: { kind: 'manager_on_call', id: managerScheduleFor(rotation, config) }, assignTo: onCall.manager, title: pageTitle(t), reason });
  const group = concurrentGroup(rotation, onCall.region, config);
  if (group) b.mention(t.id, group, `WF-6: concurrent emergency ticket ${t.number} needs an owner — whoever acknowledges the page owns it`);
  for (const e of onCall.engineers) b.notice(t.id, 'concurrency.engineer_busy', `${e} is busy with another emergency; the manager on call is finding an owner.`, 'team');
  if (backupPoolAvailable(onCall.region, now, config)) {
    b.notice(t.id, 'concurrency.backup_pool_available', `You may page the backup pool (${config.groups.backupPool}); only a manager can.`, 'manager');
  }
}

/** WF-6: whoever acknowledges a page owns its emergency. */
export function decideAcknowledge(input: { ticket: EmergencyTicket; by: string; channel: string }, _now: Temporal.Instant, _config: EmergencyConfig): Decision {
  const t = input.ticket;
  const b = new DecisionBuilder().tick(t.id, 'acknowledged');
  if (t.assignee !== input.by) {
    b.change(t.id, { assignee: input.by }).post({ ticketId: t.id, channel: input.channel, mode: 'reply', text: `${input.by} acknowledged and owns emergency ticket ${t.number}.` });
  }
  return b.build();
}

/** PG-4: a busy engineer escalates instead of acknowledging; the manager finds an owner. */
export function decideEscalateInsteadOfAck(input: { ticket: EmergencyTicket; by: string; onCall: OnCallAnswer; rotation: string }, now: Temporal.Instant, config: EmergencyConfig): Decision {
  const b = new DecisionBuilder().comment(input.ticket.id, 'internal', `${input.by} escalated the page instead of acknowledging (busy with another emergency).`);
  managerTakesConcurrent(b, input.ticket, input.onCall, input.rotation, now, config, `PG-4: ${input.by} escalated instead of acknowledging`);
  return b.build();
}

export interface EmergencyActor {
  email: string;
  role: 'engineer' | 'manager' | 'admin';
}

/** PG-3/WF-6: the backup pool is paged only by a manager, only where and when it exists. */
export function decidePageBackupPool(input: { ticket: EmergencyTicket; actor: EmergencyActor; region: Region | null }, now: Temporal.Instant, config: EmergencyConfig): Decision {
  if (input.actor.role !== 'manager') {
    throw forbidden('emergency.backup_pool_manager_only', 'Only the support manager on call can page the backup pool; escalate the page to the manager instead.');
  }
  if (!backupPoolAvailable(input.region, now, config)) {
    throw invalid('emergency.backup_pool_unavailable', `The backup pool covers ${config.backupPool.regions.join(', ')}${config.backupPool.weekendsOnly ? ' at weekends' : ''} only; ping the regional group instead.`, { region: input.region });
  }
  const t = input.ticket;
  return new DecisionBuilder()
    .page({ ticketId: t.id, target: { kind: 'backup_pool', id: config.rotations.backupPool }, assignTo: null, title: pageTitle(t), reason: `WF-6: backup pool paged by ${input.actor.email}` })
    .mention(t.id, config.groups.backupPool, `Backup engineers: concurrent emergency ticket ${t.number} needs an owner`)
    .build();
}

export interface MightBecomeInput {
  ticket: EmergencyTicket;
  onCall: OnCallAnswer;
  /** The on-call engineer handling the page. */
  engineer: string;
  engineerBusy: boolean;
}

/**
 * WF-7: "might become an emergency". Weekday: the manager finds an engineer to treat it as high
 * priority. Weekend (judged in the on-call region's zone): the on-call engineer treats it as
 * high priority, or the manager if that engineer is busy with another emergency.
 */
export function decideMightBecomeEmergency(input: MightBecomeInput, now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  const weekend = isWeekend(now, zoneForRegion(input.onCall.region, config), config);
  const b = new DecisionBuilder()
    .change(t.id, { priority: config.mightBecomeEmergencyPriority })
    .comment(t.id, 'public', 'This situation is not an emergency yet, but it could quickly become one. A support engineer is working on it now as a high-priority ticket that needs an immediate response, to help prevent it from becoming an emergency.');
  if (weekend && !input.engineerBusy) {
    return b.change(t.id, { assignee: input.engineer }).notice(t.id, 'wf7.weekend_engineer', 'WF-7 weekend: handle this as a high-priority ticket needing an immediate response.').build();
  }
  const why = weekend ? 'WF-7 weekend: on-call engineer busy with another emergency' : 'WF-7 weekday: find an engineer to handle it as high priority';
  if (input.onCall.manager) b.mention(t.id, input.onCall.manager, `${why} (ticket ${t.number})`);
  return b.change(t.id, { assignee: input.onCall.manager ?? t.assignee }).notice(t.id, 'wf7.manager', why, 'manager').build();
}
