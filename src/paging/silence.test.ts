import { describe, it, expect } from 'vitest';
import { instant } from '../kernel/time.ts';
import { DomainError } from '../kernel/errors.ts';
import { applyTransition, triggerPage, type Page, type PageActor, type PageVeto } from './page.ts';
import {
  endWindowEarly,
  holdDecision,
  planBulk,
  planRelease,
  silencedUntil,
  snoozeService,
  validateWindow,
  type MaintenanceWindow,
} from './silence.ts';

const at = (hhmm: string) => instant(`2026-03-02T${hhmm}:00Z`);
const win = (id: string, from: string, to: string, over: Partial<MaintenanceWindow> = {}): MaintenanceWindow => ({
  id,
  serviceIds: ['svc'],
  start: at(from),
  end: at(to),
  reason: 'upgrade',
  createdBy: 'mia',
  onEnd: 'notify',
  ...over,
});
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}:${e.code}`;
    throw e;
  }
  return 'ok';
}

describe('maintenance windows', () => {
  const windows = [win('w1', '16:00', '17:00'), win('w2', '16:30', '18:00'), win('w3', '19:00', '20:00'), win('other', '16:00', '23:00', { serviceIds: ['x'] })];

  const cases: Array<[string, string, string | null]> = [
    ['PG-7: before the window the service is not silenced', '15:59', null],
    ['PG-7: at the start it is silenced, following an overlapping window', '16:00', '18:00'],
    ['PG-7: inside the second window', '17:30', '18:00'],
    ['PG-7: the end instant is no longer silenced', '18:00', null],
    ['PG-7: a separate later window', '19:10', '20:00'],
  ];
  it.each(cases)('%s', (_n, when, until) => {
    expect(silencedUntil('svc', windows, at(when))?.until.toString() ?? null).toBe(until ? `2026-03-02T${until}:00Z` : null);
  });

  it('PG-7: windows that touch end to start chain', () => {
    const chain = [win('a', '16:00', '17:00'), win('b', '17:00', '17:30')];
    expect(silencedUntil('svc', chain, at('16:10'))).toEqual({ until: at('17:30'), windowIds: ['a', 'b'] });
  });

  it('PG-7: a page on a silenced service is held with one release timer per service', () => {
    expect(holdDecision('svc', windows, at('16:10'))).toEqual({ hold: true, until: at('18:00'), windowIds: ['w1', 'w2'], releaseKey: 'service:svc:maintenance-release' });
    expect(holdDecision('svc', windows, at('18:30'))).toEqual({ hold: false });
  });

  it('PG-7: validation and snooze', () => {
    expect(codeOf(() => validateWindow(win('w', '17:00', '16:00')))).toBe('invalid:silence.bad_range');
    expect(codeOf(() => validateWindow(win('w', '16:00', '17:00', { serviceIds: [] })))).toBe('invalid:silence.no_services');
    expect(codeOf(() => validateWindow({ ...win('w', '16:00', '17:00'), end: at('16:00').add({ hours: 24 * 8 }) }))).toBe('invalid:silence.too_long');
    const s = snoozeService({ id: 's1', serviceId: 'svc', at: at('16:00'), minutes: 30, actorUserId: 'mia' });
    expect(s.end.toString()).toBe('2026-03-02T16:30:00Z');
    expect(codeOf(() => snoozeService({ id: 's1', serviceId: 'svc', at: at('16:00'), minutes: 0, actorUserId: 'mia' }))).toBe('invalid:silence.bad_duration');
  });

  it('PG-7: ending a window early', () => {
    expect(endWindowEarly(win('w', '16:00', '17:00'), at('16:20')).end.toString()).toBe('2026-03-02T16:20:00Z');
    expect(endWindowEarly(win('w', '16:00', '17:00'), at('18:00')).end.toString()).toBe('2026-03-02T17:00:00Z');
  });
});

describe('release at window end', () => {
  const held = [
    { id: 'open', status: 'triggered' as const },
    { id: 'acked', status: 'acknowledged' as const },
    { id: 'done', status: 'resolved' as const },
  ];

  it('PG-7: still-triggered pages start escalating at the end; handled ones need nothing', () => {
    expect(planRelease('svc', held, [win('w', '16:00', '17:00')], at('17:00'))).toEqual([
      { pageId: 'open', action: 'start_escalation', at: at('17:00'), digest: false },
      { pageId: 'acked', action: 'nothing', reason: 'acknowledged_during_window' },
      { pageId: 'done', action: 'nothing', reason: 'resolved_during_window' },
    ]);
  });

  it('PG-7: a window extended meanwhile keeps the pages held', () => {
    const windows = [win('w', '16:00', '17:00'), win('w2', '16:50', '18:00')];
    expect(planRelease('svc', held.slice(0, 1), windows, at('17:00'))).toEqual([{ pageId: 'open', action: 'still_held', until: at('18:00') }]);
  });

  it('PG-7: a digest window releases as a digest; a late release still releases', () => {
    expect(planRelease('svc', held.slice(0, 1), [win('w', '16:00', '17:00', { onEnd: 'digest' })], at('17:45'))).toEqual([
      { pageId: 'open', action: 'start_escalation', at: at('17:45'), digest: true },
    ]);
  });
});

describe('bulk acknowledge / resolve', () => {
  const T = at('16:00');
  const mk = (id: string, targets: string[], ticketId: string | null = 't-' + id): Page =>
    triggerPage({ id, number: Number(id.slice(1)), serviceId: 'svc', title: id, ticketId, escalationPolicyId: null, targetUserIds: targets, actor: { kind: 'system', name: 'intake' }, at: T }).page;
  const alice: PageActor = { kind: 'user', userId: 'alice', roles: ['engineer'] };
  const mia: PageActor = { kind: 'user', userId: 'mia', roles: ['manager'] };
  const p1 = mk('p1', ['alice']);
  const p2 = applyTransition(mk('p2', ['alice']), { kind: 'acknowledge', actor: alice, at: T }).page;
  const p3 = mk('p3', ['bob']);

  it('PG-7: an engineer bulk-acknowledges; pages not theirs are refused one by one', () => {
    const plan = planBulk({ action: 'acknowledge', requestedIds: ['p1', 'p2', 'p3', 'p9'], pages: [p1, p2, p3], actor: alice, at: at('16:05') });
    expect(plan.results.map((r) => [r.pageId, r.outcome])).toEqual([
      ['p1', 'applied'],
      ['p2', 'unchanged'],
      ['p3', 'refused'],
      ['p9', 'not_found'],
    ]);
    expect(plan.counts).toEqual({ applied: 1, unchanged: 1, refused: 1, not_found: 1 });
    const refused = plan.results[2];
    expect(refused.outcome === 'refused' && refused.error.code).toBe('page.not_your_page');
  });

  it('WF-10: a manager bulk-resolves during a widespread incident; PG-2 veto refuses pages without a reply', () => {
    const replied = new Set(['t-p1', 't-p3']);
    const needsReply: PageVeto = (p, t) => (t.kind === 'resolve' && p.ticketId && !replied.has(p.ticketId) ? { code: 'emergency.public_reply_required', reason: 'reply first' } : null);
    const plan = planBulk({ action: 'resolve', requestedIds: ['p1', 'p2', 'p3'], pages: [p1, p2, p3], actor: mia, at: at('16:10'), vetoes: [needsReply] });
    expect(plan.results.map((r) => r.outcome)).toEqual(['applied', 'refused', 'applied']);
    const applied = plan.results[0];
    expect(applied.outcome === 'applied' && applied.result.page.status).toBe('resolved');
  });

  it('PG-7: duplicates are folded, empty and oversized selections are refused', () => {
    expect(planBulk({ action: 'acknowledge', requestedIds: ['p1', 'p1'], pages: [p1], actor: mia, at: T }).results).toHaveLength(1);
    expect(codeOf(() => planBulk({ action: 'acknowledge', requestedIds: [], pages: [], actor: mia, at: T }))).toBe('invalid:bulk.empty');
    expect(codeOf(() => planBulk({ action: 'acknowledge', requestedIds: ['a', 'b', 'c'], pages: [], actor: mia, at: T, silenceRules: { maxWindowMinutes: 60, maxBulkPages: 2 } }))).toBe(
      'invalid:bulk.too_many',
    );
  });
});
