// SCH-11: iCalendar (RFC 5545) feeds of a schedule and of a person's shifts. Times are written in
// UTC so any calendar shows them in its own zone; the UID is derived from the shift's stable key,
// so a subscribed calendar updates an event instead of duplicating it.
import type { Temporal } from '../kernel/time.ts';
import type { FinalEntry } from './final-schedule.ts';

export interface CalendarOptions {
  /** DTSTAMP of every event: when the feed was produced (a pure function takes it as input). */
  stamp: Temporal.Instant;
  /** Right-hand side of the UIDs; default "hotline". */
  domain?: string;
  /** Calendar name shown by clients (X-WR-CALNAME). */
  name?: string;
}

export interface CalendarSource {
  scheduleId: string;
  scheduleName: string;
  entries: readonly FinalEntry[];
}

const enc = new TextEncoder();

/** RFC 5545 §3.3.11 TEXT escaping. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines of at most 75 octets, continued with CRLF + one space; never splits a UTF-8 character. */
export function foldLine(line: string): string {
  if (enc.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let cur = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (octets + n > limit) {
      parts.push(cur);
      cur = '';
      octets = 0;
      limit = 74; // the leading space counts
    }
    cur += ch;
    octets += n;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}

function utc(at: Temporal.Instant): string {
  return at.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');
}

/** FNV-1a, 64-bit as two 32-bit halves: short, stable UIDs from shift keys. */
function hash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

export function shiftUid(scheduleId: string, entry: FinalEntry, domain = 'hotline'): string {
  return `${hash(`${scheduleId}|${entry.key}|${entry.user}`)}@${domain}`;
}

function sourceText(e: FinalEntry): string {
  switch (e.source.kind) {
    case 'layer':
      return `rotation ${e.source.rotationId}`;
    case 'swap':
      return `swap ${e.source.swapId}`;
    case 'override':
      return `override ${e.source.overrideId}`;
    case 'fallback':
      return 'fallback';
  }
}

function event(uid: string, e: FinalEntry, summary: string, description: string, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${utc(e.start)}`,
    `DTEND:${utc(e.end)}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

function wrap(name: string, events: string[][]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Hotline//Schedules//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(name)}`, ...events.flat(), 'END:VCALENDAR'];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** SCH-11: every entry of one schedule (final schedule over a range). */
export function scheduleCalendar(source: CalendarSource, opts: CalendarOptions): string {
  const stamp = utc(opts.stamp);
  const events = source.entries.map((e) => {
    const role = e.shadow ? 'shadow' : 'on call';
    return event(shiftUid(source.scheduleId, e, opts.domain), e, `${source.scheduleName}: ${e.user}${e.shadow ? ' (shadow)' : ''}`, `${e.user} is ${role} on ${source.scheduleName} (${sourceText(e)}).`, stamp);
  });
  return wrap(opts.name ?? source.scheduleName, events);
}

/** SCH-11: one person's shifts across schedules. */
export function personCalendar(user: string, sources: readonly CalendarSource[], opts: CalendarOptions): string {
  const stamp = utc(opts.stamp);
  const events: string[][] = [];
  for (const s of sources)
    for (const e of s.entries) {
      if (e.user !== user) continue;
      const summary = e.shadow ? `Shadowing: ${s.scheduleName}` : `On call: ${s.scheduleName}`;
      events.push(event(shiftUid(s.scheduleId, e, opts.domain), e, summary, `${user} — ${s.scheduleName} (${sourceText(e)}).`, stamp));
    }
  return wrap(opts.name ?? `On-call shifts of ${user}`, events);
}
