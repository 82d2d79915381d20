// SM-1..SM-3: the rules of one support escalation — its urgencies (the handbook's definitions), its
// states and which action may move it where, the labels a resolution carries, and the words the
// escalations channel and the ticket read. Pure: no I/O, no clock.
import { conflict, forbidden, invalid } from '../kernel/errors.ts';

export type EscalationKind = 'ticket' | 'internal';
export type Urgency = 'high' | 'medium' | 'low';
export type EscalationState = 'filed' | 'acknowledged' | 'assigned' | 'resolved' | 'rejected';
export type EscalationAction = 'acknowledge' | 'assign' | 'resolve' | 'reject' | 'macro' | 'help_thread' | 'question';

export const URGENCIES: readonly Urgency[] = ['high', 'medium', 'low'];

/**
 * SM-1: the support escalation definitions of urgency the seed refers to; the form shows them so
 * the initiator picks one honestly, and the announcement repeats the chosen one.
 */
export const URGENCY_DEFINITIONS: Record<Urgency, string> = {
  high: 'Immediate business risk: the customer cannot use what they paid for, a renewal or deal is at stake now, or a promised response is already late. Attention within 4 business hours.',
  medium: 'A customer is blocked or waiting longer than they should and needs a decision, an owner or expertise. Attention within 1 business day.',
  low: 'Needs a manager\u2019s attention, but the customer is not blocked. Attention within 2 business days.',
};

/** SM-3: the handbook's example labels (scoped `Escalation::…` in its tracker). */
export const SUGGESTED_LABELS = ['License-Issue', 'Response-Time'] as const;

export const OPEN_STATES: readonly EscalationState[] = ['filed', 'acknowledged', 'assigned'];
export const isOpen = (s: EscalationState) => OPEN_STATES.includes(s);

/** Actions only a manager (or an admin) takes; any staff member asks questions in the thread. */
const MANAGER_ACTIONS: readonly EscalationAction[] = ['acknowledge', 'assign', 'resolve', 'reject', 'macro', 'help_thread'];

/**
 * SM-2/SM-3: where an action takes an escalation, or why it is refused. The manager looks first
 * ("eyes"), then triages: assigning, resolving or rejecting before acknowledging makes no sense;
 * nothing acts on a closed escalation. Returns the next state (unchanged for actions that do not
 * move it).
 */
export function nextState(state: EscalationState, action: EscalationAction, who: { manager: boolean }): EscalationState {
  if (MANAGER_ACTIONS.includes(action) && !who.manager) throw forbidden('escalation.managers_only', 'Only a support manager acknowledges, assigns, resolves or rejects an escalation; ask your question in its thread instead.', { action });
  if (!isOpen(state)) throw conflict('escalation.closed', `The escalation is already ${state}; file a new one if something else is needed.`, { state, action });
  switch (action) {
    case 'acknowledge':
      if (state !== 'filed') throw conflict('escalation.already_acknowledged', 'The escalation is already acknowledged.', { state });
      return 'acknowledged';
    case 'assign':
    case 'resolve':
    case 'reject':
      if (state === 'filed') throw conflict('escalation.not_acknowledged', `Acknowledge the escalation before you ${action} it: the manager on call looks at it first.`, { state, action });
      return action === 'assign' ? 'assigned' : action === 'resolve' ? 'resolved' : 'rejected';
    default:
      return state;
  }
}

/** SM-3: a rejection always says why; the initiator is told exactly this. */
export function checkReason(reason: string | undefined | null): string {
  const r = (reason ?? '').trim();
  if (!r) throw invalid('escalation.reason_required', 'Say why the escalation is rejected: the initiator is told the reason in the thread.');
  return r;
}

/**
 * SM-3: labels as the tracker spelled them (`Escalation::License-Issue` and `License-Issue` are the
 * same label), one of each, each a short word or hyphenated words.
 */
export function normalizeLabels(labels: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const raw of labels ?? []) {
    const l = raw.trim().replace(/^~?Escalation::/i, '');
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(l)) throw invalid('escalation.bad_label', `"${raw}" is not a label; use words joined by hyphens, such as ${SUGGESTED_LABELS.join(' or ')}.`, { label: raw });
    if (!out.some((x) => x.toLowerCase() === l.toLowerCase())) out.push(l);
  }
  return out;
}

export interface AnnouncementInput {
  number: number;
  kind: EscalationKind;
  ticketNumber: number | null;
  title: string;
  need: string;
  businessCase: string;
  urgency: Urgency;
  initiator: string;
  /** The manager on call at the instant of filing (a name), or null when nobody is. */
  manager: string | null;
  url: string;
}

/** SM-1: the announcement in the escalations channel, naming the manager on call at that instant. */
export function announcementText(a: AnnouncementInput): string {
  const about = a.kind === 'ticket' ? `ticket #${a.ticketNumber}` : 'an internal request';
  const who = a.manager ? `@${a.manager}` : 'No support manager is on call right now; any manager';
  return `${who}: escalation #${a.number} (${a.urgency} urgency) filed by ${a.initiator} for ${about}: ${a.title}\n`
    + `Needed: ${a.need}\nBusiness case: ${a.businessCase}\n${a.url}`;
}

/** SM-1: the internal note on the ticket that links the escalation. */
export function ticketNoteText(a: Pick<AnnouncementInput, 'number' | 'urgency' | 'initiator' | 'need' | 'url'> & { channel: string }): string {
  return `Escalation #${a.number} (${a.urgency} urgency) was filed by ${a.initiator} and announced in ${a.channel}.\nNeeded: ${a.need}\n${a.url}`;
}

/** SM-2: after a help thread is opened, the escalation thread says where technical discussion lives. */
export function helpThreadNotice(p: { channel: string; ticketNumber: number | null }): string {
  const ticket = p.ticketNumber !== null ? `in ticket #${p.ticketNumber} or ` : '';
  return `All technical discussion about this escalation happens ${ticket}in the help thread in ${p.channel}; please keep it there.`;
}

export function resolvedText(p: { by: string; comment: string | null; labels: readonly string[]; owner: string | null }): string {
  const labels = p.labels.length ? ` Labels: ${p.labels.join(', ')}.` : '';
  const owner = p.owner ? ` Owner: ${p.owner}.` : '';
  return `:white_check_mark: Resolved by ${p.by}: the next step is identified and under way.${owner}${labels}${p.comment ? `\n${p.comment}` : ''}`;
}

export function rejectedText(p: { by: string; initiator: string; reason: string }): string {
  return `@${p.initiator}: this escalation was rejected by ${p.by}; it does not meet the threshold for an escalation. Reason: ${p.reason}`;
}
