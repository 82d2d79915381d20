// Escalation policies (PG-3): ordered levels with targets and a delay, repeated a number of times.
// Pure: who is on call for a schedule/group/team at an instant comes in through a resolver that the
// service builds from the schedules and people capabilities.
import type { Temporal } from '../kernel/time.ts';
import { conflict, forbidden, invalid } from '../kernel/errors.ts';
import type { PageActor } from './page.ts';

export type EscalationTarget =
  | { type: 'user'; id: string }
  | { type: 'schedule'; id: string }
  /** everyone on call in a rotation group now (SCH-2) */
  | { type: 'rotation_group'; id: string }
  /** the DRI of a rotation group (SCH-3) */
  | { type: 'group_dri'; id: string }
  | { type: 'team'; id: string };

export interface EscalationLevel {
  targets: EscalationTarget[];
  /** Minutes this level waits for an acknowledgement before the next level is notified. */
  delayMinutes: number;
  /** Notify one resolved user at a time, the next one on each visit of this level. */
  roundRobin?: boolean;
}

export interface EscalationPolicy {
  id: string;
  name: string;
  levels: EscalationLevel[];
  /** How many times the whole policy runs again after the last level (0 = once). */
  repeat: number;
  /** Roles allowed to page with this policy by hand; absent = anyone (PG-3 backup pool: managers). */
  pageableBy?: readonly string[];
}

/** Users behind a target at an instant; an empty list means no one is on call there. */
export type TargetResolver = (target: EscalationTarget, at: Temporal.Instant) => readonly string[];

export const targetKey = (t: EscalationTarget) => `${t.type}:${t.id}`;

/** A resolver over a fixed snapshot, keyed by `type:id` (tests, previews). */
export function staticResolver(map: Readonly<Record<string, readonly string[]>>): TargetResolver {
  return (t) => map[targetKey(t)] ?? [];
}

// PG-3 demo policy from the seeds: on-call engineer → support manager on-call after 10 minutes
// unacknowledged → everyone on the rotation and directors 5 minutes later. The last delay only
// matters when repeat > 0.
export const DEMO_ESCALATION_POLICY: EscalationPolicy = {
  id: 'customer-emergencies',
  name: 'Customer emergencies',
  levels: [
    { targets: [{ type: 'group_dri', id: 'amer-emergencies' }], delayMinutes: 10 },
    { targets: [{ type: 'schedule', id: 'support-manager-on-call' }], delayMinutes: 5 },
    {
      targets: [
        { type: 'rotation_group', id: 'amer-emergencies' },
        { type: 'team', id: 'directors' },
      ],
      delayMinutes: 15,
    },
  ],
  repeat: 0,
};

// PG-3 / SM-5: the backup pool is independent of the main policy and only a manager pages it.
export const DEMO_BACKUP_POLICY: EscalationPolicy = {
  id: 'backup-engineers',
  name: 'Backup engineers',
  levels: [{ targets: [{ type: 'team', id: 'backup-engineers' }], delayMinutes: 15 }],
  repeat: 0,
  pageableBy: ['manager', 'admin'],
};

export const MAX_POLICY_LEVELS = 10;
export const MAX_POLICY_REPEAT = 9;

export function validatePolicy(p: EscalationPolicy): void {
  if (p.levels.length === 0) throw invalid('policy.no_levels', `Policy "${p.name}" needs at least one level.`);
  if (p.levels.length > MAX_POLICY_LEVELS) throw invalid('policy.too_many_levels', `A policy has at most ${MAX_POLICY_LEVELS} levels.`);
  if (!Number.isInteger(p.repeat) || p.repeat < 0 || p.repeat > MAX_POLICY_REPEAT) {
    throw invalid('policy.bad_repeat', `repeat must be a whole number from 0 to ${MAX_POLICY_REPEAT}.`, { repeat: p.repeat });
  }
  p.levels.forEach((l, i) => {
    if (l.targets.length === 0) throw invalid('policy.level_without_targets', `Level ${i + 1} of "${p.name}" has no targets.`, { level: i });
    if (!Number.isInteger(l.delayMinutes) || l.delayMinutes < 1) {
      throw invalid('policy.bad_delay', `Level ${i + 1}: the delay must be a whole number of minutes, at least 1.`, { level: i });
    }
  });
}

