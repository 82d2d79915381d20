import { describe, expect, it } from 'vitest';
import { newOrderedId } from './ids.ts';

describe('ordered ids', () => {
  it('count up in the order they are made, within one millisecond and past 4,096 of them', () => {
    const ids = Array.from({ length: 10_000 }, () => newOrderedId(1_800_000_000_000));
    expect(ids.every((id, i) => i === 0 || ids[i - 1] < id)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('are UUIDs of version 7 that start with the time', () => {
    const id = newOrderedId(Date.UTC(2030, 0, 1));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 1));
  });
});
