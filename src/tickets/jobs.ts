// The helpdesk's timers: the SLA breach timer (TK-7) and the bulk update worker (TK-5). Both are
// transactional: their writes commit with the job's completion, exactly once.
import { SYSTEM } from '../kernel/actor.ts';
import { isoUtc, Temporal } from '../kernel/time.ts';
import { enqueue } from '../engine/jobs.ts';
import { announce, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import { emitTicketEvent } from './service-hooks.ts';
import { SLA_BREACH_JOB } from './service.ts';
import { loadTicketSettings } from './service-settings.ts';
import { BULK_JOB, runBulkChunk } from './service-bulk.ts';
import { slaStatus } from './sla.ts';
import { findTicketRecord } from './store.ts';
import { registerRequesterMail } from './service-requester-mail.ts';

export function registerTicketJobs(ctx: Ctx): void {
  registerRequesterMail(ctx);
  ctx.jobs.register(SLA_BREACH_JOB, {
    // A breach that happened while the node was down is still a breach: record it, and say late.
    whenLate: 'fire',
    handler: async (job, { tx, now }) => {
      const rec = await findTicketRecord(tx, { id: job.payload.ticketId });
      if (!rec) return;
      const status = slaStatus(rec.clock, now, (await loadTicketSettings(tx)).sla);
      // Re-arming replaces this job; a clock fulfilled or moved later meanwhile is no breach.
      if (!status.breached || !rec.clock.dueAt || isoUtc(rec.clock.dueAt) !== job.payload.dueAt) return;
      if (rec.slaBreachedAt && Temporal.Instant.compare(Temporal.Instant.from(rec.slaBreachedAt), rec.clock.dueAt) >= 0) return;
      await tx.db.updateTable('tickets').set({ sla_breached_at: isoUtc(now) }).where('id', '=', rec.ticket.id).execute();
      await recordTimeline(tx, now, SYSTEM, {
        subjectType: 'ticket', subjectId: rec.ticket.id, action: 'sla.breached',
        detail: { metric: rec.clock.metric, dueAt: job.payload.dueAt, ...(job.late ? { late: true, lateByMs: job.lateByMs } : {}) },
      });
      await emitTicketEvent(ctx, tx, { type: 'ticket.sla_breached', ticket: rec.ticket, actor: SYSTEM, at: now, detail: { metric: rec.clock.metric, dueAt: job.payload.dueAt } });
      announce(ctx, tx, { type: 'ticket.updated', id: rec.ticket.id, organizationId: rec.ticket.organizationId });
      const metric = rec.clock.metric;
      tx.afterCommit(() => ctx.metrics.slaBreached(metric)); // RP-4
    },
  });

  ctx.jobs.register(BULK_JOB, {
    whenLate: 'fire',
    handler: async (job, { tx, now }) => {
      const more = await runBulkChunk(ctx, tx, job.payload.jobId, now);
      if (more) await enqueue(tx, now, { kind: BULK_JOB, runAt: now, key: `bulk:${job.payload.jobId}`, payload: job.payload });
    },
  });
}
