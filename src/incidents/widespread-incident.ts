// WF-10, PG-7: many emergencies about one incident — one tag, one bulk response, per-ticket triage.
import type { Temporal } from '../kernel/time.ts';
import { decideRouting, DecisionBuilder, mergeDecisions, type Decision, type EmergencyConfig, type EmergencyTicket, type OnCallAnswer, type OpenEmergency } from '../emergencies/index.ts';

export interface Detection {
  detected: boolean;
  count: number;
  ticketIds: string[];
  windowStart: Temporal.Instant;
}

/** WF-10: at least `detectionThreshold` untagged emergencies of the incident forms within the window. */
export function detectWidespreadIncident(recent: EmergencyTicket[], now: Temporal.Instant, config: EmergencyConfig): Detection {
  const c = config.incident;
  const windowStart = now.subtract({ minutes: c.detectionWindowMinutes });
  const hits = recent.filter(
    (t) =>
      t.priority === 'urgent' &&
      c.forms.includes(t.form) &&
      t.createdAt.epochMilliseconds >= windowStart.epochMilliseconds &&
      t.createdAt.epochMilliseconds <= now.epochMilliseconds &&
      !t.tags.some((tag) => tag.startsWith(config.tags.incidentPrefix)),
  );
  return { detected: hits.length >= c.detectionThreshold, count: hits.length, ticketIds: hits.map((t) => t.id), windowStart };
}

export interface IncidentRef {
  number: number;
  statusPageUrl: string | null;
  incidentIssueUrl: string | null;
}

export function incidentTag(incidentNumber: number, config: EmergencyConfig): string {
  return `${config.tags.incidentPrefix}${incidentNumber}`;
}

/** WF-10: the one response every related ticket gets (status page, social handle, incident issue). */
export function bulkResponseText(incident: IncidentRef, config: EmergencyConfig): string {
  const status = incident.statusPageUrl ?? config.incident.statusPageUrl;
  const where = `our status page (${status}) and ${config.incident.statusSocialHandle}`;
  if (incident.incidentIssueUrl) {
    return (
      `We are aware of an ongoing incident and are actively working to address the problem. Please follow along at ${incident.incidentIssueUrl} and ${where}. ` +
      'We are marking this ticket as Solved; if you still have trouble once the issue has been closed or the incident has been declared resolved, just reply here.'
    );
  }
  return `We are aware of an ongoing incident and are actively working to address the problem; updates are on ${where}. We will follow up with a link to the tracking issue as soon as one is created.`;
}

/** WF-10: declare — incident record, shared response in the team channel, silencing suggestion (PG-7). */
export function decideDeclareIncident(input: { incident: IncidentRef; ticketIds: string[] }, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  const tag = incidentTag(input.incident.number, config);
  return new DecisionBuilder()
    .record({ kind: 'incident', tag, incidentNumber: input.incident.number, ticketIds: input.ticketIds, statusPageUrl: input.incident.statusPageUrl, incidentIssueUrl: input.incident.incidentIssueUrl })
    .post({ ticketId: null, channel: config.channels.saas, mode: 'channel', text: `Incident ${input.incident.number}: emergencies are tagged ${tag}. Shared response for everyone fielding tickets:\n${bulkResponseText(input.incident, config)}` })
    .notice(null, 'incident.silence', `PG-7: consider silencing chat and page notifications for ${tag} while you bulk-respond; no page is lost.`, 'engineer')
    .notice(null, 'incident.verify_each', 'Verify each ticket is about the incident; unrelated ones are split out as concurrent emergencies.', 'engineer')
    .build();
}

export type TriageOutcome = 'related_open' | 'related_solved' | 'split_out';

export interface TriageInput {
  incident: IncidentRef;
  items: { ticket: EmergencyTicket; related: boolean }[];
  /** For split-out tickets (WF-6). */
  onCall: OnCallAnswer;
  openEmergencies: OpenEmergency[];
  rotation: string;
}

