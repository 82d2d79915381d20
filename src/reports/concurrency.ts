// RP-1: concurrent emergencies. An emergency is "concurrent" when it arrives while at least one
// other is still open (the situation WF-6 hands to the manager on call). Pure: spans in, counts out.

export interface Span {
  id: string;
  /** epoch milliseconds */
  start: number;
  /** epoch milliseconds; still open at the end of the period: the period's end */
  end: number;
}

/** For each span in arrival order, how many others were open when it arrived. */
export function openAtArrival(spans: readonly Span[]): Map<string, number> {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  const out = new Map<string, number>();
  // ends of the spans seen so far, kept sorted: those > arrival are still open
  const ends: number[] = [];
  for (const s of sorted) {
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] <= s.start) lo = mid + 1;
      else hi = mid;
    }
    out.set(s.id, ends.length - lo);
    let i = ends.length;
    ends.push(s.end);
    while (i > 0 && ends[i - 1] > s.end) {
      ends[i] = ends[i - 1];
      i--;
    }
    ends[i] = s.end;
  }
  return out;
}

/** The most spans open at one moment among `spans` (a span ending as another starts does not overlap it). */
export function peakOpen(spans: readonly Span[]): number {
  const ev: [number, number][] = [];
  for (const s of spans) ev.push([s.start, 1], [s.end, -1]);
  ev.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let n = 0;
  let peak = 0;
  for (const [, d] of ev) {
    n += d;
    if (n > peak) peak = n;
  }
  return peak;
}
