// What happens after any schedule change commits its rows: hooks (hand-off jobs re-armed, …)
// registered by the capability; kept apart so the workspace section and the service share it.
import type { Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';

type ChangeHook = (ctx: Ctx, tx: Tx) => Promise<void>;
const hooks: ChangeHook[] = [];

export function onScheduleChanged(fn: ChangeHook): void {
  if (!hooks.includes(fn)) hooks.push(fn);
}

export async function scheduleChanged(ctx: Ctx, tx: Tx): Promise<void> {
  for (const h of hooks) await h(ctx, tx);
}
