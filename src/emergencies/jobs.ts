// Emergency timers as engine jobs (transactional: the rule's effects commit with the job). Each
// kind's late behaviour follows TIMER_LATE_POLICY; a late firing is written on the thread.
import { registerMirrorJob } from './service-mirror.ts';
import { onTicketUpdated } from './service-closed.ts';
import type { Ctx } from '../runtime/context.ts';
import { onTicketEvent, setOnCallCheck } from '../tickets/service-hooks.ts';
import { isOnEmergencyCall } from './service-oncall.ts';
import { onEmergencyPageChanged } from './service-page.ts';
import { onPageOncallSignal } from './service-paths.ts';
import { jobKind } from './apply-decision.ts';
import { TIMER_LATE_POLICY, type TimerKind } from './decision.ts';
import { registerHandoffHooks } from './service-handoff.ts';
import { fireTimer, onCustomerReply, onPublicReplyByStaff, onTicketCreated, pageVeto } from './service.ts';

export function registerEmergencyJobs(ctx: Ctx): void {
  for (const kind of Object.keys(TIMER_LATE_POLICY) as TimerKind[]) {
    ctx.jobs.register(jobKind(kind), {
      whenLate: TIMER_LATE_POLICY[kind],
      mode: 'transactional',
      handler: async (job, { tx }) => fireTimer(ctx, tx, kind, job),
    });
  }
  registerMirrorJob(ctx);
  registerEmergencyHooks();
  registerHandoffHooks();
}

let hooked = false;
/** Ticket hooks and the PG-2 veto are process-wide; handlers get their ctx from the event. */
export function registerEmergencyHooks(): void {
  if (hooked) return;
  hooked = true;
  onTicketEvent('ticket.created', async (e, env) => {
    await onTicketCreated(e, env);
  });
  onTicketEvent('comment.public_by_staff', onPublicReplyByStaff);
  onTicketEvent('comment.by_customer', onCustomerReply);
  onTicketEvent('ticket.updated', onTicketUpdated);
  onTicketEvent('macro.signal', async (e, { ctx, tx }) => {
    if (e.signal === 'page_oncall') await onPageOncallSignal(ctx, tx, e.actor, e.ticket.id);
  });
  setOnCallCheck(isOnEmergencyCall);
}
