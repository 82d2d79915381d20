// The store's instant format, written fast and exactly as Temporal would write it.
import { describe, expect, it } from 'vitest';
import { Temporal, isoUtc } from './time.ts';

describe('isoUtc', () => {
  it.each(['2026-11-24T17:00:00Z', '2026-03-08T07:00:00.123Z', '1970-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-11-24T17:00:00.123456789Z', '+010000-01-01T00:00:00Z'])(
    'writes %s exactly as Temporal does, to the millisecond',
    (s) => {
      const i = Temporal.Instant.from(s);
      expect(isoUtc(i)).toBe(i.toString({ smallestUnit: 'millisecond' }));
    },
  );
});
