import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import type { Db } from '../store/db.ts';
import { openTestDb, testEngines } from '../store/test-db.ts';
import { readTx } from '../store/tx.ts';
import { finishAttempts, listDeliveries, startAttempts } from './store.ts';

const AT = Temporal.Instant.from('2026-11-23T09:00:00Z');
const attempt = (key: string) => ({ key, pageId: null, userId: null, channel: 'email', address: 'ops@acme.example', at: AT });

describe.each(testEngines())('delivery log written in groups (PG-6) on %s', (engine) => {
  let db: Db;
  beforeEach(async () => {
    db = await openTestDb(engine);
  });
  afterEach(async () => db.close());

  it('an attempt is logged per delivery, numbered per key, and never for a key already sent', async () => {
    const tx = readTx(db);
    const [sent] = await startAttempts(tx, [attempt('msg:a')]);
    await finishAttempts(tx, [{ id: sent!.id, status: 'sent', providerId: '<a@mail>', at: AT.add({ seconds: 1 }) }]);

    const group = await startAttempts(tx, [attempt('msg:a'), attempt('msg:b'), attempt('msg:b')]);
    expect(group[0]).toBeNull(); // msg:a went out already: not sent twice
    expect(group.slice(1).map((g) => g?.attempt)).toEqual([1, 2]);

    await finishAttempts(tx, [
      { id: group[1]!.id, status: 'failed', error: 'connection refused', at: AT.add({ seconds: 2 }) },
      { id: group[2]!.id, status: 'sent', providerId: '<b@mail>', at: AT.add({ seconds: 3 }) },
    ]);
    const b = await listDeliveries(tx, { key: 'msg:b' });
    expect(b.map((d) => [d.attempt, d.status, d.providerId, d.error, d.finishedAt])).toEqual([
      [1, 'failed', null, 'connection refused', '2026-11-23T09:00:02.000Z'],
      [2, 'sent', '<b@mail>', null, '2026-11-23T09:00:03.000Z'],
    ]);
  });
});
