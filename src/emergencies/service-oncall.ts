// TK-8: emergency tickets stay out of general queue views except for managers, their assignee and
// whoever is on call for emergencies now — the global rotation, US government, the managers.
import type { Temporal } from '../kernel/time.ts';
import { findUser } from '../people/index.ts';
import type { Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { onCallFor } from './service-context.ts';
import { emergencyConfigOf } from './service-settings.ts';

export async function isOnEmergencyCall(ctx: Ctx, tx: Tx, userId: string, now: Temporal.Instant): Promise<boolean> {
  const u = await findUser(tx, { id: userId });
  if (!u) return false;
  const r = (await emergencyConfigOf(tx)).rotations;
  for (const rotation of new Set([r.global, r.usGovernment, r.managers])) {
    const a = await onCallFor(ctx, tx, rotation, now);
    if (a.engineers.includes(u.email) || a.dri === u.email || a.manager === u.email) return true;
  }
  return false;
}
