// The rows one planned emergency or ticket leaves behind, as the workflow would have left them by the
// time it was over: the ticket with its description and first public reply, the page with its
// acknowledgement (escalated to the manager's level when it took over 10 minutes, PG-3), the
// emergency with its qualification, and the timeline entries RP-3's history opens.
import type { Insertable } from 'kysely';
import { newId } from '../kernel/ids.ts';
import type { EmergenciesTable, EscalationsTable, PagesTable, TicketCommentsTable, TicketsTable, TimelineTable } from '../store/schema.ts';
import { PRIORITY_RANK, STATUS_RANK, type TicketPriority, type TicketStatus } from '../tickets/index.ts';
import type { PlannedEmergency, PlannedEscalation, PlannedTicket } from './history-plan.ts';

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** TK-7 in the demo: an emergency owes its first reply in 30 minutes; others by priority (calendar hours here). */
const FIRST_REPLY_MIN: Record<TicketPriority, number> = { urgent: 30, high: 4 * 60, normal: 8 * 60, low: 24 * 60 };
const CHANNEL: Record<string, string> = { self_managed: '#support_self-managed', saas: '#support_gitlab-com', dedicated: '#support_gitlab-com', us_government: '#support_us-government' };

export interface Rows {
  tickets: Insertable<TicketsTable>[];
  comments: Insertable<TicketCommentsTable>[];
  pages: Insertable<PagesTable>[];
  emergencies: Insertable<EmergenciesTable>[];
  escalations: Insertable<EscalationsTable>[];
  timeline: Insertable<TimelineTable>[];
}

export const emptyRows = (): Rows => ({ tickets: [], comments: [], pages: [], emergencies: [], escalations: [], timeline: [] });

export interface Person { id: string; email: string; organizationId: string | null }

function ticket(r: Rows, o: { number: number; subject: string; status: TicketStatus; priority: TicketPriority; form: string; requester: Person; assignee: string | null; emergency: boolean; atMs: number; replyAtMs: number | null; solvedAtMs: number | null; nowMs: number }): string {
  const id = newId();
  const breachAt = o.atMs + FIRST_REPLY_MIN[o.priority] * MIN;
  const breached = (o.replyAtMs ?? o.nowMs) > breachAt;
  r.tickets.push({
    id, workspace: 'default', number: o.number, subject: o.subject, status: o.status, status_rank: STATUS_RANK[o.status], priority: o.priority, priority_rank: PRIORITY_RANK[o.priority],
    form: o.form, stage: o.replyAtMs ? 'next_reply' : 'first_reply', organization_id: o.requester.organizationId, requester_id: o.requester.id, assignee_id: o.assignee,
    is_emergency: o.emergency ? 1 : 0, created_at: iso(o.atMs), updated_at: iso(o.solvedAtMs ?? o.replyAtMs ?? o.atMs), solved_at: o.solvedAtMs ? iso(o.solvedAtMs) : null,
    due_at: o.replyAtMs ? null : iso(breachAt), version: 1, custom_fields: '{}', followers: '[]', via: 'web', sla_clock: '{}', sla_breached_at: breached ? iso(breachAt) : null, reply_token: newId(), merged_into_id: null,
    first_reply_at: o.replyAtMs && o.assignee && o.replyAtMs > o.atMs ? iso(o.replyAtMs) : null,
  });
  r.comments.push({ id: newId(), ticket_id: id, author_id: o.requester.id, body: o.subject, is_public: 1, via: 'web', created_at: iso(o.atMs), message_id: null, dedupe_key: null });
  if (o.replyAtMs && o.assignee) r.comments.push({ id: newId(), ticket_id: id, author_id: o.assignee, body: 'Thanks for the details — looking into it now; next update within the hour.', is_public: 1, via: 'web', created_at: iso(o.replyAtMs), message_id: null, dedupe_key: null });
  return id;
}

const event = (r: Rows, subjectType: string, subjectId: string, atMs: number, action: string, actorId: string | null, detail: Record<string, unknown> = {}) =>
  r.timeline.push({ id: newId(), subject_type: subjectType, subject_id: subjectId, at: iso(atMs), actor_kind: actorId ? 'user' : 'system', actor_id: actorId, action, via: 'web', detail: JSON.stringify({ ...detail, demoHistory: true }) });

