// SM-1..SM-3: the escalation state machine, the labels and the words, one row per situation.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../kernel/errors.ts';
import {
  announcementText, checkReason, helpThreadNotice, nextState, normalizeLabels, rejectedText, resolvedText, ticketNoteText, URGENCIES, URGENCY_DEFINITIONS,
  type EscalationAction, type EscalationState,
} from './escalation.ts';

const MANAGER = { manager: true };
const ENGINEER = { manager: false };

function refusal(fn: () => unknown): { code: string; status: number } {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, status: e.status };
    throw e;
  }
  throw new Error('not refused');
}

describe('SM-2/SM-3: the escalation state machine', () => {
  const allowed: [EscalationState, EscalationAction, EscalationState][] = [
    ['filed', 'acknowledge', 'acknowledged'],
    ['acknowledged', 'assign', 'assigned'],
    ['assigned', 'assign', 'assigned'], // a new owner
    ['acknowledged', 'resolve', 'resolved'],
    ['assigned', 'resolve', 'resolved'],
    ['acknowledged', 'reject', 'rejected'],
    ['assigned', 'reject', 'rejected'],
    ['filed', 'macro', 'filed'],
    ['acknowledged', 'help_thread', 'acknowledged'],
    ['filed', 'question', 'filed'],
  ];
  it.each(allowed)('SM-2/SM-3: %s + %s → %s', (from, action, to) => {
    expect(nextState(from, action, MANAGER)).toBe(to);
  });

  const refused: [string, EscalationState, EscalationAction, { manager: boolean }, string, number][] = [
    ['SM-3: resolve before acknowledge', 'filed', 'resolve', MANAGER, 'escalation.not_acknowledged', 409],
    ['SM-3: reject before acknowledge', 'filed', 'reject', MANAGER, 'escalation.not_acknowledged', 409],
    ['SM-2: assign before acknowledge', 'filed', 'assign', MANAGER, 'escalation.not_acknowledged', 409],
    ['SM-2: acknowledge twice', 'acknowledged', 'acknowledge', MANAGER, 'escalation.already_acknowledged', 409],
    ['SM-3: resolve a resolved one', 'resolved', 'resolve', MANAGER, 'escalation.closed', 409],
    ['SM-3: assign a rejected one', 'rejected', 'assign', MANAGER, 'escalation.closed', 409],
    ['SM-2: a question on a closed one', 'resolved', 'question', ENGINEER, 'escalation.closed', 409],
    ['SM-2: an engineer acknowledges', 'filed', 'acknowledge', ENGINEER, 'escalation.managers_only', 403],
    ['SM-3: an engineer resolves', 'assigned', 'resolve', ENGINEER, 'escalation.managers_only', 403],
  ];
  it.each(refused)('%s → refused', (_name, from, action, who, code, status) => {
    expect(refusal(() => nextState(from, action, who))).toEqual({ code, status });
  });

  it('SM-2: any staff member asks a question in an open escalation', () => {
    for (const s of ['filed', 'acknowledged', 'assigned'] as const) expect(nextState(s, 'question', ENGINEER)).toBe(s);
  });
});

describe('SM-3: reasons and labels', () => {
  it('SM-3: a rejection without a reason is refused (400), a reason is trimmed', () => {
    expect(refusal(() => checkReason('  '))).toEqual({ code: 'escalation.reason_required', status: 400 });
    expect(refusal(() => checkReason(undefined))).toEqual({ code: 'escalation.reason_required', status: 400 });
    expect(checkReason(' Not urgent: the SLA is met. ')).toBe('Not urgent: the SLA is met.');
  });
  it('SM-3: the tracker\'s scoped labels and plain ones are one label; duplicates fold; nonsense is refused', () => {
    expect(normalizeLabels(['~Escalation::License-Issue', 'Response-Time', 'license-issue'])).toEqual(['License-Issue', 'Response-Time']);
    expect(normalizeLabels(undefined)).toEqual([]);
    expect(refusal(() => normalizeLabels(['two words']))).toEqual({ code: 'escalation.bad_label', status: 400 });
  });
});

describe('SM-1: urgencies and words', () => {
  it('SM-1: every urgency has its definition', () => {
    for (const u of URGENCIES) expect(URGENCY_DEFINITIONS[u].length).toBeGreaterThan(20);
  });
  const base = { number: 7, kind: 'ticket' as const, ticketNumber: 42, title: 'Renewal blocked', need: 'An owner today', businessCase: '$200k renewal', urgency: 'high' as const, initiator: 'Alice Nguyen', url: 'https://h/escalations/7' };
  it('SM-1: the announcement names the manager on call by name, the ticket, urgency, need and business case', () => {
    const t = announcementText({ ...base, manager: 'Tara Brooks' });
    expect(t).toMatch(/^@Tara Brooks: escalation #7 \(high urgency\) filed by Alice Nguyen for ticket #42: Renewal blocked/);
    expect(t).toContain('Needed: An owner today');
    expect(t).toContain('Business case: $200k renewal');
    expect(t).toContain('https://h/escalations/7');
  });
  it('SM-1: with no manager on call the announcement says so; an internal request names no ticket', () => {
    const t = announcementText({ ...base, kind: 'internal', ticketNumber: null, manager: null });
    expect(t).toMatch(/^No support manager is on call right now/);
    expect(t).toContain('for an internal request');
  });
  it('SM-1: the ticket note links the escalation and names the channel', () => {
    expect(ticketNoteText({ ...base, channel: '#support_escalations' })).toContain('Escalation #7 (high urgency) was filed by Alice Nguyen and announced in #support_escalations');
  });
  it('SM-2: after a help thread the escalation thread says where technical discussion lives', () => {
    expect(helpThreadNotice({ channel: '#support_self-managed', ticketNumber: 42 })).toBe('All technical discussion about this escalation happens in ticket #42 or in the help thread in #support_self-managed; please keep it there.');
    expect(helpThreadNotice({ channel: '#support_gitlab-com', ticketNumber: null })).not.toContain('ticket #');
  });
  it('SM-3: resolved and rejected texts', () => {
    expect(resolvedText({ by: 'Tara Brooks', comment: 'Licence extended', labels: ['License-Issue'], owner: 'Lena Fox' })).toContain('Owner: Lena Fox. Labels: License-Issue.');
    expect(rejectedText({ by: 'Tara Brooks', initiator: 'Alice Nguyen', reason: 'SLA not at risk' })).toMatch(/^@Alice Nguyen: .*Reason: SLA not at risk$/);
  });
});
