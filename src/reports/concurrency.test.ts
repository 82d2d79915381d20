import { describe, expect, it } from 'vitest';
import { openAtArrival, peakOpen } from './concurrency.ts';

const h = (n: number) => n * 3_600_000;

describe('RP-1 concurrent emergencies', () => {
  it('RP-1: an emergency arriving while another is open is concurrent; one arriving as the other ends is not', () => {
    const spans = [
      { id: 'a', start: h(0), end: h(2) },
      { id: 'b', start: h(1), end: h(3) },
      { id: 'c', start: h(2), end: h(4) }, // a ended at 2: only b is open
      { id: 'd', start: h(5), end: h(6) },
      { id: 'e', start: h(1.5), end: h(1.6) },
    ];
    expect(Object.fromEntries(openAtArrival(spans))).toEqual({ a: 0, b: 1, e: 2, c: 1, d: 0 });
    expect(peakOpen(spans)).toBe(3);
  });

  it('RP-1: no emergencies, no peak', () => {
    expect(peakOpen([])).toBe(0);
    expect(openAtArrival([]).size).toBe(0);
  });
});
