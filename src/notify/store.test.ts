import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import type { Db } from '../store/db.ts';
import { openTestDb, testEngines } from '../store/test-db.ts';
import { readTx } from '../store/tx.ts';
import { finishAttempts, listDeliveries, markAbandonedAttempts, startAttempts } from './store.ts';

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

  it('PG-6: attempts in flight of abandoned jobs become unknown; finished ones and other jobs\' stay; a resend is a new attempt of the same key', async () => {
    const tx = readTx(db);
    const [a, b] = await startAttempts(tx, [{ ...attempt('msg:x'), jobId: 'job-1' }, { ...attempt('msg:y'), jobId: 'job-1' }, { ...attempt('msg:z'), jobId: 'job-2' }]);
    await finishAttempts(tx, [{ id: b!.id, status: 'sent', providerId: '<y@mail>', at: AT }]);
    expect(await markAbandonedAttempts(tx, ['job-1'], AT.add({ minutes: 2 }))).toBe(1);
    const status = async (key: string) => (await listDeliveries(tx, { key })).map((d) => [d.attempt, d.status, d.finishedAt]);
    expect(await status('msg:x')).toEqual([[1, 'unknown', '2026-11-23T09:02:00.000Z']]);
    expect(await status('msg:y')).toEqual([[1, 'sent', '2026-11-23T09:00:00.000Z']]);
    expect(await status('msg:z')).toEqual([[1, 'sending', null]]);
    expect((await listDeliveries(tx, { key: 'msg:x' }))[0].error).toMatch(/same message id/);
    // unknown is not sent: the job's next run sends it again, as attempt 2 of the same key
    expect((await startAttempts(tx, [attempt('msg:x')]))[0]?.attempt).toBe(2);
    // the dead node was only slow after all: its own outcome replaces unknown
    await finishAttempts(tx, [{ id: a!.id, status: 'sent', providerId: '<x@mail>', at: AT.add({ minutes: 3 }) }]);
    expect((await status('msg:x'))[0]).toEqual([1, 'sent', '2026-11-23T09:03:00.000Z']);
  });
});
