// 'schedule.changed': published after any schedule change writes its rows, inside its transaction
// (the hand-off jobs are re-armed, …); kept apart so the workspace section and the service share it.
import type { Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';

/** Nothing to carry: subscribers read the schedules they need through the transaction. */
export type ScheduleChanged = Record<string, never>;

declare module '../runtime/context.ts' {
  interface Events {
    'schedule.changed': ScheduleChanged;
  }
}

export async function scheduleChanged(ctx: Ctx, tx: Tx): Promise<void> {
  await ctx.events.publish(tx, 'schedule.changed', {});
}