export interface EmergencyWho { requester: Person; engineer: string | null; manager: string | null; escalatedTo: string | null; serviceId: string; policyId: string | null }

/** One emergency: not paged (no entitlement) or paged, acknowledged, answered and resolved. */
export function emergencyRows(r: Rows, e: PlannedEmergency, who: EmergencyWho, numbers: { ticket: number; page: number }, nowMs: number): void {
  const at = (m: number) => e.atMs + m * MIN;
  const over = at(e.handleMin) <= nowMs;
  const owner = who.engineer;
  if (!e.customer.entitled || !owner) {
    const id = ticket(r, { number: numbers.ticket, subject: e.subject, status: 'solved', priority: 'normal', form: e.customer.form, requester: who.requester, assignee: null, emergency: false, atMs: e.atMs, replyAtMs: at(1), solvedAtMs: at(1), nowMs });
    r.emergencies.push(emergency(e, id, numbers.ticket, who, null, null, 'not_paged', { kind: e.customer.entitled ? 'entitled' : 'not_entitled', emergencySupport: false, page: false }, nowMs));
    return;
  }
  const reply = at(e.replyMin) <= nowMs ? at(e.replyMin) : null;
  const status: TicketStatus = over ? 'solved' : 'open';
  const priority: TicketPriority = e.qualification === 'not_emergency' ? 'normal' : 'urgent';
  const tid = ticket(r, { number: numbers.ticket, subject: e.subject, status, priority: 'urgent', form: e.customer.form, requester: who.requester, assignee: owner, emergency: true, atMs: e.atMs, replyAtMs: reply, solvedAtMs: over ? at(e.handleMin) : null, nowMs });
  if (priority !== 'urgent') r.tickets[r.tickets.length - 1] = { ...r.tickets[r.tickets.length - 1], priority, priority_rank: PRIORITY_RANK[priority] };
  const pageId = newId();
  const ack = at(e.ackMin) <= nowMs ? at(e.ackMin) : null;
  const escalated = e.ackMin > 10 && who.escalatedTo;
  r.pages.push({
    id: pageId, number: numbers.page, service_id: who.serviceId, title: `${e.customer.org} — ${e.subject} (ticket ${numbers.ticket})`, ticket_id: tid, dedup_key: null, urgency: 'high',
    status: reply ? 'resolved' : ack ? 'acknowledged' : 'triggered', escalation_policy_id: who.policyId, escalation_level: escalated ? 1 : 0, escalation_loop: 0, level_started_at: iso(escalated ? at(10) : e.atMs),
    target_user_ids: JSON.stringify(escalated ? [owner, who.escalatedTo] : [owner]), shadow_user_ids: '[]', acknowledged_by: ack ? owner : null, acknowledged_at: ack ? iso(ack) : null,
    resolved_by: reply ? owner : null, resolved_at: reply ? iso(reply) : null, triggered_at: iso(e.atMs), alert_count: 1, notification_cycle: 0, held_until: null, cursors: '{}', source: 'emergency', details: '{}', updated_at: iso(reply ?? ack ?? e.atMs),
  });
  event(r, 'page', pageId, e.atMs, 'page.triggered', null, { to: [owner] });
  if (escalated) event(r, 'page', pageId, at(10), 'page.escalated', null, { level: 1, to: [who.escalatedTo] });
  if (ack) event(r, 'page', pageId, ack, 'page.acknowledged', owner);
  if (reply) event(r, 'page', pageId, reply, 'page.resolved', owner);
  const row = emergency(e, tid, numbers.ticket, who, owner, pageId, over ? 'resolved' : 'open', { kind: 'entitled', emergencySupport: true, page: true }, nowMs);
  r.emergencies.push({ ...row, acknowledged_at: ack ? iso(ack) : null, first_public_reply_at: reply ? iso(reply) : null, qualification: ack ? e.qualification : null, resolved_at: over ? iso(at(e.handleMin)) : null, updated_at: iso(over ? at(e.handleMin) : e.atMs) });
  event(r, 'emergency', row.id, e.atMs, 'emergency.intake', null, { ticket: numbers.ticket });
  if (over) event(r, 'emergency', row.id, at(e.handleMin), 'emergency.resolved', owner);
}

