// Test databases: SQLite always, PostgreSQL too when HOTLINE_TEST_POSTGRES_URL is set. Each call
// makes a fresh database, so test files never see each other's rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Db, type Engine } from './db.ts';
import { migrate } from './migrate.ts';
import { CHECKS, available, inCi } from '../../test/support/requirements.ts';

/** SQLite, and PostgreSQL when configured; under CI always both, so a missing server fails loudly. */
export function testEngines(): Engine[] {
  return available('postgres') || inCi() ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  engine: Engine;
  /** A URL or file that another process can open (child-process tests). */
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-test-'));
    return { engine, url: join(dir, 'hotline.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.HOTLINE_TEST_POSTGRES_URL;
  if (!admin) throw new Error(CHECKS.postgres.missing());
  const name = `hotline_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    engine,
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A fresh, migrated database; `close()` also drops it. */
export async function openTestDb(engine: Engine): Promise<Db & { url: string }> {
  const t = await createTestDatabase(engine);
  const db = await openDatabase(engine === 'sqlite' ? { file: t.url } : { url: t.url });
  await migrate(db);
  return {
    ...db,
    url: t.url,
    close: async () => {
      await db.close();
      await t.drop();
    },
  };
}
