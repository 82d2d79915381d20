// RP-1: the figures every duration report shows — median, p90 and a distribution in fixed buckets.
// Pure: durations (seconds) in, figures out. Percentiles are "nearest rank" on the sorted values, so
// a figure is always a duration that really happened (no interpolation between two tickets).

/** The nearest-rank percentile `p` (0–100) of `sorted` (ascending); null for no values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** Upper bounds (exclusive, seconds) of the distribution buckets; the last bucket is open-ended. */
export const BUCKETS: readonly { label: string; below: number }[] = [
  { label: '<5m', below: 5 * 60 },
  { label: '5-15m', below: 15 * 60 },
  { label: '15-30m', below: 30 * 60 },
  { label: '30-60m', below: 60 * 60 },
  { label: '1-4h', below: 4 * 3600 },
  { label: '4-24h', below: 24 * 3600 },
  { label: '>=24h', below: Number.POSITIVE_INFINITY },
];

/** Which bucket a duration falls in (index into BUCKETS). */
export function bucketOf(seconds: number): number {
  return BUCKETS.findIndex((b) => seconds < b.below);
}

export interface DurationFigures {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  buckets: number[];
}

/** Median, p90 and bucket counts of some durations (seconds, any order). */
export function durationFigures(values: readonly number[]): DurationFigures {
  const sorted = [...values].sort((a, b) => a - b);
  const buckets = BUCKETS.map(() => 0);
  for (const v of sorted) buckets[bucketOf(v)]++;
  return { count: sorted.length, medianSeconds: percentile(sorted, 50), p90Seconds: percentile(sorted, 90), buckets };
}
