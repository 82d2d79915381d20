// The one output shape of every emergency rule: plain data the service writes in one transaction
// (state + timeline + jobs). Rules never perform the effects themselves.
import { ticketPageTitle } from '../kernel/page-title.ts';
import type { Temporal } from '../kernel/time.ts';

export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type TicketStatus = 'new' | 'open' | 'pending' | 'on-hold' | 'solved' | 'closed';
export type TicketForm = 'self-managed' | 'saas' | 'licensing' | 'us-government' | 'dedicated';
export type TicketStage = 'first-reply' | 'next-reply';
export type Region = 'AMER' | 'EMEA' | 'APAC';

/** The narrow view of a ticket the emergency rules need (the tickets folder owns the real one). */
export interface EmergencyTicket {
  id: string;
  /** Human ticket number, used in thread titles and page titles. */
  number: number;
  form: TicketForm;
  priority: Priority;
  status: TicketStatus;
  tags: string[];
  assignee: string | null;
  requesterEmail: string;
  orgId: string | null;
  createdAt: Temporal.Instant;
  /** The ticket's subject and its organisation's name: what a page title (a phone notification) says. */
  subject?: string;
  orgName?: string | null;
}

/**
 * The title of a page raised for this ticket: the first line a phone notification shows, so it says
 * whose emergency and what is wrong ("Acme Corp — Prod down: 502 on every push (ticket 18)").
 */
export function pageTitle(t: EmergencyTicket): string {
  return ticketPageTitle({ number: t.number, subject: t.subject, who: t.orgName || t.requesterEmail });
}

/** The schedules folder's answer to "who is on call for this rotation at this instant". */
export interface OnCallAnswer {
  engineers: string[];
  dri: string | null;
  manager: string | null;
  singleEngineer: boolean;
  /** Region of the rotation layer answering (follow-the-sun); null for non-regional rotations. */
  region: Region | null;
}

export interface FieldChanges {
  priority?: Priority;
  status?: TicketStatus;
  form?: TicketForm;
  stage?: TicketStage;
  assignee?: string | null;
  addTags?: string[];
  removeTags?: string[];
  addFollowers?: string[];
  addCcs?: string[];
}

export interface TicketChange {
  ticketId: string;
  fields: FieldChanges;
}

export interface CommentOut {
  ticketId: string;
  visibility: 'public' | 'internal';
  body: string;
  /** Macro to apply with this comment (its own fields/tags are applied by the tickets service). */
  macro?: string;
}

export type PageTargetKind = 'rotation' | 'user' | 'manager_on_call' | 'backup_pool';

export interface PageOut {
  ticketId: string;
  /** The rotation / pool whose escalation policy the page follows (PG-3). */
  target: { kind: PageTargetKind; id: string };
  /** Who is notified first (the DRI, a free overlapping engineer, the manager); null = policy decides. */
  assignTo: string | null;
  title: string;
  reason: string;
}

export interface ThreadPost {
  /** null for channel posts about no single ticket (incident announcements). */
  ticketId: string | null;
  channel: string;
  /** 'open' starts the emergency's thread; 'reply' posts into it; 'channel' posts at top level. */
  mode: 'open' | 'reply' | 'channel';
  text: string;
}

export interface MentionOut {
  ticketId: string;
  /** An e-mail of a person or a group handle (e.g. @support-team-americas). */
  who: string;
  reason: string;
}

export type TimerKind =
  | 'silence-followup'
  | 'silence-bridge-close'
  | 'handoff-reminder'
  | 'handoff-unaccepted'
  | 'usgov-business-hours';

/**
 * What each timer does when the engine claims it after its instant (DESIGN: timers state their
 * late behaviour). 'fire' = run the rule now (it reports the lateness); 'skip' = drop it.
 */
export const TIMER_LATE_POLICY: Record<TimerKind, 'fire' | 'skip'> = {
  'silence-followup': 'fire', // still owed to the customer; re-arms the bridge close (WF-5)
  'silence-bridge-close': 'fire', // closing later than promised is harmless (WF-5)
  'handoff-reminder': 'skip', // useless once the shift has ended; the hand-off itself runs (SCH-10)
  'handoff-unaccepted': 'fire', // an emergency must never stay without a DRI (SCH-10)
  'usgov-business-hours': 'fire', // the off-hours emergency still needs its follow-up (WF-14)
};

export interface TimerSet {
  kind: TimerKind;
  /** Replace key: re-arming is one upsert (`ticket:123:silence-followup`). */
  key: string;
  ticketId: string | null;
  at: Temporal.Instant;
  /** What the engine does when the timer is claimed after its instant (downtime). */
  onLate: 'fire' | 'skip';
  payload?: Record<string, unknown>;
}

export interface TimerCancel {
  key: string;
  reason: string;
}

export type RunbookItem =
  | 'acknowledged'
  | 'entitlement_checked'
  | 'qualified'
  | 'public_reply_sent'
  | 'page_resolved'
  | 'thread_opened'
  | 'follow_up_sent'
  | 'post_call_notes'
  | 'next_engineer_tagged'
  | 'follow_up_ticket_linked';

export interface RunbookTick {
  ticketId: string;
  item: RunbookItem;
}

