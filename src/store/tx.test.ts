import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../kernel/actor.ts';
import { Temporal } from '../kernel/time.ts';
import type { Db } from './db.ts';
import { openTestDb, testEngines } from './test-db.ts';
import { listTimeline, recordTimeline } from './timeline.ts';
import { MemoKey, readTx, transact, underSavepoint, type Tx } from './tx.ts';

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

  it('entries of one instant read back in the order they were recorded (the story, not a shuffle)', async () => {
    const recorded = Array.from({ length: 40 }, (_, i) => `d.${String(39 - i).padStart(2, '0')}`); // not alphabetical
    await transact(db, async (tx) => {
      for (const a of recorded) await note(tx, a);
    });
    const read = (await listTimeline(readTx(db), 'ticket', 't1')).map((e) => e.action);
    expect(read).toEqual(recorded);
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

describe.each(testEngines())('values read once per unit of work (settings) on %s', (engine) => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestDb(engine);
    await db.kysely.insertInto('ticket_settings').values({ name: 'forms', value: '"v1"', updated_at: '2026-11-23T09:00:00.000Z' }).execute();
  });
  afterEach(async () => db.close());

  const KEY = new MemoKey<string>('test.setting');
  let reads = 0;
  const read = (tx: Tx) => tx.memo.once(KEY, async () => {
    reads++;
    const row = await tx.db.selectFrom('ticket_settings').select('value').where('name', '=', 'forms').executeTakeFirstOrThrow();
    return JSON.parse(row.value) as string;
  });
  const write = (tx: Tx, v: string) => tx.db.updateTable('ticket_settings').set({ value: JSON.stringify(v) }).where('name', '=', 'forms').execute();

  it('a transaction reads once however often it asks; the next transaction reads again and sees a change', async () => {
    reads = 0;
    expect(await transact(db, async (tx) => [await read(tx), await read(tx), await read(tx)])).toEqual(['v1', 'v1', 'v1']);
    expect(reads).toBe(1);
    await write(readTx(db), 'v2'); // another node's change
    expect(await transact(db, (tx) => read(tx))).toBe('v2');
    expect(reads).toBe(2);
  });

  it('a write forgets the value (the writer reads what it wrote); a rolled-back savepoint forgets what was read under it', async () => {
    const seen = await transact(db, async (tx) => {
      const out = [await read(tx)];
      await write(tx, 'v2');
      tx.memo.forget(KEY);
      out.push(await read(tx));
      await expect(underSavepoint(tx, 'attempt', async () => {
        await write(tx, 'v3');
        tx.memo.forget(KEY);
        out.push(await read(tx));
        throw new Error('undone');
      })).rejects.toThrow('undone');
      out.push(await read(tx));
      return out;
    });
    expect(seen).toEqual(['v1', 'v2', 'v3', 'v2']);
  });

  it('a failed read is not remembered', async () => {
    const BROKEN = new MemoKey<number>('test.broken');
    let calls = 0;
    await transact(db, async (tx) => {
      await expect(tx.memo.once(BROKEN, async () => { calls++; throw new Error('down'); })).rejects.toThrow('down');
      expect(await tx.memo.once(BROKEN, async () => ++calls)).toBe(2);
    });
  });
});
