// The page state machine (PG-1, PG-2, PG-4). Pure: the service loads the page, calls one of the
// transitions here, and writes the returned page + timeline entries in one transaction.
import type { Temporal } from '../kernel/time.ts';
import { conflict, forbidden, invalid } from '../kernel/errors.ts';
import { NOT_ENGAGED_NOTE, type PageStatus } from './page-status.ts';

// What each status means lives with the statuses; the state machine below moves between them.
export * from './page-status.ts';

export type PageUrgency = 'high' | 'low';

export interface Page {
  id: string;
  /** Short human number, used in SMS replies ("ACK 123") and titles. */
  number: number;
  serviceId: string;
  title: string;
  ticketId: string | null;
  dedupKey: string | null;
  urgency: PageUrgency;
  status: PageStatus;
  escalationPolicyId: string | null;
  /** 0-based index of the escalation level currently notified. */
  escalationLevel: number;
  /** How many times the policy has wrapped around (repeat). */
  escalationLoop: number;
  /** When the current level started: the escalation timer counts from here. */
  levelStartedAt: Temporal.Instant;
  /** Users currently assigned (notified by the current level or a reassignment). */
  targetUserIds: string[];
  /** SCH-7: shadows are notified alongside but can never own the page. */
  shadowUserIds: string[];
  acknowledgedBy: string | null;
  acknowledgedAt: Temporal.Instant | null;
  resolvedBy: string | null;
  resolvedAt: Temporal.Instant | null;
  triggeredAt: Temporal.Instant;
  /** Events v2 triggers folded into this page by dedup (PG-8). */
  alertCount: number;
  /**
   * 0 at trigger, +1 on every escalate, reassign and un-acknowledge: the `cycle` of the delivery
   * idempotency keys, so someone notified again at a later level is really notified again.
   */
  notificationCycle: number;
}

export type PageActor =
  | { kind: 'user'; userId: string; roles: readonly string[] }
  | { kind: 'system'; name: string };

export type PageTransition =
  | { kind: 'acknowledge'; actor: PageActor; at: Temporal.Instant }
  | {
      kind: 'resolve';
      actor: PageActor;
      at: Temporal.Instant;
      note?: string;
      /**
       * The page's subject (its emergency, its incident) is over and the system closes the page so
       * it stops escalating. `engaged` says whether a public reply ever reached the customer: when
       * false the timeline says the page closed without engagement, so "resolved" is never read
       * as PG-1's "I have engaged the customer" for it. Only the system may end a page this way.
       */
      subjectEnded?: { reason: string; engaged: boolean };
    }
  | {
      kind: 'escalate';
      actor: PageActor;
      at: Temporal.Instant;
      reason: 'manual' | 'timeout';
      /** For timeouts: the level the timer was armed for; a mismatch means the timer is stale. */
      fromLevel?: number;
      /** Computed by escalation.ts (nextLevel + levelUsers). */
      to: { level: number; loop: number; targetUserIds: string[] };
    }
  | { kind: 'reassign'; actor: PageActor; at: Temporal.Instant; toUserIds: string[] }
  | {
      kind: 'unacknowledge';
      actor: PageActor;
      at: Temporal.Instant;
      reason: 'ack_timeout';
      /** The acknowledgement the timer was armed for; a newer ack makes the timer stale. */
      acknowledgedAt: Temporal.Instant;
    };

export type PageTransitionKind = PageTransition['kind'];

/** A rule from another capability that may refuse a transition (PG-2 lives in emergencies). */
export type PageVeto = (page: Page, transition: PageTransition) => null | { code: string; reason: string };

export interface PageTimelineEntry {
  pageId: string;
  at: Temporal.Instant;
  type: `page.${'triggered' | 'acknowledged' | 'resolved' | 'escalated' | 'reassigned' | 'unacknowledged' | 'alert_appended'}`;
  actorUserId: string | null;
  actorSystem: string | null;
  fromStatus: PageStatus | null;
  toStatus: PageStatus;
  details: Record<string, unknown>;
}

