import { describe, it, expect } from 'vitest';
import { instant } from '../kernel/time.ts';
import { DomainError } from '../kernel/errors.ts';
import {
  assertMayPageWith,
  DEMO_BACKUP_POLICY,
  DEMO_ESCALATION_POLICY,
  escalationTimeline,
  levelUsers,
  levelWithTarget,
  nextEscalationTimer,
  nextLevel,
  planEscalation,
  planInitialLevel,
  staticResolver,
  validatePolicy,
  type EscalationPolicy,
  type TargetResolver,
} from './escalation.ts';
import { applyTransition, triggerPage } from './page.ts';

const T0 = instant('2026-03-02T16:00:00Z');
const demoResolver = staticResolver({
  'group_dri:amer-emergencies': ['alice'],
  'schedule:support-manager-on-call': ['mia'],
  'rotation_group:amer-emergencies': ['alice', 'bob', 'carol'],
  'team:directors': ['dora'],
  'team:backup-engineers': ['ben', 'bea'],
});
const iso = (s: { at: { toString(): string } }) => s.at.toString();

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}:${e.code}`;
    throw e;
  }
  return 'ok';
}

describe('demo escalation policy', () => {
  it('PG-3: engineer → support manager after 10 min → rotation + directors 5 min later', () => {
    const steps = escalationTimeline(DEMO_ESCALATION_POLICY, demoResolver, T0);
    expect(steps.map((s) => [s.level, iso(s), s.userIds])).toEqual([
      [0, '2026-03-02T16:00:00Z', ['alice']],
      [1, '2026-03-02T16:10:00Z', ['mia']],
      [2, '2026-03-02T16:15:00Z', ['alice', 'bob', 'carol', 'dora']],
    ]);
  });

  it('PG-3: both demo policies are valid; the backup pool is manager-only', () => {
    validatePolicy(DEMO_ESCALATION_POLICY);
    validatePolicy(DEMO_BACKUP_POLICY);
    expect(codeOf(() => assertMayPageWith(DEMO_BACKUP_POLICY, { kind: 'user', userId: 'alice', roles: ['engineer'] }))).toBe('forbidden:page.policy_restricted');
    expect(codeOf(() => assertMayPageWith(DEMO_BACKUP_POLICY, { kind: 'user', userId: 'mia', roles: ['manager'] }))).toBe('ok');
    expect(codeOf(() => assertMayPageWith(DEMO_ESCALATION_POLICY, { kind: 'user', userId: 'alice', roles: ['engineer'] }))).toBe('ok');
  });

  it('PG-3: the backup pool is independent: its timeline never reaches the main rotation', () => {
    const steps = escalationTimeline(DEMO_BACKUP_POLICY, demoResolver, T0);
    expect(steps).toHaveLength(1);
    expect(steps[0].userIds).toEqual(['ben', 'bea']);
  });
});

describe('levels, repeat and round robin', () => {
  const twoLevels: EscalationPolicy = {
    id: 'p',
    name: 'two',
    levels: [
      { targets: [{ type: 'user', id: 'u1' }], delayMinutes: 5 },
      { targets: [{ type: 'user', id: 'u2' }], delayMinutes: 7 },
    ],
    repeat: 1,
  };
  const users = staticResolver({ 'user:u1': ['u1'], 'user:u2': ['u2'] });

  it('PG-3: repeat runs the policy again, then stops', () => {
    const steps = escalationTimeline(twoLevels, users, T0);
    expect(steps.map((s) => `${s.loop}/${s.level}@${iso(s).slice(11, 16)}`)).toEqual(['0/0@16:00', '0/1@16:05', '1/0@16:12', '1/1@16:17']);
  });

  const cases: Array<[string, number, number, { level: number; loop: number } | null]> = [
    ['PG-3: next level within the loop', 0, 0, { level: 1, loop: 0 }],
    ['PG-3: wrap to level 1 while repeats remain', 1, 0, { level: 0, loop: 1 }],
    ['PG-3: exhausted after the last repeat', 1, 1, null],
  ];
  it.each(cases)('%s', (_n, level, loop, expected) => {
    expect(nextLevel(twoLevels, level, loop)).toEqual(expected);
  });

  it('PG-3: round robin notifies one user per visit, in turn', () => {
    const rr: EscalationPolicy = { id: 'rr', name: 'rr', levels: [{ targets: [{ type: 'team', id: 't' }], delayMinutes: 5, roundRobin: true }], repeat: 3 };
    const r = staticResolver({ 'team:t': ['a', 'b', 'c'] });
    expect(escalationTimeline(rr, r, T0).map((s) => s.userIds[0])).toEqual(['a', 'b', 'c', 'a']);
    expect(levelUsers(rr, 0, T0, r, 1)).toEqual({ userIds: ['b'], nextCursor: 2 });
  });

  it('PG-3: a level with no one on call is marked and skipped without waiting', () => {
    const gap = staticResolver({ 'schedule:support-manager-on-call': [], 'group_dri:amer-emergencies': ['alice'], 'team:directors': ['dora'] });
    const steps = escalationTimeline(DEMO_ESCALATION_POLICY, gap, T0);
    expect(steps[1]).toMatchObject({ level: 1, noOneOnCall: true, userIds: [] });
    expect(iso(steps[2])).toBe('2026-03-02T16:10:00Z');
    const waiting = escalationTimeline(DEMO_ESCALATION_POLICY, gap, T0, { skipEmptyLevels: false });
    expect(iso(waiting[2])).toBe('2026-03-02T16:15:00Z');
  });

  it('PG-3: resolvers see the instant of each level (a hand-off between levels counts)', () => {
    const handOff: TargetResolver = (t, at) =>
      t.type === 'schedule' ? (at.epochMilliseconds < instant('2026-03-02T16:08:00Z').epochMilliseconds ? ['early-mgr'] : ['late-mgr']) : ['x'];
    expect(escalationTimeline(DEMO_ESCALATION_POLICY, handOff, T0)[1].userIds).toEqual(['late-mgr']);
  });

  it('policy validation rejects bad shapes', () => {
    const bad = (p: Partial<EscalationPolicy>) => codeOf(() => validatePolicy({ ...twoLevels, ...p }));
    expect(bad({ levels: [] })).toBe('invalid:policy.no_levels');
    expect(bad({ repeat: -1 })).toBe('invalid:policy.bad_repeat');
    expect(bad({ levels: [{ targets: [], delayMinutes: 5 }] })).toBe('invalid:policy.level_without_targets');
    expect(bad({ levels: [{ targets: [{ type: 'user', id: 'u' }], delayMinutes: 0 }] })).toBe('invalid:policy.bad_delay');
  });
});

describe('timers and escalation planning', () => {
  const trig = () =>
    triggerPage({ id: 'p1', number: 7, serviceId: 's', title: 'Ticket 1', escalationPolicyId: 'demo', targetUserIds: ['alice'], actor: { kind: 'system', name: 'intake' }, at: T0 }).page;

  it('PG-3: a new page arms the escalation timer 10 minutes out', () => {
    expect(nextEscalationTimer(DEMO_ESCALATION_POLICY, trig())).toEqual({
      runAt: instant('2026-03-02T16:10:00Z'),
      fromLevel: 0,
      toLevel: 1,
      toLoop: 0,
      replaceKey: 'page:p1:escalation',
    });
  });

  it('PG-3: acknowledgement cancels the timer', () => {
    const acked = applyTransition(trig(), { kind: 'acknowledge', actor: { kind: 'user', userId: 'alice', roles: [] }, at: T0.add({ minutes: 3 }) }).page;
    expect(nextEscalationTimer(DEMO_ESCALATION_POLICY, acked)).toBeNull();
  });

  it('PG-4: a manual escalation at 16:03 moves to the manager and re-arms 5 minutes after it', () => {
    const at = T0.add({ minutes: 3 });
    const to = planEscalation(DEMO_ESCALATION_POLICY, trig(), at, demoResolver);
    expect(to).toMatchObject({ level: 1, loop: 0, targetUserIds: ['mia'] });
    const escalated = applyTransition(trig(), { kind: 'escalate', actor: { kind: 'user', userId: 'alice', roles: [] }, at, reason: 'manual', to }).page;
    expect(nextEscalationTimer(DEMO_ESCALATION_POLICY, escalated)?.runAt.toString()).toBe('2026-03-02T16:08:00Z');
  });

  it('PG-3: reassign restarts the level clock', () => {
    const at = T0.add({ minutes: 9 });
    const re = applyTransition(trig(), { kind: 'reassign', actor: { kind: 'user', userId: 'mia', roles: ['manager'] }, at, toUserIds: ['bob'] }).page;
    expect(nextEscalationTimer(DEMO_ESCALATION_POLICY, re)?.runAt.toString()).toBe('2026-03-02T16:19:00Z');
  });

  it('PG-3: no timer at the last level; manual escalation there is a conflict', () => {
    const last = { ...trig(), escalationLevel: 2 };
    expect(nextEscalationTimer(DEMO_ESCALATION_POLICY, last)).toBeNull();
    expect(codeOf(() => planEscalation(DEMO_ESCALATION_POLICY, last, T0, demoResolver))).toBe('conflict:page.escalation_exhausted');
  });

  it('PG-3: escalation passes over a level with nobody on call', () => {
    const gap = staticResolver({ 'rotation_group:amer-emergencies': ['bob'], 'team:directors': ['dora'] });
    expect(planEscalation(DEMO_ESCALATION_POLICY, trig(), T0, gap)).toMatchObject({ level: 2, targetUserIds: ['bob', 'dora'] });
    expect(planInitialLevel(DEMO_ESCALATION_POLICY, T0, gap)).toMatchObject({ level: 2, targetUserIds: ['bob', 'dora'] });
    expect(planInitialLevel(DEMO_ESCALATION_POLICY, T0, demoResolver)).toMatchObject({ level: 0, targetUserIds: ['alice'] });
  });

  it('SM-5: a page may enter the policy at a later tier (the manager) and escalates on from there', () => {
    expect(levelWithTarget(DEMO_ESCALATION_POLICY, { type: 'schedule', id: 'support-manager-on-call' })).toBe(1);
    expect(levelWithTarget(DEMO_ESCALATION_POLICY, { type: 'schedule', id: 'nobody' })).toBe(-1);
    const start = planInitialLevel(DEMO_ESCALATION_POLICY, T0, demoResolver, {}, 1);
    expect(start).toMatchObject({ level: 1, loop: 0, targetUserIds: ['mia'] });
    const page = { ...trig(), escalationLevel: start.level, targetUserIds: start.targetUserIds };
    expect(nextEscalationTimer(DEMO_ESCALATION_POLICY, page)).toMatchObject({ fromLevel: 1, toLevel: 2, runAt: T0.add({ minutes: 5 }) });
    expect(planEscalation(DEMO_ESCALATION_POLICY, page, T0, demoResolver)).toMatchObject({ level: 2, targetUserIds: ['alice', 'bob', 'carol', 'dora'] });
    expect(codeOf(() => planInitialLevel(DEMO_ESCALATION_POLICY, T0, demoResolver, {}, 3))).toBe('invalid:policy.no_such_level');
  });

  it('PG-3: delays are real minutes across the fall-back change (01:55 EDT → 01:05 EST)', () => {
    const start = instant('2026-11-01T05:55:00Z'); // 01:55 EDT, five minutes before clocks go back
    const steps = escalationTimeline(DEMO_ESCALATION_POLICY, demoResolver, start);
    expect(steps[1].at.toString()).toBe('2026-11-01T06:05:00Z');
    expect(steps[1].at.toZonedDateTimeISO('America/New_York').toString()).toBe('2026-11-01T01:05:00-05:00[America/New_York]');
  });

  it('PG-3: no timer without a policy (a direct manual page)', () => {
    expect(nextEscalationTimer(null, trig())).toBeNull();
  });
});