/** WF-10: one bulk action over the search result — related get the response, unrelated go to WF-6. */
export function decideIncidentTriage(input: TriageInput, now: Temporal.Instant, config: EmergencyConfig): { results: { ticketId: string; outcome: TriageOutcome }[]; decision: Decision } {
  const tag = incidentTag(input.incident.number, config);
  const text = bulkResponseText(input.incident, config);
  const b = new DecisionBuilder();
  const parts: Decision[] = [];
  const open = [...input.openEmergencies];
  const results: { ticketId: string; outcome: TriageOutcome }[] = [];
  for (const { ticket: t, related } of input.items) {
    if (related) {
      const solved = input.incident.incidentIssueUrl !== null;
      b.change(t.id, { addTags: [tag, `${config.tags.saasCategoryPrefix}widespread_incident`], status: solved ? 'solved' : 'open' })
        .comment(t.id, 'public', text, config.macros.incidentFirstResponse)
        .tick(t.id, 'qualified', 'public_reply_sent');
      results.push({ ticketId: t.id, outcome: solved ? 'related_solved' : 'related_open' });
      continue;
    }
    const routed = decideRouting({ ticket: t, onCall: input.onCall, openEmergencies: open, rotation: input.rotation }, now, config);
    parts.push(routed.decision);
    if (routed.plan.kind !== 'manager') open.push({ ticketId: t.id, owner: routed.plan.engineer });
    b.change(t.id, { removeTags: [tag] }).comment(t.id, 'internal', `Not related to incident ${input.incident.number}: handled as a separate (concurrent) emergency.`);
    results.push({ ticketId: t.id, outcome: 'split_out' });
  }
  return { results, decision: mergeDecisions(b.build(), ...parts) };
}

/** WF-10: the incident issue now exists — every still-open related ticket is told and solved. */
export function decideIncidentIssueAvailable(
  input: { incident: IncidentRef & { incidentIssueUrl: string }; openRelated: EmergencyTicket[] },
  _now: Temporal.Instant,
  config: EmergencyConfig,
): Decision {
  const tag = incidentTag(input.incident.number, config);
  const b = new DecisionBuilder().record({
    kind: 'incident',
    tag,
    incidentNumber: input.incident.number,
    ticketIds: input.openRelated.map((t) => t.id),
    statusPageUrl: input.incident.statusPageUrl,
    incidentIssueUrl: input.incident.incidentIssueUrl,
  });
  for (const t of input.openRelated) {
    if (t.status === 'solved' || t.status === 'closed') continue;
    b.change(t.id, { status: 'solved' }).comment(
      t.id,
      'public',
      `The incident is now tracked at ${input.incident.incidentIssueUrl}; please follow along there. We are marking this ticket as Solved. If you still have trouble once the issue has been closed or the incident has been declared resolved, just reply here.`,
    );
  }
  return b.build();
}

/** An incident as the join rule sees it. */
export interface OpenIncident extends IncidentRef {
  state: 'open' | 'resolved';
  /** When the last emergency joined (or the incident was declared). */
  lastJoinedAt: Temporal.Instant;
}

/**
 * WF-10: a new emergency joins an open incident instead of paging on its own when it is of the
 * incident forms, carries no other incident's tag, and arrives while the incident is still
 * drawing emergencies (within the detection window of the last one). Later arrivals page as usual.
 */
export function shouldJoinIncident(ticket: EmergencyTicket, incident: OpenIncident, now: Temporal.Instant, config: EmergencyConfig): boolean {
  if (incident.state !== 'open' || ticket.priority !== 'urgent' || !config.incident.forms.includes(ticket.form)) return false;
  if (ticket.tags.some((t) => t.startsWith(config.tags.incidentPrefix))) return false;
  const quietMs = now.epochMilliseconds - incident.lastJoinedAt.epochMilliseconds;
  return quietMs <= config.incident.detectionWindowMinutes * 60_000;
}

/** WF-10: what joining an incident writes on the ticket and its thread. */
export function decideJoinIncident(input: { ticket: EmergencyTicket; incident: IncidentRef; channel: string; pagedOnItsOwn: boolean }, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  const tag = incidentTag(input.incident.number, config);
  const t = input.ticket;
  const how = input.pagedOnItsOwn
    ? `it was paged on its own before; that page is acknowledged together with the incident's page and the ticket gets the incident's bulk response`
    : `no separate page: the incident's page stands for it`;
  return new DecisionBuilder()
    .change(t.id, { addTags: [tag] })
    .post({ ticketId: t.id, channel: input.channel, mode: 'reply', text: `Emergency ticket ${t.number} is grouped into incident ${input.incident.number} (${tag}); ${how}. Split it out if it is unrelated.` })
    .build();
}