export interface PageRules {
  /** Roles that may act on any page (acknowledge someone else's page, reassign, bulk). */
  managerRoles: readonly string[];
  /** Un-acknowledge an acknowledged page after this many minutes; null = never. */
  ackTimeoutMinutes: number | null;
}
// The seeds name no ack timeout, so it is off by default.
export const DEFAULT_PAGE_RULES: PageRules = { managerRoles: ['manager', 'admin'], ackTimeoutMinutes: null };

export interface TransitionResult {
  page: Page;
  timeline: PageTimelineEntry[];
}

export interface NewPageInput {
  id: string;
  number: number;
  serviceId: string;
  title: string;
  ticketId?: string | null;
  dedupKey?: string | null;
  urgency?: PageUrgency;
  escalationPolicyId: string | null;
  targetUserIds: string[];
  shadowUserIds?: string[];
  actor: PageActor;
  at: Temporal.Instant;
}

export function triggerPage(input: NewPageInput): TransitionResult {
  if (!input.title.trim()) throw invalid('page.title_required', 'A page needs a title (for a manual page, the ticket number).');
  const page: Page = {
    id: input.id,
    number: input.number,
    serviceId: input.serviceId,
    title: input.title,
    ticketId: input.ticketId ?? null,
    dedupKey: input.dedupKey ?? null,
    urgency: input.urgency ?? 'high',
    status: 'triggered',
    escalationPolicyId: input.escalationPolicyId,
    escalationLevel: 0,
    escalationLoop: 0,
    levelStartedAt: input.at,
    targetUserIds: unique(input.targetUserIds),
    shadowUserIds: unique(input.shadowUserIds ?? []).filter((u) => !input.targetUserIds.includes(u)),
    acknowledgedBy: null,
    acknowledgedAt: null,
    resolvedBy: null,
    resolvedAt: null,
    triggeredAt: input.at,
    alertCount: 1,
    notificationCycle: 0,
  };
  return { page, timeline: [entry(page, 'page.triggered', input.actor, input.at, null, { targetUserIds: page.targetUserIds })] };
}

/** PG-8: a further trigger with the same dedup key on an open page. */
export function appendAlert(page: Page, actor: PageActor, at: Temporal.Instant, details: Record<string, unknown> = {}): TransitionResult {
  if (page.status === 'resolved') {
    throw conflict('page.already_resolved', `Page #${page.number} is resolved; a new trigger opens a new page.`, { pageId: page.id });
  }
  const next = { ...page, alertCount: page.alertCount + 1 };
  return { page: next, timeline: [entry(next, 'page.alert_appended', actor, at, page.status, { alertCount: next.alertCount, ...details })] };
}

export function isManager(actor: PageActor, rules: PageRules = DEFAULT_PAGE_RULES): boolean {
  return actor.kind === 'user' && actor.roles.some((r) => rules.managerRoles.includes(r));
}

export function isCurrentTarget(page: Page, userId: string): boolean {
  return page.targetUserIds.includes(userId) || page.acknowledgedBy === userId;
}

/**
 * Applies one transition. Throws conflict (wrong state / stale timer / veto), forbidden (not
 * allowed to act) or invalid (bad input). Vetoes run after the built-in checks, in order.
 */
export function applyTransition(
  page: Page,
  t: PageTransition,
  options: { vetoes?: readonly PageVeto[]; rules?: PageRules } = {},
): TransitionResult {
  const rules = options.rules ?? DEFAULT_PAGE_RULES;
  checkTransition(page, t, rules);
  for (const veto of options.vetoes ?? []) {
    const refusal = veto(page, t);
    if (refusal) throw conflict(refusal.code, refusal.reason, { pageId: page.id, transition: t.kind });
  }
  return perform(page, t);
}

