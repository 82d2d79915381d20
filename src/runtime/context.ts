// What every use case needs from the running process: the store, the clock, the job engine and
// the live-update bus. Built once by `hotline start` (or a test) and passed down.
import type { Clock } from '../kernel/clock.ts';
import type { Db } from '../store/db.ts';
import { transact, type Tx } from '../store/tx.ts';
import type { JobEngine } from '../engine/runner.ts';
import type { ChangeBus, ChangeEvent } from './bus.ts';

export interface Ctx {
  db: Db;
  clock: Clock;
  jobs: JobEngine;
  bus: ChangeBus;
}

/** Run `fn` in the caller's transaction when there is one, else in a new one. */
export function withTx<T>(ctx: Ctx, tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : transact(ctx.db, fn);
}

/** Tell browsers about a change once it is committed. */
export function announce(ctx: Ctx, tx: Tx, e: ChangeEvent): void {
  tx.afterCommit(() => ctx.bus.publish(e));
}
