// What a job kind is to the runner: its handler, its late behaviour and whether its effects are
// database writes (exactly once) or calls to the outside world (at least once).
import type { Temporal } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';

export interface RunningJob {
  id: string;
  kind: string;
  key: string | null;
  payload: any;
  runAt: Temporal.Instant;
  attempt: number;
  maxAttempts: number;
  /** The job started more than `lateAfterMs` after it was due (the node was down or overloaded). */
  late: boolean;
  lateByMs: number;
}

export interface JobContext {
  /** The transaction the job's completion commits in (transactional handlers only). */
  tx: Tx;
  now: Temporal.Instant;
  nodeId: string;
}

export type JobHandler = (job: RunningJob, ctx: JobContext) => Promise<void>;

export interface JobKind {
  handler: JobHandler;
  /**
   * Transactional kinds only, optional: due jobs of this kind claimed together are handed over in
   * one call (in claim order), so their reads and writes can be shared (a thousand reply e-mails
   * addressed with a few queries rather than a few thousand). Must do what `handler` does for each.
   */
  handleMany?: (jobs: RunningJob[], ctx: JobContext) => Promise<void>;
  /** What a job found late does: run anyway (and say so), or skip (recorded as skipped). */
  whenLate: 'fire' | 'skip';
  /**
   * transactional: effects are database writes, committed with the job's completion (exactly
   * once). external: the handler talks to the outside world (SMTP, chat, webhooks) and is
   * at-least-once; it must pass the job id as an idempotency key where the channel accepts one.
   */
  mode?: 'transactional' | 'external';
  /**
   * Optional: runs of this kind that a node abandoned (it died holding their lease), called by
   * the reaper with their job ids before they go back to pending. External kinds record here what
   * became of the call in flight (PG-6: a delivery attempt's outcome is unknown).
   */
  onAbandoned?: (jobIds: string[]) => Promise<void>;
}