/** WF-10: the tickets of one bulk response — related, not yet answered, not closed. */
export function ticketsToRespond(rows: { ticketId: string; relation: 'candidate' | 'related' | 'split_out'; respondedAt: string | null; status: string }[], issueJustAdded: boolean): string[] {
  return rows
    .filter((r) => r.relation === 'related' && r.status !== 'closed')
    // Once the incident issue exists, the still-open ones are told and solved too (WF-10).
    .filter((r) => r.respondedAt === null || (issueJustAdded && r.status !== 'solved'))
    .map((r) => r.ticketId);
}

/** How a ticket enters an incident at declaration: a member, or only offered to join. */
export type Membership = 'related' | 'candidate';

/**
 * WF-10, PG-7: at declaration, who is in. Tickets a person names (or whose search they give, or
 * the recent sweep they ask for) are in: the person chose them. When the detection declares the
 * incident, the emergencies already paged on their own are only offered to join (someone is
 * already working each of them): staff join them or leave them, and nothing is lost either way.
 * An emergency that never had a page of its own is simply grouped under the incident's page.
 */
export function membershipAtDeclaration(input: { chosenByPerson: boolean; pagedOnItsOwn: boolean }): Membership {
  return input.chosenByPerson || !input.pagedOnItsOwn ? 'related' : 'candidate';
}

/** WF-10: what an emergency paged on its own before the incident is told when it is offered to join. */
export function decideOfferIncident(input: { ticket: EmergencyTicket; incident: IncidentRef; channel: string }, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  const tag = incidentTag(input.incident.number, config);
  return new DecisionBuilder()
    .post({
      ticketId: input.ticket.id, channel: input.channel, mode: 'reply',
      text: `Emergency ticket ${input.ticket.number} was paged on its own before incident ${input.incident.number} (${tag}) was recognised. If it is about the incident, join it: its page is then acknowledged together with the incident's page and it gets the incident's bulk response.`,
    })
    .build();
}

export type PageStatusOf = 'triggered' | 'acknowledged' | 'resolved';

/**
 * PG-7: a joined emergency's own page is acknowledged together with the incident's page — now, if
 * the incident's page is already acknowledged (or resolved), else when it is. A page already
 * acknowledged or resolved by its engineer is left as it is.
 */
export function joinedPageAction(incidentPage: PageStatusOf | null, ownPage: PageStatusOf | null): 'acknowledge_now' | 'with_incident' | 'none' {
  if (ownPage !== 'triggered') return 'none';
  if (incidentPage === 'acknowledged' || incidentPage === 'resolved') return 'acknowledge_now';
  return 'with_incident';
}

/**
 * WF-10 under PG-2: the incident's page stands for its related emergencies, so resolving it ("the
 * customers have been engaged") needs a public reply on every related ticket that is not closed —
 * the bulk response, or an engineer's own reply. A bulk response still on its way does not count
 * until it has reached the ticket. Offered and split-out tickets are worked on their own pages.
 */
export function canResolveIncident(rows: { ticketNumber: number; relation: 'candidate' | 'related' | 'split_out'; hasPublicReply: boolean; status: string }[]):
  { ok: true } | { ok: false; code: 'incident.public_reply_required'; reason: string; tickets: number[] } {
  const waiting = rows.filter((r) => r.relation === 'related' && r.status !== 'closed' && !r.hasPublicReply).map((r) => r.ticketNumber);
  if (!waiting.length) return { ok: true };
  const shown = waiting.slice(0, 10).map((n) => `#${n}`).join(', ') + (waiting.length > 10 ? ` and ${waiting.length - 10} more` : '');
  return {
    ok: false, code: 'incident.public_reply_required', tickets: waiting,
    reason: `Send the incident's bulk response (and let it finish) before resolving: ${waiting.length} related ticket(s) have no public reply yet (${shown}). Resolved means every customer has been engaged (PG-2).`,
  };
}
