// The board's and the emergency page's countdowns: what an engineer reads at a glance (WF-2, WF-5).
import { describe, expect, it } from 'vitest';
import { age, countdown, span, timerLabel } from '../../web/src/emergencies/time.ts';

const NOW = Date.parse('2026-11-24T17:00:00Z');

describe('emergency countdowns', () => {
  it.each([
    [0, '0:00'], [59_999, '0:59'], [65_000, '1:05'], [3_599_000, '59:59'],
    [3_600_000, '1 h 00 min'], [3 * 3_600_000 + 4 * 60_000, '3 h 04 min'], [50 * 3_600_000, '2 d 2 h'], [-65_000, '1:05'],
  ])('span(%i ms) reads %s', (ms, text) => {
    expect(span(ms)).toBe(text);
  });

  it('WF-5: a follow-up due in 15 minutes counts down, and reads overdue once it has passed', () => {
    expect(countdown('2026-11-24T17:15:00Z', NOW)).toEqual({ text: 'in 15:00', overdue: false });
    expect(countdown('2026-11-24T16:59:29Z', NOW)).toEqual({ text: 'overdue 0:31', overdue: true });
  });

  it('WF-2: age since opening never goes negative when the browser clock is behind the server', () => {
    expect(age('2026-11-24T16:48:30Z', NOW)).toBe('11:30');
    expect(age('2026-11-24T17:00:05Z', NOW)).toBe('0:00');
  });

  it('timer kinds have words; an unknown kind still reads as words', () => {
    expect(timerLabel('silence-bridge-close')).toBe('Bridge closes, priority drops to high');
    expect(timerLabel('some-new-timer')).toBe('some new timer');
  });
});
