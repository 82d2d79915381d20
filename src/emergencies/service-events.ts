// 'emergency.changed': the emergency was opened, qualified or ended, published in the change's
// transaction once the emergency row is written (webhooks hear it; src/main/wiring.ts lists who).
import type { Actor } from '../kernel/actor.ts';
import type { Temporal } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import type { Emergency } from './store.ts';

export type EmergencyChange = 'opened' | 'qualified' | 'resolved';

export interface EmergencyChanged {
  /** The emergency after the change. */
  emergency: Emergency;
  /** In the order they happened (a downgrade qualifies and ends it at once). */
  changes: EmergencyChange[];
  actor: Actor;
  at: Temporal.Instant;
}

declare module '../runtime/context.ts' {
  interface Events {
    'emergency.changed': EmergencyChanged;
  }
}

/** What changed between two readings of one emergency (qualification given or changed, then ended). */
export function changesBetween(before: Pick<Emergency, 'state' | 'qualification'>, after: Pick<Emergency, 'state' | 'qualification'>): EmergencyChange[] {
  const out: EmergencyChange[] = [];
  if (after.qualification && after.qualification !== before.qualification) out.push('qualified');
  if (before.state === 'open' && after.state === 'resolved') out.push('resolved');
  return out;
}

export async function emergencyChanged(ctx: Ctx, tx: Tx, emergency: Emergency, changes: EmergencyChange[], actor: Actor, at: Temporal.Instant): Promise<void> {
  if (changes.length) await ctx.events.publish(tx, 'emergency.changed', { emergency, changes, actor, at });
}
