import { describe, expect, it } from 'vitest';
import { bucketOf, durationFigures, percentile } from './percentiles.ts';

describe('RP-1 percentiles and buckets', () => {
  it.each([
    ['RP-1: no values → no figure', [], 50, null],
    ['RP-1: one value is every percentile', [42], 90, 42],
    ['RP-1: median of an odd count is the middle one', [1, 2, 3, 4, 5], 50, 3],
    ['RP-1: median of an even count is the lower middle (nearest rank)', [1, 2, 3, 4], 50, 2],
    ['RP-1: p90 of ten values is the ninth', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    ['RP-1: p90 of eleven values is the tenth', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
  ])('%s', (_t, values, p, want) => {
    expect(percentile(values as number[], p as number)).toBe(want);
  });

  it.each([
    [0, 0], [299, 0], [300, 1], [899, 1], [900, 2], [1799, 2], [1800, 3], [3600, 4], [4 * 3600, 5], [86_400, 6], [10 ** 9, 6],
  ])('RP-1: %i seconds falls in bucket %i (upper bounds exclusive)', (s, b) => {
    expect(bucketOf(s)).toBe(b);
  });

  it('RP-1: figures of unsorted durations', () => {
    expect(durationFigures([600, 60, 7200, 120, 1200])).toEqual({ count: 5, medianSeconds: 600, p90Seconds: 7200, buckets: [2, 1, 1, 0, 1, 0, 0] });
  });
});