function emergency(e: PlannedEmergency, ticketId: string, number: number, who: EmergencyWho, dri: string | null, pageId: string | null, state: 'open' | 'resolved' | 'not_paged', ent: Record<string, unknown>, _now: number): Insertable<EmergenciesTable> & { id: string } {
  const channel = CHANNEL[e.customer.form] ?? '#support_self-managed';
  return {
    id: newId(), ticket_id: ticketId, ticket_number: number, organization_id: who.requester.organizationId, state, dri_user_id: dri, page_id: pageId, rotation: e.customer.group, channel,
    route: JSON.stringify({ rotation: e.customer.group, channel, usGov: null, dedicated: e.customer.form === 'dedicated' }), entitlement: JSON.stringify({ message: 'demo history', daysSinceExpiry: null, graceEndsOn: null, ...ent }),
    qualification: null, exception_criterion: e.qualification === 'exception' ? 'revenue_impact' : null, category: null, guards: '[]', first_public_reply_at: null, customer_replied_at: null,
    acknowledged_at: null, call_ended_at: null, bridge_url: null, created_at: iso(e.atMs), updated_at: iso(e.atMs), resolved_at: state === 'not_paged' ? iso(e.atMs + MIN) : null, version: 1,
  };
}

/** An ordinary ticket: asked, answered (late enough, now and then, to breach), solved. */
export function ticketRows(r: Rows, t: PlannedTicket, requester: Person, assignee: string, number: number, nowMs: number): void {
  const reply = t.atMs + t.replyMin * MIN <= nowMs ? t.atMs + t.replyMin * MIN : null;
  const solved = t.atMs + t.solveMin * MIN <= nowMs ? t.atMs + t.solveMin * MIN : null;
  ticket(r, { number, subject: t.subject, status: solved ? (nowMs - solved > 7 * 86_400_000 ? 'closed' : 'solved') : reply ? 'pending' : 'new', priority: t.priority, form: t.customer.form, requester, assignee: reply ? assignee : null, emergency: false, atMs: t.atMs, replyAtMs: reply, solvedAtMs: solved, nowMs });
}

/** SM-1..SM-3: an escalation to the manager on call about one of the period's tickets. */
export function escalationRows(r: Rows, x: PlannedEscalation, o: { number: number; ticketId: string | null; ticketNumber: number | null; initiator: string; manager: string | null; owner: string; nowMs: number }): void {
  const ack = x.atMs + x.ackMin * MIN <= o.nowMs ? x.atMs + x.ackMin * MIN : null;
  const closed = ack && x.atMs + x.closeMin * MIN <= o.nowMs ? x.atMs + x.closeMin * MIN : null;
  const id = newId();
  r.escalations.push({
    id, number: o.number, kind: o.ticketId ? 'ticket' : 'internal', ticket_id: o.ticketId, ticket_number: o.ticketNumber, title: o.ticketNumber ? `Ticket ${o.ticketNumber}` : 'Internal request', need: 'A product expert on the call', business_case: 'Renewal at risk; the customer asked twice', urgency: x.urgency,
    state: closed ? x.outcome : ack ? 'assigned' : 'filed', channel: '#support_escalations', initiator_user_id: o.initiator, manager_user_id: ack ? o.manager : null, owner_user_id: ack && x.outcome === 'resolved' ? o.owner : null,
    labels: JSON.stringify(closed && x.outcome === 'resolved' ? [x.label] : []), reason: closed && x.outcome === 'rejected' ? 'Not an escalation: handled in the ticket' : null,
    created_at: iso(x.atMs), acknowledged_at: ack ? iso(ack) : null, assigned_at: ack ? iso(ack) : null, closed_at: closed ? iso(closed) : null, updated_at: iso(closed ?? ack ?? x.atMs), version: 1,
  });
  event(r, 'escalation', id, x.atMs, 'escalation.filed', o.initiator);
  if (closed) event(r, 'escalation', id, closed, `escalation.${x.outcome}`, o.manager);
}
