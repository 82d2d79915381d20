import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../kernel/actor.ts';
import { Temporal } from '../kernel/time.ts';
import type { Db } from './db.ts';
import { openTestDb, testEngines } from './test-db.ts';
import { listTimeline, recordTimeline } from './timeline.ts';
import { transact, underSavepoint } from './tx.ts';

const NOW = Temporal.Instant.from('2026-11-23T09:00:00Z');

describe.each(testEngines())('appended rows (timeline) on %s', (engine) => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestDb(engine);
  });
  afterEach(async () => db.close());

  const actions = async () => (await db.kysely.selectFrom('timeline').select('action').orderBy('action').execute()).map((r) => r.action);
  const note = (tx: Parameters<typeof recordTimeline>[0], action: string) => recordTimeline(tx, NOW, SYSTEM, { subjectType: 'ticket', subjectId: 't1', action });

  it('a transaction\'s entries are written together at commit, and not at all when it rolls back', async () => {
    await transact(db, async (tx) => {
      for (let i = 0; i < 1200; i++) await note(tx, `a.${String(i).padStart(4, '0')}`); // more than one statement's worth
    });
    expect((await actions()).length).toBe(1200);
    await expect(transact(db, async (tx) => {
      await note(tx, 'b.refused');
      throw new Error('refused');
    })).rejects.toThrow('refused');
    expect(await actions()).not.toContain('b.refused');
  });

  it('the writing transaction reads its own entries', async () => {
    const seen = await transact(db, async (tx) => {
      await note(tx, 'c.first');
      return (await listTimeline(tx, 'ticket', 't1')).map((e) => e.action);
    });
    expect(seen).toEqual(['c.first']);
  });

  it('a rolled-back savepoint drops what was written under it and keeps what came before', async () => {
    await transact(db, async (tx) => {
      await note(tx, 'd.before');
      await expect(underSavepoint(tx, 'attempt', async () => {
        await note(tx, 'd.under');
        throw new Error('no page');
      })).rejects.toThrow('no page');
      await note(tx, 'd.after');
    });
    expect(await actions()).toEqual(['d.after', 'd.before']);
  });
});
