// WF-1, WF-14, WF-16: what happens the moment an urgent ticket arrives.
import type { Temporal } from '../kernel/time.ts';
import type { EmergencyConfig } from './config.ts';
import { decideRouting, type AssignmentPlan, type OpenEmergency } from './concurrency.ts';
import { DecisionBuilder, mergeDecisions, type Decision, type EmergencyTicket, type OnCallAnswer } from './decision.ts';
import { decideEntitlement, type EntitlementVerdict, type OrganisationInput } from './entitlement.ts';
import { licencePath } from './licence.ts';
import { decideUsGovOffHours, isUsGovOffHours, usGovCoverage, type UsGovCoverage } from './us-government-hours.ts';

export interface Route {
  /** Rotation to ask the schedules for, and whose escalation policy the page follows. */
  rotation: string;
  /** Channel holding the emergency's thread. */
  channel: string;
  usGov: { coverage: UsGovCoverage; offHours: boolean } | null;
  dedicated: boolean;
}

/** WF-1: rotation and channel by form, deployment and US-government package (SCH-5). */
export function routeEmergency(input: { ticket: EmergencyTicket; org: OrganisationInput | null }, now: Temporal.Instant, config: EmergencyConfig): Route {
  const sub = input.org?.subscription ?? null;
  const coverage = usGovCoverage(sub?.supportPackage);
  // A US-government customer filing in the global portal is worked by the global rotation.
  if (input.ticket.form === 'us-government') {
    const cov = coverage ?? '12x5';
    return { rotation: config.rotations.usGovernment, channel: config.channels['us-government'], usGov: { coverage: cov, offHours: isUsGovOffHours(cov, now, config) }, dedicated: false };
  }
  const dedicated = input.ticket.form === 'dedicated' || sub?.deployment === 'dedicated';
  let channel = config.channels[input.ticket.form];
  if (input.ticket.form === 'licensing' && sub?.deployment === 'saas') channel = config.channels.saas;
  return { rotation: config.rotations.global, channel, usGov: null, dedicated };
}

/** WF-16: an ASE's note about planned risky work on the account. */
export interface PlannedWorkNote {
  orgId: string;
  author: string;
  text: string;
  /** Shown from this instant (default: always). */
  from?: Temporal.Instant | null;
  /** Shown until this instant (default: always). */
  until?: Temporal.Instant | null;
}

export interface IntakeInput {
  ticket: EmergencyTicket;
  org: OrganisationInput | null;
  entitlement: EntitlementVerdict;
  /** Schedules' answer for `routeEmergency(...).rotation` at `now`. */
  onCall: OnCallAnswer;
  openEmergencies: OpenEmergency[];
  plannedWork: PlannedWorkNote[];
}

export interface IntakeOutcome {
  route: Route;
  plan: AssignmentPlan | null;
  decision: Decision;
}

export function decideIntake(input: IntakeInput, now: Temporal.Instant, config: EmergencyConfig): IntakeOutcome {
  const t = input.ticket;
  const route = routeEmergency(input, now, config);
  const b = new DecisionBuilder();
  const org = input.org;

  if (!input.entitlement.page) {
    // WF-3 already lowered the priority and told the customer; nobody is woken up.
    b.notice(t.id, 'intake.not_paged', `Not paged: ${input.entitlement.message}`, 'team');
    return { route, plan: null, decision: b.build() };
  }

  const parts: Decision[] = [];
  let plan: AssignmentPlan | null = null;
  if (route.usGov?.offHours) {
    parts.push(decideUsGovOffHours({ ticket: t, orgName: org?.name ?? t.requesterEmail }, now, config));
  } else {
    const routed = decideRouting({ ticket: t, onCall: input.onCall, openEmergencies: input.openEmergencies, rotation: route.rotation }, now, config);
    plan = routed.plan;
    parts.push(routed.decision);
    b.post({
      ticketId: t.id,
      channel: route.channel,
      mode: 'open',
      text: `Thread for emergency ticket ${t.number}${org ? ` — ${org.name}` : ''} (entitlement: ${input.entitlement.kind})`,
    }).tick(t.id, 'thread_opened');
  }

  if (org?.csm) {
    b.change(t.id, { addCcs: [org.csm] }).mention(t.id, org.csm, `cc ${config.csmLabel}: emergency ticket ${t.number}`);
  }
  if (org?.ase) b.mention(t.id, org.ase, `WF-1: your account ${org.name} raised emergency ticket ${t.number}`);
  if (route.dedicated) b.mention(t.id, config.groups.dedicatedFocus, `WF-13: dedicated emergency ticket ${t.number}`);

  // WF-16: planned-work notes are shown the moment the account raises an emergency.
  for (const n of input.plannedWork) {
    if (!org || n.orgId !== org.id) continue;
    if (n.from && cmpInstant(now, n.from) < 0) continue;
    if (n.until && cmpInstant(now, n.until) > 0) continue;
    b.notice(t.id, 'intake.planned_work', `Planned work noted by ${n.author}: ${n.text}`);
  }
  return { route, plan, decision: mergeDecisions(...parts, b.build()) };
}

function cmpInstant(a: Temporal.Instant, b: Temporal.Instant): number {
  return a.epochMilliseconds - b.epochMilliseconds;
}

export interface NewEmergencyInput {
  ticket: EmergencyTicket;
  org: OrganisationInput | null;
  requesterIsFreeUser?: boolean;
  /** Schedules' answer for `routeEmergency(...).rotation` at `now`. */
  onCall: OnCallAnswer;
  openEmergencies: OpenEmergency[];
  plannedWork: PlannedWorkNote[];
}

/**
 * WF-1 + WF-3 in one call: entitlement verdict and its effects, then routing, page, thread, cc and
 * notes. Call `routeEmergency` first to know which rotation to ask the schedules about.
 */
export function decideNewEmergency(input: NewEmergencyInput, now: Temporal.Instant, config: EmergencyConfig): IntakeOutcome & { verdict: EntitlementVerdict } {
  const ent = decideEntitlement({ ticket: input.ticket, org: input.org, requesterIsFreeUser: input.requesterIsFreeUser, managerOnCall: input.onCall.manager }, now, config);
  const intake = decideIntake({ ...input, entitlement: ent.verdict }, now, config);
  const parts = [ent.decision, intake.decision];
  if (input.ticket.form === 'licensing' && input.org && intake.plan) {
    // WF-12: the engineer applies the licence path; intake only shows which one applies now.
    const path = licencePath({ ticket: input.ticket, org: input.org, onCall: input.onCall }, now, config);
    parts.push(new DecisionBuilder().notice(input.ticket.id, 'licence.path', `Licence emergency path now: ${path}.`).build());
  }
  return { ...intake, verdict: ent.verdict, decision: mergeDecisions(...parts) };
}
