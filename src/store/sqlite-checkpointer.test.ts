import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import Database from 'better-sqlite3';
import { openDatabase } from './db.ts';

describe('SQLite checkpoints off the request path', () => {
  it('commits never checkpoint themselves; the checkpoint thread copies the WAL into the database file, and after close every row is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-ckpt-'));
    const file = join(dir, 'hotline.db');
    try {
      const db = await openDatabase({ file });
      expect((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db.kysely)).rows[0].wal_autocheckpoint).toBe(0);
      await sql`create table t (id integer primary key, v text)`.execute(db.kysely);
      // ~1,500 pages of commits, past SQLite's own checkpoint threshold (1,000 pages), which is off here
      for (let i = 0; i < 300; i++) await sql`insert into t (v) values (${'x'.repeat(20_000)})`.execute(db.kysely);
      // nothing here checkpoints: the database file grows only by the checkpoint thread's copying
      const deadline = Date.now() + 10_000;
      while (statSync(file).size < 300 * 20_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(statSync(file).size).toBeGreaterThanOrEqual(300 * 20_000);
      await db.close();
      const check = new Database(file, { readonly: true });
      expect(check.prepare('select count(*) as n from t').get()).toEqual({ n: 300 });
      check.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
