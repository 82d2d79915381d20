// A unit of work: every state change, its timeline entry and its jobs commit together or not at
// all. Work that must only happen once the data is durable (waking the job runner, pushing live
// updates to browsers) is queued with afterCommit.
import type { Kysely, Transaction } from 'kysely';
import type { Db, Engine } from './db.ts';

export interface Tx {
  db: Kysely<any>;
  engine: Engine;
  afterCommit(fn: () => void): void;
}

export async function transact<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const hooks: Array<() => void> = [];
  const result = await db.kysely.transaction().execute(async (trx: Transaction<any>) =>
    fn({ db: trx, engine: db.engine, afterCommit: (h) => hooks.push(h) }),
  );
  for (const h of hooks) {
    try {
      h();
    } catch {
      // a failed notification must not turn a committed change into a reported failure
    }
  }
  return result;
}

/** Read-only work needs no transaction; this gives the same shape for code that accepts a Tx. */
export function readTx(db: Db): Tx {
  return { db: db.kysely, engine: db.engine, afterCommit: (h) => h() };
}
