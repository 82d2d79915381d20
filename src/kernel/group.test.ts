import { describe, expect, it } from 'vitest';
import { grouped } from './group.ts';

describe('grouped writes (group commit)', () => {
  it('calls made together share one write; calls made during a write share the next', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const write = grouped(async (items: number[]) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return items.map((i) => i * 10);
    });
    const first = [write(1), write(2), write(3)];
    await new Promise((r) => setImmediate(r));
    const later = [write(4), write(5)];
    await new Promise((r) => setImmediate(r));
    release();
    expect(await Promise.all([...first, ...later])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('a failing batch is retried item by item, so only the bad item fails', async () => {
    const write = grouped(async (items: number[]) => {
      if (items.includes(2)) throw new Error(`bad item in ${items.join(',')}`);
      return items;
    });
    const results = await Promise.allSettled([write(1), write(2), write(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('bad item in 2');
  });

  it('never puts more than maxBatch items in one write', async () => {
    const sizes: number[] = [];
    const write = grouped(async (items: number[]) => (sizes.push(items.length), items), 2);
    await Promise.all([1, 2, 3, 4, 5].map(write));
    expect(sizes).toEqual([2, 2, 1]);
  });
});