/** The built-in checks alone, for UIs that want to grey out buttons. */
export function checkTransition(page: Page, t: PageTransition, rules: PageRules = DEFAULT_PAGE_RULES): void {
  const ref = `Page #${page.number}`;
  if (page.status === 'resolved') {
    throw conflict('page.already_resolved', `${ref} is already resolved; trigger a new page if more help is needed.`, { pageId: page.id });
  }
  switch (t.kind) {
    case 'acknowledge': {
      if (page.status === 'acknowledged') {
        throw conflict('page.already_acknowledged', `${ref} is already acknowledged by ${page.acknowledgedBy ?? 'someone'}; reassign it to take it over.`, {
          pageId: page.id,
          acknowledgedBy: page.acknowledgedBy,
        });
      }
      if (t.actor.kind === 'user' && page.shadowUserIds.includes(t.actor.userId) && !isManager(t.actor, rules)) {
        // SCH-7
        throw forbidden('page.shadow_cannot_own', `${ref}: shadows follow along but cannot acknowledge; ask the on-call engineer.`, { pageId: page.id });
      }
      requireTargetOrManager(page, t.actor, rules, 'acknowledge');
      return;
    }
    case 'resolve':
      if (t.subjectEnded && t.actor.kind !== 'system') {
        throw forbidden('page.subject_ended_system_only', `${ref}: only the system closes a page because its emergency ended; resolve it after replying to the customer.`, { pageId: page.id });
      }
      requireTargetOrManager(page, t.actor, rules, 'resolve');
      return;
    case 'escalate': {
      if (t.reason === 'timeout') {
        if (t.actor.kind !== 'system') throw invalid('page.escalation_reason', 'Only the escalation timer escalates with reason "timeout".');
        if (page.status !== 'triggered' || (t.fromLevel !== undefined && t.fromLevel !== page.escalationLevel)) {
          throw conflict('page.escalation_stale', `${ref}: the escalation timer no longer applies (the page was acknowledged or moved on).`, {
            pageId: page.id,
            status: page.status,
            escalationLevel: page.escalationLevel,
          });
        }
      } else {
        // PG-4: a target may escalate instead of acknowledging (busy with another emergency).
        requireTargetOrManager(page, t.actor, rules, 'escalate');
      }
      if (t.to.level === page.escalationLevel && t.to.loop === page.escalationLoop) {
        throw invalid('page.escalation_nowhere', `${ref}: the escalation does not move the page to another level; reassign it instead.`);
      }
      return;
    }
    case 'reassign': {
      if (unique(t.toUserIds).length === 0) throw invalid('page.reassign_empty', 'Name at least one user to reassign the page to.');
      requireTargetOrManager(page, t.actor, rules, 'reassign');
      const shadow = t.toUserIds.find((u) => page.shadowUserIds.includes(u));
      if (shadow) throw invalid('page.shadow_cannot_own', `${shadow} is shadowing this page and cannot own it (SCH-7).`, { userId: shadow });
      return;
    }
    case 'unacknowledge': {
      if (page.status !== 'acknowledged' || !page.acknowledgedAt || !page.acknowledgedAt.equals(t.acknowledgedAt)) {
        throw conflict('page.unack_stale', `${ref}: the acknowledgement timer no longer applies.`, { pageId: page.id, status: page.status });
      }
      if (t.actor.kind !== 'system' && !isManager(t.actor, rules)) {
        throw forbidden('page.not_your_page', 'Only the acknowledgement timer or a manager may un-acknowledge a page.', { pageId: page.id });
      }
      return;
    }
  }
}

function requireTargetOrManager(page: Page, actor: PageActor, rules: PageRules, verb: string): void {
  if (actor.kind === 'system') return; // integrations (events API) and timers act for the service
  if (isCurrentTarget(page, actor.userId) || isManager(actor, rules)) return;
  throw forbidden('page.not_your_page', `Page #${page.number} is not assigned to you; a manager or one of its current targets may ${verb} it.`, {
    pageId: page.id,
    targetUserIds: page.targetUserIds,
  });
}

