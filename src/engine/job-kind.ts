// What a job kind is to the runner: its handler, its late behaviour and whether its effects are
// database writes (exactly once) or calls to the outside world (at least once).
import type { Temporal } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';

/**
 * Every job kind, by name → its payload. The capability that owns a kind declares it here
 * (declaration merging, beside the kind's name), so `enqueue` takes only a declared kind with its
 * payload, and `register` hands the kind's handler that payload type.
 */
export interface JobPayloads {}

/** A job to write: a declared kind with its payload (`M` is JobPayloads; a test may bring its own map). */
export type JobSpec<M = JobPayloads> = {
  [K in keyof M & string]: {
    kind: K;
    runAt: Temporal.Instant;
    payload: M[K];
    /** Replace key (`ticket:123:silence-followup`): at most one pending job per key; enqueue re-arms. */
    key?: string;
    maxAttempts?: number;
  };
}[keyof M & string];

export interface RunningJob<P = unknown> {
  id: string;
  kind: string;
  key: string | null;
  /** As its enqueue wrote it (JSON): the payload type its kind declares. */
  payload: P;
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

export type JobHandler<P = unknown> = (job: RunningJob<P>, ctx: JobContext) => Promise<void>;

// handler and handleMany are methods, so a kind with a declared payload is a JobKind to the
// runner, which holds every kind and hands each handler the payload its enqueue wrote.
export interface JobKind<P = unknown> {
  handler(job: RunningJob<P>, ctx: JobContext): Promise<void>;
  /**
   * Transactional kinds only, optional: due jobs of this kind claimed together are handed over in
   * one call (in claim order), so their reads and writes can be shared (a thousand reply e-mails
   * addressed with a few queries rather than a few thousand). Must do what `handler` does for each.
   */
  handleMany?(jobs: RunningJob<P>[], ctx: JobContext): Promise<void>;
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