/** Refuses a hand-made page with a restricted policy (the backup pool) unless the actor may use it. */
export function assertMayPageWith(policy: EscalationPolicy, actor: PageActor): void {
  if (!policy.pageableBy || actor.kind === 'system') return;
  if (actor.roles.some((r) => policy.pageableBy!.includes(r))) return;
  throw forbidden('page.policy_restricted', `Only ${policy.pageableBy.join(' or ')} may page "${policy.name}"; ask the support manager on-call.`, {
    policyId: policy.id,
  });
}

/** The level after (level, loop), wrapping while repeats remain; null when the policy is exhausted. */
export function nextLevel(policy: EscalationPolicy, level: number, loop: number): { level: number; loop: number } | null {
  if (level + 1 < policy.levels.length) return { level: level + 1, loop };
  if (loop < policy.repeat) return { level: 0, loop: loop + 1 };
  return null;
}

export interface LevelUsers {
  userIds: string[];
  /** Round-robin position to store for the next visit of this level (unchanged otherwise). */
  nextCursor: number;
}

/** Users notified when a level is reached at `at`. */
export function levelUsers(policy: EscalationPolicy, level: number, at: Temporal.Instant, resolve: TargetResolver, cursor = 0): LevelUsers {
  const l = policy.levels[level];
  if (!l) throw invalid('policy.no_such_level', `Policy "${policy.name}" has no level ${level + 1}.`, { level });
  const all = [...new Set(l.targets.flatMap((t) => resolve(t, at)))];
  if (!l.roundRobin || all.length === 0) return { userIds: all, nextCursor: cursor };
  return { userIds: [all[cursor % all.length]], nextCursor: (cursor + 1) % all.length };
}

export interface EscalationStep {
  level: number;
  loop: number;
  at: Temporal.Instant;
  userIds: string[];
  /** No one was on call for any target of this level. */
  noOneOnCall: boolean;
}

export interface TimelineOptions {
  fromLevel?: number;
  fromLoop?: number;
  /** Round-robin cursors per level index. */
  cursors?: Readonly<Record<number, number>>;
  /** Skip a level that resolves to no one instead of waiting out its delay (default true). */
  skipEmptyLevels?: boolean;
}

/**
 * The full plan if nobody acknowledges: which level is notified at which instant, ending when the
 * policy is exhausted. Used for previews and to arm the first timer.
 */
export function escalationTimeline(policy: EscalationPolicy, resolve: TargetResolver, start: Temporal.Instant, opts: TimelineOptions = {}): EscalationStep[] {
  const skipEmpty = opts.skipEmptyLevels ?? true;
  const cursors: Record<number, number> = { ...(opts.cursors ?? {}) };
  const steps: EscalationStep[] = [];
  let pos: { level: number; loop: number } | null = { level: opts.fromLevel ?? 0, loop: opts.fromLoop ?? 0 };
  let at = start;
  while (pos) {
    const users = levelUsers(policy, pos.level, at, resolve, cursors[pos.level] ?? 0);
    cursors[pos.level] = users.nextCursor;
    const empty = users.userIds.length === 0;
    steps.push({ level: pos.level, loop: pos.loop, at, userIds: users.userIds, noOneOnCall: empty });
    if (!(empty && skipEmpty)) at = at.add({ minutes: policy.levels[pos.level].delayMinutes });
    pos = nextLevel(policy, pos.level, pos.loop);
  }
  return steps;
}

export interface EscalationTimer {
  runAt: Temporal.Instant;
  fromLevel: number;
  toLevel: number;
  toLoop: number;
  /** One upsert re-arms or cancels it (DESIGN: timers have a replace key). */
  replaceKey: string;
}

export const escalationTimerKey = (pageId: string) => `page:${pageId}:escalation`;

