// PG-8: the events rate limit per routing key. The admission rule is pure (table below); the
// counter lives in the database, so two limiters over one store (two nodes) share one limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../store/db.ts';
import { openTestDb, testEngines } from '../store/test-db.ts';
import { admitInWindow } from './intake-limit.ts';
import { EventRateLimit } from './service-intake-limit.ts';

describe('PG-8: which events of a batch fit in their window', () => {
  it.each([
    ['an empty window admits up to the limit, in arrival order', ['a', 'a', 'a'], { a: 3 }, 2, [true, true, false]],
    ['a window already at its limit admits nothing', ['a', 'a'], { a: 7 }, 5, [false, false]],
    ['keys are counted apart', ['a', 'b', 'a', 'b'], { a: 2, b: 4 }, 3, [true, true, true, false]],
    ['another node counted first: only what is left is admitted', ['a', 'a', 'a'], { a: 5 }, 3, [true, false, false]],
  ] as const)('%s', (_name, keys, after, limit, expected) => {
    expect(admitInWindow(keys, new Map(Object.entries(after)), limit)).toEqual(expected);
  });
});

describe.each(testEngines())('PG-8 events rate limit in the store (%s)', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => db?.close());
  const T0 = Date.parse('2026-11-23T09:00:10Z');
  const rows = () => db.kysely.selectFrom('event_rate_windows').select(['routing_key', 'window_minute', 'n']).orderBy('routing_key').execute()
    .then((rs) => rs.map((r) => `${r.routing_key}@${Number(r.window_minute) - Math.floor(T0 / 60_000)}:${Number(r.n)}`));

  it('PG-8: two limiters over one database (two nodes) admit the limit between them, not each', async () => {
    const nodeA = new EventRateLimit(db, 4);
    const nodeB = new EventRateLimit(db, 4);
    const waits = (await Promise.all([
      nodeA.admit(['k1', 'k1', 'k1'], T0), nodeB.admit(['k1', 'k1', 'k1'], T0), nodeA.admit(['k1', 'k2'], T0), nodeB.admit(['k2'], T0),
    ])).flat();
    expect(waits.filter((w) => w === 0)).toHaveLength(4 + 2);
    // a refused event is told to retry when the minute is over
    expect(new Set(waits.filter((w) => w > 0))).toEqual(new Set([50_000]));
    expect(await nodeB.admit(['k1'], T0 + 1_000)).toEqual([49_000]);
  });

  it('PG-8: a new minute admits again, and the windows that ended are deleted', async () => {
    const node = new EventRateLimit(db, 4);
    expect(await node.admit(['k1', 'k3'], T0 + 60_000)).toEqual([0, 0]);
    expect(await rows()).toEqual(['k1@1:1', 'k3@1:1']);
  });
});
