// One store, two engines: embedded SQLite (a file under ./data) for a single node, PostgreSQL for
// several nodes. Everything above this file sees the same Kysely interface and the same row
// shapes: instants are ISO-8601 UTC strings, booleans 0/1 integers, JSON as text.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database as Schema } from './schema.ts';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Schema>;
  engine: Engine;
  /** Where the data lives, without credentials: shown in logs and /api/v1/meta. */
  location: string;
  /** PostgreSQL only: the pool, for LISTEN/NOTIFY and advisory locks. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

let parsersInstalled = false;
function installPgParsers(): void {
  if (parsersInstalled) return;
  parsersInstalled = true;
  // timestamptz → the same ISO-8601 UTC text SQLite stores, so rows look alike on both engines.
  pg.types.setTypeParser(1184, (v: string) => new Date(v).toISOString());
  pg.types.setTypeParser(1114, (v: string) => new Date(v + 'Z').toISOString());
  pg.types.setTypeParser(20, (v: string) => Number(v)); // int8: counts and sequences fit a double
  pg.types.setTypeParser(1700, (v: string) => Number(v));
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}

export async function openDatabase(opts: { url?: string; file?: string; poolSize?: number }): Promise<Db> {
  const url: string | undefined = opts.url;
  if (isPostgresUrl(url)) return openPostgres(url, opts.poolSize ?? 10);
  return openSqlite(opts.file ?? (url ? String(url).replace(/^sqlite:/, '') : './data/hotline.db'));
}

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  installPgParsers();
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {}); // an idle client dropped by the server is replaced on next use
  const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(kysely); // fail fast with the driver's message if unreachable
  return {
    kysely,
    engine: 'postgres',
    location: redactUrl(url),
    pool,
    close: () => kysely.destroy(),
  };
}

async function openSqlite(file: string): Promise<Db> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL'); // durable across process crashes in WAL mode
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  // Kysely prepares every statement it runs, and parsing the same SQL again showed up at ~5% of a
  // busy events intake. Prepared statements are kept by their text (a bounded number): the one
  // connection runs one statement at a time, and nothing here streams, so none is used twice at once.
  const statements = new Map<string, Database.Statement>();
  const prepared = {
    prepare(text: string): Database.Statement {
      let st = statements.get(text);
      if (!st) {
        if (statements.size >= 1000) statements.clear();
        st = database.prepare(text);
        statements.set(text, st);
      }
      return st;
    },
    close: () => database.close(),
  };
  const kysely = new Kysely<Schema>({ dialect: new SqliteDialect({ database: prepared }) });
  let checkpointer: Checkpointer | null = null;
  if (file !== ':memory:') {
    database.pragma('wal_autocheckpoint = 0');
    checkpointer = startCheckpointer(file);
  }
  return {
    kysely,
    engine: 'sqlite',
    location: file,
    close: async () => {
      await checkpointer?.stop();
      await kysely.destroy(); // the last connection to close checkpoints the rest
    },
  };
}
