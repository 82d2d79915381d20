// SM-5/PG-3: the manager is the next tier of every emergency escalation policy, and a page that
// goes straight to the manager (WF-6 concurrent emergency, PG-4, SCH-10) enters that policy at the
// manager's tier, so left unacknowledged it escalates further (rotation and directors in the demo).
import { levelWithTarget, listPolicies, listServices } from '../paging/index.ts';
import type { Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';

export interface ManagerTier {
  policyId: string;
  /** Index of the manager's level in the policy. */
  level: number;
}

/**
 * The escalation policy an emergency of `rotation` follows (the rotation's own, else the emergency
 * service's) and its manager's level: the first level naming the manager schedule, else the
 * level after the engineer's (SM-5: the manager is the next tier). Null when there is no policy.
 */
export async function managerTier(ctx: Ctx, tx: Tx, at: { serviceId: string; rotation: string; managerSchedule: string }): Promise<ManagerTier | null> {
  const policies = await listPolicies(ctx, tx);
  const service = (await listServices(ctx, tx)).find((s) => s.id === at.serviceId);
  const policy = policies.find((p) => p.id === at.rotation) ?? policies.find((p) => p.id === service?.escalationPolicyId);
  if (!policy) return null;
  const named = levelWithTarget(policy, { type: 'schedule', id: at.managerSchedule });
  return { policyId: policy.id, level: named >= 0 ? named : Math.min(1, policy.levels.length - 1) };
}
