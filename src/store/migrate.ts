// Migrations run at start and by `hotline migrate`. On PostgreSQL an advisory lock makes two
// nodes starting at once take turns: the second finds nothing left to do.
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './db.ts';
import { migrations } from './migrations/index.ts';

const LOCK_KEY = 7_316_540_001; // arbitrary, stable: "hotline migrations"
const STARTUP_KEY = 7_316_540_002; // "hotline start-up writes" (first admin, demo workspace)

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export interface MigrateResult {
  applied: string[];
}

export async function migrate(db: Db): Promise<MigrateResult> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: new StaticProvider(),
    // capabilities add their migrations independently; order by name, accept late arrivals
    allowUnorderedMigrations: true,
  });
  const run = async () => {
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
  };
  if (db.engine !== 'postgres' || !db.pool) return runSqlite(run);
  return withAdvisoryLock(db, LOCK_KEY, run);
}

/** Start-up writes (first admin, demo workspace) of nodes starting at once take turns. */
export function withStartupLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  return db.engine === 'postgres' && db.pool ? withAdvisoryLock(db, STARTUP_KEY, fn) : fn();
}

async function withAdvisoryLock<T>(db: Db, key: number, fn: () => Promise<T>): Promise<T> {
  const client = await db.pool!.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [key]);
    return await fn();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [key]).catch(() => {});
    client.release();
  }
}

// Kysely's migration lock is a no-op on SQLite. Migrations there run in one transaction, so when
// two processes race, the loser fails on a table the winner just created; it then reads the
// applied list again and finds nothing left to do.
async function runSqlite(run: () => Promise<MigrateResult>): Promise<MigrateResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const raced = /already exists|SQLITE_BUSY|database is locked/i.test(String((e as Error).message));
      if (!raced || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}
