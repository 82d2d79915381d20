import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, personCalendar, scheduleCalendar } from './calendar.ts';
import { parseSchedulesConfig } from './config.ts';
import { DEMO_SCHEDULES_DOCUMENT } from './demo.ts';
import { finalSchedule } from './final-schedule.ts';
import { I } from './fixtures.test-helpers.ts';

const ws = parseSchedulesConfig(DEMO_SCHEDULES_DOCUMENT);
const amer1 = ws.schedules.find((s) => s.id === 'amer-1')!;
const STAMP = I('2026-07-01T00:00:00Z');
const octets = (s: string) => new TextEncoder().encode(s).length;

function events(text: string) {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
}

describe('SCH-11: iCalendar feeds', () => {
  const week = finalSchedule(amer1, I('2026-07-13T00:00:00Z'), I('2026-07-20T00:00:00Z'), {
    overrides: [{ id: 'ov', scheduleId: 'amer-1', start: I('2026-07-15T18:00:00Z'), end: I('2026-07-15T20:00:00Z'), user: 'cody.lee@example.com', replaces: 'bruno.costa@example.com' }],
  });
  const source = { scheduleId: 'amer-1', scheduleName: 'AMER 1', entries: week.entries };

  it('SCH-11: a schedule feed parses with an independent parser: one VEVENT per entry, UTC times, summaries', () => {
    const text = scheduleCalendar(source, { stamp: STAMP });
    const evs = events(text);
    expect(evs).toHaveLength(week.entries.length);
    const sorted = [...evs].sort((a, b) => a.start.getTime() - b.start.getTime());
    week.entries.forEach((e, i) => {
      expect(sorted[i].start.getTime()).toBe(e.startMs);
      expect(sorted[i].end?.getTime()).toBe(e.endMs);
      expect(sorted[i].summary).toBe(`AMER 1: ${e.user}`);
    });
    expect(text).toContain('DTSTART:20260713T160000Z');
    expect(new Set(evs.map((e) => e.uid)).size).toBe(evs.length);
  });

  it('SCH-11: lines end with CRLF and are at most 75 octets', () => {
    const text = scheduleCalendar(source, { stamp: STAMP, name: 'Équipe d’astreinte AMER 1 — 🚨 urgences clients, week of 13 July, with a deliberately long name' });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    const cal = Object.values(ical.sync.parseICS(text)).find((c) => c?.type === 'VCALENDAR') as unknown as Record<string, string> | undefined;
    expect(cal?.['WR-CALNAME'] ?? text.includes('X-WR-CALNAME')).toBeTruthy();
  });

  it('SCH-11: folding never splits a UTF-8 character and unfolds to the original', () => {
    const line = `SUMMARY:${'é🚨'.repeat(40)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('SCH-11: UIDs are stable per shift across feeds rendered over different ranges', () => {
    const other = finalSchedule(amer1, I('2026-07-14T00:00:00Z'), I('2026-07-27T00:00:00Z'));
    const uidOf = (text: string, startMs: number) => events(text).find((e) => e.start.getTime() === startMs)?.uid;
    const a = scheduleCalendar(source, { stamp: STAMP });
    const b = scheduleCalendar({ ...source, entries: other.entries }, { stamp: I('2026-07-10T00:00:00Z') });
    const shared = Date.parse('2026-07-16T16:00:00Z');
    expect(uidOf(a, shared)).toBeDefined();
    expect(uidOf(a, shared)).toBe(uidOf(b, shared));
  });

  it("SCH-11: a person's feed holds only their shifts, including overrides they took", () => {
    const text = personCalendar('cody.lee@example.com', [source], { stamp: STAMP });
    const evs = events(text);
    expect(evs.map((e) => [e.start.toISOString(), e.end?.toISOString(), e.summary])).toEqual([['2026-07-15T18:00:00.000Z', '2026-07-15T20:00:00.000Z', 'On call: AMER 1']]);
    expect(events(personCalendar('bruno.costa@example.com', [source], { stamp: STAMP }))).toHaveLength(8);
  });
});
