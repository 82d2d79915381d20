// WF-2: the live runbook checklist of an emergency — ticked by the actions themselves.
import type { Temporal } from '../kernel/time.ts';
import type { EmergencyConfig } from './config.ts';
import type { RunbookItem, RunbookTick } from './decision.ts';

export const RUNBOOK: readonly { item: RunbookItem; label: string }[] = [
  { item: 'acknowledged', label: 'Acknowledge the page' },
  { item: 'entitlement_checked', label: 'Check entitlement' },
  { item: 'qualified', label: 'Qualify the emergency (strict / exception / not an emergency)' },
  { item: 'public_reply_sent', label: 'Send a public reply to the customer' },
  { item: 'page_resolved', label: 'Resolve the page (after the public reply)' },
  { item: 'thread_opened', label: 'Open the emergency thread' },
  { item: 'follow_up_sent', label: 'Send the silence follow-up (bridge link, 15 more minutes)' },
  { item: 'post_call_notes', label: 'Write post-call notes (public summary + internal notes)' },
  { item: 'next_engineer_tagged', label: 'Tag the next on-call engineer in the thread' },
  { item: 'follow_up_ticket_linked', label: 'Link the follow-up ticket' },
];

export type RunbookEvent =
  | { kind: 'page_acknowledged' }
  | { kind: 'entitlement_checked' }
  | { kind: 'qualified'; final: boolean }
  | { kind: 'public_comment'; byAgent: boolean }
  | { kind: 'page_resolved' }
  | { kind: 'thread_opened' }
  | { kind: 'silence_follow_up_sent' }
  | { kind: 'post_call_notes' }
  | { kind: 'next_engineer_tagged' }
  | { kind: 'follow_up_linked' };

/** Which items an event ticks (ticks are idempotent: the first instant is kept). */
export function ticksForEvent(ticketId: string, e: RunbookEvent): RunbookTick[] {
  const t = (item: RunbookItem): RunbookTick[] => [{ ticketId, item }];
  switch (e.kind) {
    case 'page_acknowledged':
      return t('acknowledged');
    case 'entitlement_checked':
      return t('entitlement_checked');
    case 'qualified':
      return e.final ? t('qualified') : []; // needs-more-info is not a final verdict
    case 'public_comment':
      return e.byAgent ? t('public_reply_sent') : [];
    case 'page_resolved':
      return t('page_resolved');
    case 'thread_opened':
      return t('thread_opened');
    case 'silence_follow_up_sent':
      return t('follow_up_sent');
    case 'post_call_notes':
      return t('post_call_notes');
    case 'next_engineer_tagged':
      return t('next_engineer_tagged');
    case 'follow_up_linked':
      return t('follow_up_ticket_linked');
  }
}

export interface RunbookFacts {
  createdAt: Temporal.Instant;
  done: Partial<Record<RunbookItem, Temporal.Instant>>;
  /** False for emergencies that were never paged (e.g. US-government off hours). */
  paged: boolean;
  firstPublicReplyAt: Temporal.Instant | null;
  /** First customer reply after our first public reply. */
  customerRepliedAt: Temporal.Instant | null;
  callEndedAt: Temporal.Instant | null;
  solved: boolean;
  /** Set when the engineer decided no follow-up ticket is needed. */
  noFollowUpNeeded?: boolean;
}

export type ItemStatus = 'done' | 'pending' | 'overdue' | 'not_applicable';

export interface RunbookItemState {
  item: RunbookItem;
  label: string;
  status: ItemStatus;
  dueAt: Temporal.Instant | null;
  doneAt: Temporal.Instant | null;
}

export interface RunbookState {
  items: RunbookItemState[];
  overdue: RunbookItem[];
  /** The step to show next: the most overdue item, else the first pending one in runbook order. */
  next: RunbookItemState | null;
}

const ms = (i: Temporal.Instant) => i.epochMilliseconds;

function applicability(item: RunbookItem, f: RunbookFacts, config: EmergencyConfig): { applicable: boolean; dueAt: Temporal.Instant | null } {
  const fromCreation = (k: keyof EmergencyConfig['runbookDueMinutes']) => {
    const m = config.runbookDueMinutes[k];
    return m === undefined ? null : f.createdAt.add({ minutes: m });
  };
  switch (item) {
    case 'acknowledged':
    case 'page_resolved':
      return { applicable: f.paged, dueAt: fromCreation(item) };
    case 'entitlement_checked':
    case 'qualified':
    case 'public_reply_sent':
    case 'thread_opened':
      return { applicable: true, dueAt: fromCreation(item) };
    case 'follow_up_sent': {
      if (!f.firstPublicReplyAt) return { applicable: false, dueAt: null };
      const due = f.firstPublicReplyAt.add({ minutes: config.silence.followUpAfterMinutes });
      const answered = f.customerRepliedAt !== null && ms(f.customerRepliedAt) < ms(due);
      return { applicable: !answered, dueAt: due };
    }
    case 'post_call_notes':
    case 'next_engineer_tagged':
      return f.callEndedAt ? { applicable: true, dueAt: f.callEndedAt.add({ minutes: config.runbookAfterCallMinutes }) } : { applicable: false, dueAt: null };
    case 'follow_up_ticket_linked':
      return { applicable: f.solved && !f.noFollowUpNeeded, dueAt: null };
  }
}

export function runbookState(facts: RunbookFacts, now: Temporal.Instant, config: EmergencyConfig): RunbookState {
  const items: RunbookItemState[] = RUNBOOK.map(({ item, label }) => {
    const doneAt = facts.done[item] ?? null;
    const { applicable, dueAt } = applicability(item, facts, config);
    let status: ItemStatus;
    if (doneAt) status = 'done';
    else if (!applicable) status = 'not_applicable';
    else status = dueAt && ms(now) > ms(dueAt) ? 'overdue' : 'pending';
    return { item, label, status, dueAt, doneAt };
  });
  const overdueItems = items.filter((i) => i.status === 'overdue').sort((a, b) => ms(a.dueAt!) - ms(b.dueAt!));
  const next = overdueItems[0] ?? items.find((i) => i.status === 'pending') ?? null;
  return { items, overdue: overdueItems.map((i) => i.item), next };
}
