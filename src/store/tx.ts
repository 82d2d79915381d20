// A unit of work: every state change, its timeline entry and its jobs commit together or not at
// all. Work that must only happen once the data is durable (waking the job runner, pushing live
// updates to browsers) is queued with afterCommit.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db, Engine } from './db.ts';

export interface Tx {
  db: Kysely<any>;
  engine: Engine;
  afterCommit(fn: () => void): void;
  /** Append-only rows held until just before commit (absent outside a transaction). */
  appends?: Appends;
}

/**
 * Rows nothing in the writing transaction reads back (the timeline, a bulk job's result lines),
 * written as one multi-row INSERT per table just before commit instead of one round trip each:
 * a bulk change of a thousand tickets writes thousands of them. Readers in the same transaction
 * call flush first.
 */
export class Appends {
  private rows = new Map<string, Record<string, unknown>[]>();

  add(table: string, row: Record<string, unknown>): void {
    const list = this.rows.get(table);
    if (list) list.push(row);
    else this.rows.set(table, [row]);
  }

  async flush(db: Kysely<any>): Promise<void> {
    for (const [table, rows] of this.rows) {
      this.rows.delete(table);
      // stay far below either engine's limit on bound parameters per statement
      const per = Math.max(1, Math.floor(4000 / Object.keys(rows[0]).length));
      for (let i = 0; i < rows.length; i += per) await db.insertInto(table).values(rows.slice(i, i + per)).execute();
    }
  }

  /** Forget what was added (its savepoint was rolled back). */
  discard(): void {
    this.rows.clear();
  }
}

/** Append a row: held until commit inside a transaction, written at once outside one. */
export async function appendRow(tx: Tx, table: string, row: Record<string, unknown>): Promise<void> {
  if (tx.appends) tx.appends.add(table, row);
  else await tx.db.insertInto(table).values(row).execute();
}

/** A unit of work on an open transaction: the rows it appended are written before it returns. */
export async function withAppends<T>(trx: Kysely<any>, engine: Engine, afterCommit: (fn: () => void) => void, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const tx: Tx = { db: trx, engine, afterCommit, appends: new Appends() };
  const result = await fn(tx);
  await tx.appends!.flush(trx);
  return result;
}

export async function transact<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const hooks: Array<() => void> = [];
  const result = await db.kysely.transaction().execute(async (trx: Transaction<any>) => withAppends(trx, db.engine, (h) => hooks.push(h), fn));
  for (const h of hooks) {
    try {
      h();
    } catch {
      // a failed notification must not turn a committed change into a reported failure
    }
  }
  return result;
}

/**
 * Run `fn` under a savepoint: if it throws, everything it wrote (held appends included) is undone
 * and the error goes on to the caller; the rest of the transaction stands.
 */
export async function underSavepoint<T>(tx: Tx, name: string, fn: () => Promise<T>): Promise<T> {
  await tx.appends?.flush(tx.db); // what came before the savepoint survives its rollback
  await sql.raw(`savepoint ${name}`).execute(tx.db);
  try {
    const r = await fn();
    await sql.raw(`release savepoint ${name}`).execute(tx.db);
    return r;
  } catch (err) {
    tx.appends?.discard();
    await sql.raw(`rollback to savepoint ${name}`).execute(tx.db);
    await sql.raw(`release savepoint ${name}`).execute(tx.db);
    throw err;
  }
}

/** Read-only work needs no transaction; this gives the same shape for code that accepts a Tx. */
export function readTx(db: Db): Tx {
  return { db: db.kysely, engine: db.engine, afterCommit: (h) => h() };
}
