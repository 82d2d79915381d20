import { describe, it, expect } from 'vitest';
import { instant } from '../kernel/time.ts';
import { DomainError } from '../kernel/errors.ts';
import {
  applyTransition,
  appendAlert,
  ackTimeoutAt,
  checkTransition,
  DEFAULT_PAGE_STATUS_MEANINGS,
  isDeliveryStillWanted,
  pageStatusMeaning,
  PAGE_RESOLVED_CAVEAT,
  resolveNeedsPublicReply,
  triggerPage,
  type Page,
  type PageActor,
  type PageTransition,
  type PageVeto,
} from './page.ts';

const T0 = instant('2026-03-02T16:00:00Z');
const T1 = instant('2026-03-02T16:04:00Z');
const alice: PageActor = { kind: 'user', userId: 'alice', roles: ['engineer'] };
const bob: PageActor = { kind: 'user', userId: 'bob', roles: ['engineer'] };
const shadow: PageActor = { kind: 'user', userId: 'sam', roles: ['engineer'] };
const manager: PageActor = { kind: 'user', userId: 'mia', roles: ['manager'] };
const timer: PageActor = { kind: 'system', name: 'escalation-timer' };

function fresh(over: Partial<Page> = {}): Page {
  const { page } = triggerPage({
    id: 'p1',
    number: 123,
    serviceId: 'customer-support',
    title: 'Ticket 4711',
    ticketId: 't4711',
    escalationPolicyId: 'demo',
    targetUserIds: ['alice'],
    shadowUserIds: ['sam'],
    actor: { kind: 'system', name: 'intake' },
    at: T0,
  });
  return { ...page, ...over };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}:${e.code}`;
    throw e;
  }
  return 'ok';
}

describe('page status meanings', () => {
  it('PG-1: each status has its fixed meaning from the seed', () => {
    expect(pageStatusMeaning('triggered')).toBe('A customer has requested the attention of the on-call engineer');
    expect(pageStatusMeaning('acknowledged')).toBe('I have seen the page and am reviewing the ticket');
    expect(pageStatusMeaning('resolved')).toBe("I've engaged with the customer by sending a reply to the emergency ticket");
  });
  it('PG-1: resolved never claims the problem is solved', () => {
    expect(DEFAULT_PAGE_STATUS_MEANINGS.resolved).not.toMatch(/solved|fixed/i);
    expect(PAGE_RESOLVED_CAVEAT).toMatch(/does not mean/);
  });
  it('PG-1: meanings are configuration', () => {
    expect(pageStatusMeaning('triggered', { ...DEFAULT_PAGE_STATUS_MEANINGS, triggered: 'x' })).toBe('x');
  });
});

describe('page transitions', () => {
  const acked = () => applyTransition(fresh(), { kind: 'acknowledge', actor: alice, at: T1 }).page;
  const resolved = () => applyTransition(acked(), { kind: 'resolve', actor: alice, at: T1 }).page;
  const esc = (actor: PageActor, reason: 'manual' | 'timeout' = 'manual', fromLevel?: number): PageTransition => ({
    kind: 'escalate',
    actor,
    at: T1,
    reason,
    fromLevel,
    to: { level: 1, loop: 0, targetUserIds: ['mia'] },
  });

  const cases: Array<[string, () => Page, PageTransition, string]> = [
    ['PG-1: target acknowledges a triggered page', fresh, { kind: 'acknowledge', actor: alice, at: T1 }, 'ok'],
    ['PG-1: acknowledging twice is a conflict', acked, { kind: 'acknowledge', actor: alice, at: T1 }, 'conflict:page.already_acknowledged'],
    ['PG-1: someone else cannot acknowledge my page', fresh, { kind: 'acknowledge', actor: bob, at: T1 }, 'forbidden:page.not_your_page'],
    ['PG-1: a manager may acknowledge anyone\'s page', fresh, { kind: 'acknowledge', actor: manager, at: T1 }, 'ok'],
    ['SCH-7: a shadow cannot own the page', fresh, { kind: 'acknowledge', actor: shadow, at: T1 }, 'forbidden:page.shadow_cannot_own'],
    ['PG-1: resolve from acknowledged', acked, { kind: 'resolve', actor: alice, at: T1 }, 'ok'],
    ['PG-1: resolve straight from triggered', fresh, { kind: 'resolve', actor: alice, at: T1 }, 'ok'],
    ['PG-1: resolving a resolved page is a conflict', resolved, { kind: 'resolve', actor: alice, at: T1 }, 'conflict:page.already_resolved'],
    ['PG-1: acknowledging a resolved page is a conflict', resolved, { kind: 'acknowledge', actor: alice, at: T1 }, 'conflict:page.already_resolved'],
    ['PG-1: a stranger cannot resolve', acked, { kind: 'resolve', actor: bob, at: T1 }, 'forbidden:page.not_your_page'],
    ['PG-4: target escalates instead of acknowledging', fresh, esc(alice), 'ok'],
    ['PG-4: an acknowledged page can be escalated by its owner', acked, esc(alice), 'ok'],
    ['PG-4: a stranger cannot escalate', fresh, esc(bob), 'forbidden:page.not_your_page'],
    ['PG-3: timeout escalation on a triggered page', fresh, esc(timer, 'timeout', 0), 'ok'],
    ['PG-3: timeout after acknowledgement is stale', acked, esc(timer, 'timeout', 0), 'conflict:page.escalation_stale'],
    ['PG-3: timeout armed for another level is stale', fresh, esc(timer, 'timeout', 2), 'conflict:page.escalation_stale'],
    ['PG-3: only a timer escalates by timeout', fresh, esc(alice, 'timeout', 0), 'invalid:page.escalation_reason'],
    ['PG-3: reassign by manager', acked, { kind: 'reassign', actor: manager, at: T1, toUserIds: ['bob'] }, 'ok'],
    ['PG-3: reassign to nobody is invalid', acked, { kind: 'reassign', actor: manager, at: T1, toUserIds: [] }, 'invalid:page.reassign_empty'],
    ['PG-3: a stranger cannot reassign', acked, { kind: 'reassign', actor: bob, at: T1, toUserIds: ['bob'] }, 'forbidden:page.not_your_page'],
    ['SCH-7: cannot reassign to a shadow', acked, { kind: 'reassign', actor: manager, at: T1, toUserIds: ['sam'] }, 'invalid:page.shadow_cannot_own'],
    ['PG-1: un-acknowledge on timeout', acked, { kind: 'unacknowledge', actor: timer, at: T1, reason: 'ack_timeout', acknowledgedAt: T1 }, 'ok'],
    ['PG-1: un-acknowledge timer for an older ack is stale', acked, { kind: 'unacknowledge', actor: timer, at: T1, reason: 'ack_timeout', acknowledgedAt: T0 }, 'conflict:page.unack_stale'],
    ['PG-1: un-acknowledge a triggered page is stale', fresh, { kind: 'unacknowledge', actor: timer, at: T1, reason: 'ack_timeout', acknowledgedAt: T1 }, 'conflict:page.unack_stale'],
  ];
  it.each(cases)('%s', (_name, make, t, expected) => {
    expect(codeOf(() => applyTransition(make(), t))).toBe(expected);
  });

  it('PG-1: acknowledge records owner, time and a timeline entry', () => {
    const r = applyTransition(fresh(), { kind: 'acknowledge', actor: alice, at: T1 });
    expect(r.page).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'alice' });
    expect(r.page.acknowledgedAt?.equals(T1)).toBe(true);
    expect(r.timeline).toEqual([expect.objectContaining({ type: 'page.acknowledged', actorUserId: 'alice', fromStatus: 'triggered', toStatus: 'acknowledged' })]);
  });

  it('WF-6: a manager who acknowledges becomes owner and a target', () => {
    const r = applyTransition(fresh(), { kind: 'acknowledge', actor: manager, at: T1 });
    expect(r.page.acknowledgedBy).toBe('mia');
    expect(r.page.targetUserIds).toEqual(['alice', 'mia']);
  });

  it('PG-4: escalating moves level, targets, clears the ack and restarts the level clock', () => {
    const r = applyTransition(acked(), esc(alice));
    expect(r.page).toMatchObject({ status: 'triggered', escalationLevel: 1, targetUserIds: ['mia'], acknowledgedBy: null });
    expect(r.page.levelStartedAt.equals(T1)).toBe(true);
    expect(r.timeline[0]).toMatchObject({ type: 'page.escalated', details: { reason: 'manual', fromLevel: 0, toLevel: 1 } });
  });

  it('PG-6: every re-notifying transition starts a new notification cycle', () => {
    expect(fresh().notificationCycle).toBe(0);
    const escalated = applyTransition(acked(), esc(alice)).page;
    expect(escalated.notificationCycle).toBe(1);
    const reassigned = applyTransition(escalated, { kind: 'reassign', actor: manager, at: T1, toUserIds: ['bob'] }).page;
    expect(reassigned.notificationCycle).toBe(2);
    const reacked = applyTransition(reassigned, { kind: 'acknowledge', actor: bob, at: T1 }).page;
    expect(reacked.notificationCycle).toBe(2);
    const unacked = applyTransition(reacked, { kind: 'unacknowledge', actor: timer, at: T1, reason: 'ack_timeout', acknowledgedAt: T1 }).page;
    expect(unacked.notificationCycle).toBe(3);
  });

  it('PG-4: an escalation that stays on the same level is refused', () => {
    const t: PageTransition = { kind: 'escalate', actor: alice, at: T1, reason: 'manual', to: { level: 0, loop: 0, targetUserIds: ['bob'] } };
    expect(codeOf(() => applyTransition(fresh(), t))).toBe('invalid:page.escalation_nowhere');
  });

  it('PG-8: appending an alert counts it and keeps the status', () => {
    const r = appendAlert(acked(), timer, T1);
    expect(r.page).toMatchObject({ status: 'acknowledged', alertCount: 2 });
    expect(codeOf(() => appendAlert(resolved(), timer, T1))).toBe('conflict:page.already_resolved');
  });

  it('PG-1: ack timeout only when configured', () => {
    const p = acked();
    expect(ackTimeoutAt(p)).toBeNull();
    expect(ackTimeoutAt(p, { managerRoles: ['manager'], ackTimeoutMinutes: 30 })?.toString()).toBe('2026-03-02T16:34:00Z');
    expect(ackTimeoutAt(fresh(), { managerRoles: ['manager'], ackTimeoutMinutes: 30 })).toBeNull();
  });

  it('trigger requires a title', () => {
    expect(codeOf(() => triggerPage({ id: 'x', number: 1, serviceId: 's', title: ' ', escalationPolicyId: null, targetUserIds: [], actor: timer, at: T0 }))).toBe(
      'invalid:page.title_required',
    );
  });
});

describe('vetoes', () => {
  it('PG-2: a rule of its own refuses resolve until a public reply exists', () => {
    let replied = false;
    const needsReply: PageVeto = (page, t) =>
      t.kind === 'resolve' && !replied ? { code: 'emergency.public_reply_required', reason: `Reply on ${page.title} first.` } : null;
    const t: PageTransition = { kind: 'resolve', actor: alice, at: T1 };
    expect(codeOf(() => applyTransition(fresh(), t, { vetoes: [needsReply] }))).toBe('conflict:emergency.public_reply_required');
    // the veto does not affect other transitions
    expect(codeOf(() => applyTransition(fresh(), { kind: 'acknowledge', actor: alice, at: T1 }, { vetoes: [needsReply] }))).toBe('ok');
    replied = true;
    expect(applyTransition(fresh(), t, { vetoes: [needsReply] }).page.status).toBe('resolved');
  });

  it('PG-2: built-in checks run before vetoes (resolved page → already_resolved, not the veto)', () => {
    const veto: PageVeto = () => ({ code: 'x.refused', reason: 'no' });
    const resolved = applyTransition(fresh(), { kind: 'resolve', actor: alice, at: T1 }).page;
    expect(codeOf(() => applyTransition(resolved, { kind: 'resolve', actor: alice, at: T1 }, { vetoes: [veto] }))).toBe('conflict:page.already_resolved');
  });

  it('PG-2: resolveNeedsPublicReply helper', () => {
    const veto = resolveNeedsPublicReply(() => false);
    expect(codeOf(() => applyTransition(fresh(), { kind: 'resolve', actor: alice, at: T1 }, { vetoes: [veto] }))).toBe('conflict:page.public_reply_required');
    // a page without a ticket (monitoring alert) is not held back
    expect(codeOf(() => applyTransition(fresh({ ticketId: null }), { kind: 'resolve', actor: alice, at: T1 }, { vetoes: [veto] }))).toBe('ok');
  });

  it('checkTransition alone reports permission without vetoes', () => {
    expect(codeOf(() => checkTransition(fresh(), { kind: 'acknowledge', actor: bob, at: T1 }))).toBe('forbidden:page.not_your_page');
  });
});

describe('WF-9, PG-1/PG-2: a page whose emergency ended', () => {
  const ended = (engaged: boolean, actor: PageActor = { kind: 'system', name: 'Emergency ended' }): PageTransition => ({
    kind: 'resolve', actor, at: T1, subjectEnded: { reason: 'emergency ended: ticket closed by a status change, by Bruno', engaged },
  });
  const noReply = resolveNeedsPublicReply(() => false);

  it('WF-9, PG-2: the system closes it without a public reply; the timeline says why and that it was no engagement', () => {
    const r = applyTransition(fresh(), ended(false), { vetoes: [noReply] });
    expect([r.page.status, r.page.resolvedBy]).toEqual(['resolved', null]);
    expect(r.timeline[0]).toMatchObject({ type: 'page.resolved', fromStatus: 'triggered', details: { reason: 'emergency ended: ticket closed by a status change, by Bruno', subjectEnded: true, engaged: false } });
    expect(r.timeline[0]!.details.note).toMatch(/No public reply was ever sent/);
  });

  it('WF-9: after a public reply it is an engagement and carries no such note', () => {
    const r = applyTransition(fresh({ status: 'acknowledged', acknowledgedBy: 'alice', acknowledgedAt: T0 }), ended(true));
    expect(r.timeline[0]!.details).toEqual({ reason: 'emergency ended: ticket closed by a status change, by Bruno', subjectEnded: true, engaged: true });
  });

  it('PG-2: only the system may end a page this way; a person still needs the public reply', () => {
    expect(codeOf(() => applyTransition(fresh(), ended(false, manager)))).toBe('forbidden:page.subject_ended_system_only');
    expect(codeOf(() => applyTransition(fresh(), { kind: 'resolve', actor: alice, at: T1 }, { vetoes: [noReply] }))).toBe('conflict:page.public_reply_required');
    expect(codeOf(() => applyTransition(fresh({ status: 'resolved' }), ended(false)))).toBe('conflict:page.already_resolved');
  });
});

describe('page deliveries', () => {
  it('PG-6: pending notifications stop once the page is acknowledged or resolved', () => {
    expect([isDeliveryStillWanted('triggered'), isDeliveryStillWanted('acknowledged'), isDeliveryStillWanted('resolved')]).toEqual([true, false, false]);
  });
});
