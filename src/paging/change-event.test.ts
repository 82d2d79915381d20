import { describe, expect, it } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import { changeWindowFor, validateChangeEvent } from './change-event.ts';

const KEY = 'k'.repeat(32);

describe('PG-8 change events: validation', () => {
  it.each([
    ['PagerDuty\'s example timestamp (+0000) is read as UTC', { summary: 'x', timestamp: '2020-07-17T08:42:58.315+0000' }, '2020-07-17T08:42:58.315Z', []],
    ['an ISO 8601 timestamp with an offset', { summary: 'x', timestamp: '2026-12-03T10:00:00+01:00' }, '2026-12-03T09:00:00Z', []],
    ['an unreadable timestamp is dropped with a warning', { summary: 'x', timestamp: 'yesterday' }, null, ['payload.timestamp "yesterday" is not ISO 8601 with an offset; the receive time stands']],
    ['no timestamp', { summary: 'x' }, null, []],
  ])('PG-8: %s', (_n, payload, timestamp, warnings) => {
    const v = validateChangeEvent({ routing_key: KEY, payload });
    expect(v).toMatchObject({ ok: true, change: { timestamp, warnings } });
  });

  it('PG-8: every problem is named at once, in the Events API\'s 400 body', () => {
    const v = validateChangeEvent({ routing_key: 'short', payload: { summary: 's'.repeat(1025), source: 3 }, links: [{}] });
    expect(v).toEqual({ ok: false, body: { status: 'invalid event', message: 'Event object is invalid', errors: [
      'routing_key is the wrong length (should be 32 characters)', 'payload.summary is too long (maximum is 1024 characters)', 'payload.source must be a string', 'links[0].href is required',
    ] } });
  });

  it('PG-8: the window of a page is the hour up to its trigger', () => {
    const w = changeWindowFor(Temporal.Instant.from('2026-12-03T12:00:00Z'));
    expect([w.from.toString(), w.to.toString()]).toEqual(['2026-12-03T11:00:00Z', '2026-12-03T12:00:00Z']);
  });
});
