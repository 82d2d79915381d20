import { describe, it, expect } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from './db.ts';
import { migrate } from './migrate.ts';
import { createTestDatabase, testEngines } from './test-db.ts';

describe.each(testEngines())('store on %s', (engine) => {
  it('migrates a fresh database, and a second run applies nothing', async () => {
    const t = await createTestDatabase(engine);
    const db = await openDatabase(engine === 'sqlite' ? { file: t.url } : { url: t.url });
    try {
      const first = await migrate(db);
      expect(first.applied).toContain('2026_11_23_0900_foundation');
      expect((await migrate(db)).applied).toEqual([]);
    } finally {
      await db.close();
      await t.drop();
    }
  });

  it('two nodes migrating at once both succeed and the schema is applied once', async () => {
    const t = await createTestDatabase(engine);
    const open = () => openDatabase(engine === 'sqlite' ? { file: t.url } : { url: t.url });
    const [a, b] = await Promise.all([open(), open()]);
    try {
      const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
      expect([...ra.applied, ...rb.applied].filter((n) => n.endsWith('foundation'))).toHaveLength(1);
      const rows = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(a.kysely);
      expect(Number(rows.rows[0].n)).toBeGreaterThan(0);
    } finally {
      await a.close();
      await b.close();
      await t.drop();
    }
  });

  it('instants come back as ISO-8601 UTC text on every engine', async () => {
    const t = await createTestDatabase(engine);
    const db = await openDatabase(engine === 'sqlite' ? { file: t.url } : { url: t.url });
    try {
      await migrate(db);
      await db.kysely.insertInto('timeline').values({
        id: 'x', subject_type: 't', subject_id: '1', at: '2026-03-08T07:30:00.000Z', actor_kind: 'system', action: 'a',
      }).execute();
      const row = await db.kysely.selectFrom('timeline').select('at').executeTakeFirstOrThrow();
      expect(row.at).toBe('2026-03-08T07:30:00.000Z');
    } finally {
      await db.close();
      await t.drop();
    }
  });
});
