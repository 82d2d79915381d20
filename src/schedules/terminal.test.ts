import { describe, expect, it } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import { BAR, renderTerminalTimeline } from './terminal.ts';

const I = (s: string) => Temporal.Instant.from(s);

describe('terminal timeline', () => {
  const base = {
    name: 'AMER 1', id: 'amer-1', scheduleZone: 'America/New_York', viewerZone: 'Europe/Berlin',
    since: I('2026-07-14T04:00:00Z'), until: I('2026-07-15T04:00:00Z'), width: 24,
    entries: [
      { user: 'bruno.costa@example.com', start: '2026-07-14T17:00:00Z', end: '2026-07-14T22:00:00Z', source: { kind: 'layer' } },
      { user: 'alice.nguyen@example.com', start: '2026-07-14T16:00:00Z', end: '2026-07-14T17:00:00Z', source: { kind: 'override' } },
    ],
    gaps: [{ start: '2026-07-14T04:00:00Z', end: '2026-07-14T16:00:00Z' }, { start: '2026-07-14T22:00:00Z', end: '2026-07-15T04:00:00Z' }],
  };
  it('SCH-9: one row per person, hour columns; overrides, gaps and both zones shown', () => {
    const out = renderTerminalTimeline(base).split('\n');
    const row = (p: string) => out.find((l) => l.startsWith(p))!.slice(28);
    // 04:00Z is midnight in New York: column 12 is 16:00Z (12:00 EDT)
    expect(row('alice')).toBe(BAR.off.repeat(12) + BAR.override + BAR.off.repeat(11));
    expect(row('bruno')).toBe(BAR.off.repeat(13) + BAR.on.repeat(5) + BAR.off.repeat(6));
    expect(row('(nobody)')).toBe(BAR.gap.repeat(12) + ' '.repeat(6) + BAR.gap.repeat(6));
    expect(out.find((l) => l.startsWith('schedule America/New_York'))!.slice(28)).toMatch(/^\|Tue 14 00h/);
    // Berlin is 6 h ahead: its midnight falls at column 18
    const berlin = out.find((l) => l.startsWith('you      Europe/Berlin'))!.slice(28);
    expect(berlin.indexOf('|Wed')).toBe(18);
  });
  it('SCH-9: a week uses wider columns so it fits', () => {
    const out = renderTerminalTimeline({ ...base, until: I('2026-07-21T04:00:00Z'), width: 60 });
    expect(out).toMatch(/one column = 3 h/);
  });
});
