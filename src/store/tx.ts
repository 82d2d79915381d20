// A unit of work: every state change, its timeline entry and its jobs commit together or not at
// all. Work that must only happen once the data is durable (waking the job runner, pushing live
// updates to browsers) is queued with afterCommit.
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Db, Engine } from './db.ts';
import type { Database } from './schema.ts';

export interface Tx {
  db: Kysely<Database>;
  engine: Engine;
  afterCommit(fn: () => void): void;
  /** Append-only rows held until just before commit (absent outside a transaction). */
  appends?: Appends;
  /** What this unit of work has already read (workspace settings), so it reads each once. */
  memo: Memo;
}

/** Names one value a unit of work reads once; its type says what the value is. */
export class MemoKey<T> {
  declare protected readonly value?: T;
  constructor(readonly name: string) {}
}

/**
 * Values read once per unit of work, by key: the first ask loads, later asks share the answer.
 * Nothing outlives the Tx it belongs to, so another node's change is simply read by the next unit
 * of work, and two nodes in one process share nothing.
 */
export class Memo {
  private values = new Map<MemoKey<unknown>, Promise<unknown>>();

  once<T>(key: MemoKey<T>, load: () => Promise<T>): Promise<T> {
    const hit = this.values.get(key);
    if (hit) return hit as Promise<T>;
    const p = load();
    this.values.set(key, p);
    p.catch(() => this.values.delete(key)); // a failed read is tried again, not remembered
    return p;
  }

  /** The rows behind `key` were just written (or, with no key, a savepoint rolled back): read again. */
  forget(key?: MemoKey<unknown>): void {
    if (key) this.values.delete(key);
    else this.values.clear();
  }
}

/** The tables written through appends, in the order they are flushed. */
const APPEND_TABLES = ['timeline', 'bulk_results'] as const;
export type AppendTable = (typeof APPEND_TABLES)[number];
type HeldRows = { [T in AppendTable]: Insertable<Database[T]>[] };
const noRows = (): HeldRows => ({ timeline: [], bulk_results: [] });

/**
 * Rows nothing in the writing transaction reads back (the timeline, a bulk job's result lines),
 * written as one multi-row INSERT per table just before commit instead of one round trip each:
 * a bulk change of a thousand tickets writes thousands of them. Readers in the same transaction
 * call flush first.
 */
export class Appends {
  private rows = noRows();

  add<T extends AppendTable>(table: T, row: Insertable<Database[T]>): void {
    this.rows[table].push(row);
  }

  async flush(db: Kysely<Database>): Promise<void> {
    for (const table of APPEND_TABLES) await this.flushTable(db, table);
  }

  private async flushTable<T extends AppendTable>(db: Kysely<Database>, table: T): Promise<void> {
    const rows = this.rows[table];
    if (rows.length === 0) return;
    this.rows[table] = [];
    // stay far below either engine's limit on bound parameters per statement
    const per = Math.max(1, Math.floor(4000 / Object.keys(rows[0]).length));
    for (let i = 0; i < rows.length; i += per) await insertRows(db, table, rows.slice(i, i + per));
  }

  /** Forget what was added (its savepoint was rolled back). */
  discard(): void {
    this.rows = noRows();
  }
}

/** Append a row: held until commit inside a transaction, written at once outside one. */
export async function appendRow<T extends AppendTable>(tx: Tx, table: T, row: Insertable<Database[T]>): Promise<void> {
  if (tx.appends) tx.appends.add(table, row);
  else await insertRows(tx.db, table, [row]);
}

async function insertRows<T extends AppendTable>(db: Kysely<Database>, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  await db.insertInto(table).values(rows).execute();
}

/** A unit of work on an open transaction: the rows it appended are written before it returns. */
export async function withAppends<T>(trx: Kysely<Database>, engine: Engine, afterCommit: (fn: () => void) => void, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const tx: Tx = { db: trx, engine, afterCommit, appends: new Appends(), memo: new Memo() };
  const result = await fn(tx);
  await tx.appends!.flush(trx);
  return result;
}

export async function transact<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const hooks: Array<() => void> = [];
  const result = await db.kysely.transaction().execute(async (trx: Transaction<Database>) => withAppends(trx, db.engine, (h) => hooks.push(h), fn));
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
    tx.memo.forget(); // what was read inside may have been written inside
    await sql.raw(`rollback to savepoint ${name}`).execute(tx.db);
    await sql.raw(`release savepoint ${name}`).execute(tx.db);
    throw err;
  }
}

/** Read-only work needs no transaction; this gives the same shape for code that accepts a Tx. */
export function readTx(db: Db): Tx {
  return { db: db.kysely, engine: db.engine, afterCommit: (h) => h(), memo: new Memo() };
}