/** Things the service must persist besides ticket fields (records, links, guards). */
export type RecordOut =
  | { kind: 'link'; ticketId: string; otherTicketId: string; relation: 'follow_up' | 'related' }
  | { kind: 'merge'; ticketId: string; intoTicketId: string }
  | {
      kind: 'create_follow_up_ticket';
      fromTicketId: string;
      requesterEmail: string;
      subject: string;
      body: string;
      priority: Priority;
      form: TicketForm;
      assignee: string | null;
      /** After creating it: link it as follow-up (WF-9) or merge the emergency into it (WF-8). */
      then: 'link' | 'merge';
    }
  | { kind: 'incident'; tag: string; incidentNumber: number; ticketIds: string[]; statusPageUrl: string | null; incidentIssueUrl: string | null }
  | { kind: 'after_hours_exception'; ticketId: string; engineer: string; manager: string | null }
  | { kind: 'pairing'; ticketId: string; label: string; people: string[] }
  | { kind: 'two_way_door'; ticketId: string; action: string; detail: string; by: string }
  | { kind: 'developer_escalation'; ticketId: string; requestedBy: string; manager: string | null }
  | { kind: 'trial_extension'; ticketId: string; namespace: string; plan: string; endsOn: string }
  | { kind: 'guard'; ticketId: string; guard: GuardName; active: boolean };

/** Guards block an action until cleared (WF-13: no call before the manager is engaged). */
export type GuardName = 'call_needs_manager' | 'trial_change_needs_written_confirmation';

/** What the engineer is shown (verdicts, planned-work notes, CMOC contact, suggestions). */
export interface NoticeOut {
  ticketId: string | null;
  code: string;
  text: string;
  audience: 'engineer' | 'manager' | 'team';
}

export interface Decision {
  ticketChanges: TicketChange[];
  comments: CommentOut[];
  pages: PageOut[];
  threadPosts: ThreadPost[];
  mentions: MentionOut[];
  timersToSet: TimerSet[];
  timersToCancel: TimerCancel[];
  runbookTicks: RunbookTick[];
  records: RecordOut[];
  notices: NoticeOut[];
}

export function emptyDecision(): Decision {
  return {
    ticketChanges: [],
    comments: [],
    pages: [],
    threadPosts: [],
    mentions: [],
    timersToSet: [],
    timersToCancel: [],
    runbookTicks: [],
    records: [],
    notices: [],
  };
}

/** Concatenates decisions; field changes for the same ticket are folded into one, later wins. */
export function mergeDecisions(...ds: Partial<Decision>[]): Decision {
  const out = emptyDecision();
  for (const d of ds) {
    for (const k of Object.keys(out) as (keyof Decision)[]) {
      const v = d[k];
      if (v) (out[k] as unknown[]).push(...(v as unknown[]));
    }
  }
  out.ticketChanges = foldChanges(out.ticketChanges);
  return out;
}

function foldChanges(changes: TicketChange[]): TicketChange[] {
  const byId = new Map<string, FieldChanges>();
  for (const c of changes) {
    const prev = byId.get(c.ticketId) ?? {};
    const next: FieldChanges = { ...prev, ...c.fields };
    for (const list of ['addTags', 'removeTags', 'addFollowers', 'addCcs'] as const) {
      const merged = [...(prev[list] ?? []), ...(c.fields[list] ?? [])];
      if (merged.length) next[list] = [...new Set(merged)];
    }
    byId.set(c.ticketId, next);
  }
  return [...byId].map(([ticketId, fields]) => ({ ticketId, fields }));
}

/** Small builder so rules read as a list of effects. */
export class DecisionBuilder {
  readonly d = emptyDecision();
  change(ticketId: string, fields: FieldChanges): this {
    this.d.ticketChanges.push({ ticketId, fields });
    return this;
  }
  comment(ticketId: string, visibility: 'public' | 'internal', body: string, macro?: string): this {
    this.d.comments.push(macro ? { ticketId, visibility, body, macro } : { ticketId, visibility, body });
    return this;
  }
  page(p: PageOut): this {
    this.d.pages.push(p);
    return this;
  }
  post(p: ThreadPost): this {
    this.d.threadPosts.push(p);
    return this;
  }
  mention(ticketId: string, who: string, reason: string): this {
    this.d.mentions.push({ ticketId, who, reason });
    return this;
  }
  timer(t: TimerSet): this {
    this.d.timersToSet.push(t);
    return this;
  }
  cancel(key: string, reason: string): this {
    this.d.timersToCancel.push({ key, reason });
    return this;
  }
  tick(ticketId: string, ...items: RunbookItem[]): this {
    for (const item of items) this.d.runbookTicks.push({ ticketId, item });
    return this;
  }
  record(r: RecordOut): this {
    this.d.records.push(r);
    return this;
  }
  notice(ticketId: string | null, code: string, text: string, audience: NoticeOut['audience'] = 'engineer'): this {
    this.d.notices.push({ ticketId, code, text, audience });
    return this;
  }
  build(): Decision {
    return mergeDecisions(this.d);
  }
}

export function timerKey(ticketId: string, kind: TimerKind): string {
  return `ticket:${ticketId}:${kind}`;
}