function perform(page: Page, t: PageTransition): TransitionResult {
  const from = page.status;
  switch (t.kind) {
    case 'acknowledge': {
      const owner = t.actor.kind === 'user' ? t.actor.userId : null;
      const next: Page = { ...page, status: 'acknowledged', acknowledgedBy: owner, acknowledgedAt: t.at };
      // WF-6: whoever acknowledges owns it; they join the targets if a manager took it.
      if (owner && !next.targetUserIds.includes(owner)) next.targetUserIds = [...next.targetUserIds, owner];
      return one(next, 'page.acknowledged', t.actor, t.at, from, {});
    }
    case 'resolve': {
      const next: Page = { ...page, status: 'resolved', resolvedBy: t.actor.kind === 'user' ? t.actor.userId : null, resolvedAt: t.at };
      if (t.subjectEnded) {
        const { reason, engaged } = t.subjectEnded;
        return one(next, 'page.resolved', t.actor, t.at, from, {
          reason, subjectEnded: true, engaged,
          ...(engaged ? {} : { note: NOT_ENGAGED_NOTE }),
        });
      }
      return one(next, 'page.resolved', t.actor, t.at, from, t.note ? { note: t.note } : {});
    }
    case 'escalate': {
      const next: Page = {
        ...page,
        status: 'triggered',
        escalationLevel: t.to.level,
        escalationLoop: t.to.loop,
        levelStartedAt: t.at,
        targetUserIds: unique(t.to.targetUserIds),
        acknowledgedBy: null,
        acknowledgedAt: null,
        notificationCycle: page.notificationCycle + 1,
      };
      return one(next, 'page.escalated', t.actor, t.at, from, {
        reason: t.reason,
        fromLevel: page.escalationLevel,
        toLevel: t.to.level,
        loop: t.to.loop,
        targetUserIds: next.targetUserIds,
        previousTargetUserIds: page.targetUserIds,
      });
    }
    case 'reassign': {
      // The new assignees get a fresh ack window at the same level; escalation continues from there.
      const next: Page = {
        ...page,
        status: 'triggered',
        levelStartedAt: t.at,
        targetUserIds: unique(t.toUserIds),
        acknowledgedBy: null,
        acknowledgedAt: null,
        notificationCycle: page.notificationCycle + 1,
      };
      return one(next, 'page.reassigned', t.actor, t.at, from, { targetUserIds: next.targetUserIds, previousTargetUserIds: page.targetUserIds });
    }
    case 'unacknowledge': {
      const next: Page = {
        ...page,
        status: 'triggered',
        levelStartedAt: t.at,
        acknowledgedBy: null,
        acknowledgedAt: null,
        notificationCycle: page.notificationCycle + 1,
      };
      return one(next, 'page.unacknowledged', t.actor, t.at, from, { reason: t.reason, previousOwner: page.acknowledgedBy });
    }
  }
}

/**
 * PG-2 as a veto: a page may be resolved only once its ticket has a public reply. The service
 * knows whether the reply exists (tickets capability) and passes it in.
 */
export function resolveNeedsPublicReply(hasPublicReply: (page: Page) => boolean): PageVeto {
  return (page, t) =>
    t.kind === 'resolve' && !t.subjectEnded && page.ticketId !== null && !hasPublicReply(page)
      ? { code: 'page.public_reply_required', reason: `Send a public reply on the ticket before resolving page #${page.number}: resolved means the customer has been engaged.` }
      : null;
}

/** When an acknowledged page falls back to triggered, if the rules say so. */
export function ackTimeoutAt(page: Page, rules: PageRules = DEFAULT_PAGE_RULES): Temporal.Instant | null {
  if (page.status !== 'acknowledged' || !page.acknowledgedAt || rules.ackTimeoutMinutes === null) return null;
  return page.acknowledgedAt.add({ minutes: rules.ackTimeoutMinutes });
}

/** The replace key of a page's un-acknowledge timer (one upsert re-arms or cancels it). */
export const ackTimeoutKey = (pageId: string) => `page:${pageId}:ack-timeout`;

function one(page: Page, type: PageTimelineEntry['type'], actor: PageActor, at: Temporal.Instant, from: PageStatus, details: Record<string, unknown>): TransitionResult {
  return { page, timeline: [entry(page, type, actor, at, from, details)] };
}

function entry(
  page: Page,
  type: PageTimelineEntry['type'],
  actor: PageActor,
  at: Temporal.Instant,
  from: PageStatus | null,
  details: Record<string, unknown>,
): PageTimelineEntry {
  return {
    pageId: page.id,
    at,
    type,
    actorUserId: actor.kind === 'user' ? actor.userId : null,
    actorSystem: actor.kind === 'system' ? actor.name : null,
    fromStatus: from,
    toStatus: page.status,
    details,
  };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

