// Who is behind an escalation target right now. Users and teams are resolved here; schedules,
// rotation groups and group DRIs come from the schedules capability through the node's ports.
import { findTeams, findUser } from '../people/index.ts';
import type { Temporal } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';
import { targetKey, type EscalationPolicy, type EscalationTarget, type TargetResolver } from './escalation.ts';

export type OnCallTarget = { kind: 'schedule' | 'rotation_group' | 'group_dri'; ref: string };
export type ScheduleResolver = (target: OnCallTarget, at: Temporal.Instant, tx: Tx) => Promise<string[]>;

declare module '../runtime/context.ts' {
  interface Ports {
    /** Who is on call behind a schedule / rotation group / group DRI target (the schedules capability). */
    scheduleResolver: ScheduleResolver;
    /** SCH-7: who shadows such a target. */
    shadowResolver: ScheduleResolver;
  }
}

/** What resolving reads from the node: its ports (a node's Ctx is one). */
export interface TargetNode {
  ports: { scheduleResolver?: ScheduleResolver; shadowResolver?: ScheduleResolver };
}

/** SCH-7: shadows behind a schedule / group target (users and teams have none). */
export async function resolveShadows(ctx: TargetNode, tx: Tx, target: EscalationTarget, at: Temporal.Instant): Promise<string[]> {
  const shadowResolver = ctx.ports.shadowResolver;
  if (target.type === 'user' || target.type === 'team' || !shadowResolver) return [];
  return [...new Set(await shadowResolver({ kind: target.type, ref: target.id }, at, tx))];
}

export async function resolveTarget(ctx: TargetNode, tx: Tx, target: EscalationTarget, at: Temporal.Instant): Promise<string[]> {
  switch (target.type) {
    case 'user': {
      const u = (await findUser(tx, { id: target.id })) ?? (target.id.includes('@') ? await findUser(tx, { email: target.id }) : undefined);
      return u && u.active ? [u.id] : [];
    }
    case 'team': {
      const handle = target.id.startsWith('@') ? target.id : `@${target.id}`;
      const teams = await findTeams(tx, { handle });
      const team = teams[0] ?? (await findTeams(tx)).find((t) => t.id === target.id);
      return team ? team.members.map((m) => m.id) : [];
    }
    default: {
      const scheduleResolver = ctx.ports.scheduleResolver;
      if (!scheduleResolver) return [];
      return [...new Set(await scheduleResolver({ kind: target.type, ref: target.id }, at, tx))];
    }
  }
}

export interface ResolvedPolicy {
  resolve: TargetResolver;
  /** Targets that resolved to no one, in words for the page timeline ("no one on call for schedule X"). */
  empty: (level: number) => string[];
  /** SCH-7: shadows of the level's targets, never one of `owners` (an owner is not also a shadow). */
  shadows: (level: number, owners: readonly string[]) => string[];
}

/** Resolves every target of the policy at `at` once, for the pure planners (which are synchronous). */
export async function resolvePolicyTargets(ctx: TargetNode, tx: Tx, policy: EscalationPolicy, at: Temporal.Instant): Promise<ResolvedPolicy> {
  const map: Record<string, string[]> = {};
  const shadowMap: Record<string, string[]> = {};
  for (const level of policy.levels) {
    for (const t of level.targets) {
      const k = targetKey(t);
      if (!(k in map)) map[k] = await resolveTarget(ctx, tx, t, at);
      if (!(k in shadowMap)) shadowMap[k] = await resolveShadows(ctx, tx, t, at);
    }
  }
  return {
    resolve: (t) => map[targetKey(t)] ?? [],
    empty: (level) =>
      (policy.levels[level]?.targets ?? [])
        .filter((t) => (map[targetKey(t)] ?? []).length === 0)
        .map((t) => `no one on call for ${t.type.replace('_', ' ')} ${t.id}`),
    shadows: (level, owners) => [
      ...new Set((policy.levels[level]?.targets ?? []).flatMap((t) => shadowMap[targetKey(t)] ?? []).filter((u) => !owners.includes(u))),
    ],
  };
}