/**
 * The next escalation timer of a page after any change (trigger, ack, escalate, reassign, unack):
 * null means cancel the timer (acknowledged, resolved or last level reached). A timer that fires
 * late after downtime still escalates: escalating late beats not escalating.
 */
export function nextEscalationTimer(
  policy: EscalationPolicy | null,
  page: { id: string; status: string; escalationLevel: number; escalationLoop: number; levelStartedAt: Temporal.Instant },
): EscalationTimer | null {
  if (!policy || page.status !== 'triggered') return null;
  const to = nextLevel(policy, page.escalationLevel, page.escalationLoop);
  const level = policy.levels[page.escalationLevel];
  if (!to || !level) return null;
  return {
    runAt: page.levelStartedAt.add({ minutes: level.delayMinutes }),
    fromLevel: page.escalationLevel,
    toLevel: to.level,
    toLoop: to.loop,
    replaceKey: escalationTimerKey(page.id),
  };
}

/**
 * The `to` of an escalate transition (PG-3 timeout, PG-4 manual). Levels that resolve to no one
 * are passed over so a page never sits with nobody notified; if every remaining level is empty
 * the last one is returned with no users (the service records "no one on call").
 */
export function planEscalation(
  policy: EscalationPolicy,
  page: { id: string; number: number; escalationLevel: number; escalationLoop: number },
  at: Temporal.Instant,
  resolve: TargetResolver,
  cursors: Readonly<Record<number, number>> = {},
): { level: number; loop: number; targetUserIds: string[]; cursors: Record<number, number> } {
  let pos = nextLevel(policy, page.escalationLevel, page.escalationLoop);
  if (!pos) {
    throw conflict('page.escalation_exhausted', `Page #${page.number} is at the last level of "${policy.name}"; reassign it or ask a manager to page the backup pool.`, {
      pageId: page.id,
    });
  }
  return firstReachableLevel(policy, pos, at, resolve, cursors);
}

/**
 * The level a new page starts at: level 1 (or `startLevel`, for a page that enters the policy at a
 * later tier, SM-5), or the first later level with someone on call.
 */
export function planInitialLevel(
  policy: EscalationPolicy,
  at: Temporal.Instant,
  resolve: TargetResolver,
  cursors: Readonly<Record<number, number>> = {},
  startLevel = 0,
): { level: number; loop: number; targetUserIds: string[]; cursors: Record<number, number> } {
  if (!Number.isInteger(startLevel) || startLevel < 0 || startLevel >= policy.levels.length) {
    throw invalid('policy.no_such_level', `Policy "${policy.name}" has no level ${startLevel + 1} to start a page at.`, { level: startLevel });
  }
  return firstReachableLevel(policy, { level: startLevel, loop: 0 }, at, resolve, cursors);
}

/** The first level (index) with this target among its targets; -1 when no level names it. */
export function levelWithTarget(policy: EscalationPolicy, target: EscalationTarget): number {
  return policy.levels.findIndex((l) => l.targets.some((t) => targetKey(t) === targetKey(target)));
}

function firstReachableLevel(
  policy: EscalationPolicy,
  start: { level: number; loop: number },
  at: Temporal.Instant,
  resolve: TargetResolver,
  cursors: Readonly<Record<number, number>>,
): { level: number; loop: number; targetUserIds: string[]; cursors: Record<number, number> } {
  const next: Record<number, number> = { ...cursors };
  let pos: { level: number; loop: number } | null = start;
  let last = { ...start, targetUserIds: [] as string[] };
  // bounded by one full pass over the policy
  for (let i = 0; pos && i < policy.levels.length * (policy.repeat + 1); i++) {
    const users = levelUsers(policy, pos.level, at, resolve, next[pos.level] ?? 0);
    next[pos.level] = users.nextCursor;
    last = { ...pos, targetUserIds: users.userIds };
    if (users.userIds.length > 0) break;
    pos = nextLevel(policy, pos.level, pos.loop);
  }
  return { ...last, cursors: next };
}
