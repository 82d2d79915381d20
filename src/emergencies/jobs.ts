// Emergency timers as engine jobs (transactional: the rule's effects commit with the job). Each
// kind's late behaviour follows TIMER_LATE_POLICY; a late firing is written on the thread. (The
// chat mirror of the thread is conversations' job.)
import type { Ctx } from '../runtime/context.ts';
import { jobKind } from './service-apply-decision.ts';
import { TIMER_LATE_POLICY, type TimerKind } from './decision.ts';
import { fireTimer } from './service.ts';

export function registerEmergencyJobs(ctx: Ctx): void {
  for (const kind of Object.keys(TIMER_LATE_POLICY) as TimerKind[]) {
    ctx.jobs.register(jobKind(kind), {
      whenLate: TIMER_LATE_POLICY[kind],
      mode: 'transactional',
      handler: async (job, { tx }) => fireTimer(ctx, tx, kind, job),
    });
  }
}
