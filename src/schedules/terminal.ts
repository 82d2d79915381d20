// SCH-9 in a terminal: one row per person with bars across hours/days, day labels in two zones
// (the schedule's and the viewer's) so "Tue 14:00" never means two things. Pure: text in, text out.
import { Temporal } from '../kernel/time.ts';

export interface TerminalEntry {
  user: string;
  start: string;
  end: string;
  shadow?: boolean;
  source?: { kind: string };
}

export interface TerminalInput {
  name: string;
  id: string;
  scheduleZone: string;
  viewerZone: string;
  since: Temporal.Instant;
  until: Temporal.Instant;
  entries: readonly TerminalEntry[];
  gaps: readonly { start: string; end: string }[];
  /** Columns available for the bars (default 96). */
  width?: number;
}

const SLOTS_HOURS = [1, 2, 3, 4, 6, 8, 12, 24];
export const BAR = { on: '█', override: '▓', shadow: '░', off: '·', gap: '!' } as const;

function slotHours(rangeHours: number, width: number): number {
  return SLOTS_HOURS.find((h) => rangeHours / h <= width) ?? Math.ceil(rangeHours / width);
}

/** A label row: where local midnight (or noon, for short ranges) of `zone` falls, its date. */
function axis(zone: string, startMs: number, slotMs: number, cols: number): string {
  const row = Array(cols).fill(' ');
  let prevDay = '';
  for (let c = 0; c < cols; c++) {
    const z = Temporal.Instant.fromEpochMilliseconds(startMs + c * slotMs).toZonedDateTimeISO(zone);
    const day = z.toPlainDate().toString();
    if (day !== prevDay) {
      const label = `|${z.toPlainDate().toLocaleString('en-GB', { weekday: 'short', day: '2-digit' } as Intl.DateTimeFormatOptions).replace(',', '')}${slotMs < 4 * 3_600_000 ? ` ${String(z.hour).padStart(2, '0')}h` : ''}`;
      if (row.slice(c, c + label.length).every((ch) => ch === ' ')) for (let i = 0; i < label.length && c + i < cols; i++) row[c + i] = label[i];
      prevDay = day;
    }
  }
  return row.join('');
}

export function renderTerminalTimeline(t: TerminalInput): string {
  const width = t.width ?? 96;
  const startMs = t.since.epochMilliseconds;
  const rangeMs = t.until.epochMilliseconds - startMs;
  const slot = slotHours(rangeMs / 3_600_000, width) * 3_600_000;
  const cols = Math.ceil(rangeMs / slot);
  const people = [...new Set(t.entries.map((e) => e.user))].sort();
  const nameWidth = Math.max(28, ...people.map((p) => p.length + 1));
  const pad = (s: string) => s.slice(0, nameWidth).padEnd(nameWidth);
  const cover = <T extends { start: string; end: string }>(list: readonly T[], c: number): T[] => {
    const a = startMs + c * slot;
    const b = a + slot;
    return list.filter((e) => Temporal.Instant.from(e.start).epochMilliseconds < b && Temporal.Instant.from(e.end).epochMilliseconds > a);
  };
  const lines = [
    `${t.name} (${t.id})  ${t.since.toZonedDateTimeISO(t.scheduleZone).toPlainDateTime().toString().slice(0, 16)} → ${t.until.toZonedDateTimeISO(t.scheduleZone).toPlainDateTime().toString().slice(0, 16)} ${t.scheduleZone}`,
    `one column = ${slot / 3_600_000} h   ${BAR.on} on call  ${BAR.override} override  ${BAR.shadow} shadow  ${BAR.gap} nobody on call`,
    '',
    pad(`schedule ${t.scheduleZone}`) + axis(t.scheduleZone, startMs, slot, cols),
    pad(`you      ${t.viewerZone}`) + axis(t.viewerZone, startMs, slot, cols),
  ];
  for (const p of people) {
    const mine = t.entries.filter((e) => e.user === p);
    let bar = '';
    for (let c = 0; c < cols; c++) {
      const hit = cover(mine, c);
      bar += hit.length === 0 ? BAR.off : hit.some((e) => e.source?.kind === 'override') ? BAR.override : hit.every((e) => e.shadow) ? BAR.shadow : BAR.on;
    }
    lines.push(pad(p) + bar);
  }
  let gaps = '';
  for (let c = 0; c < cols; c++) gaps += cover(t.gaps, c).length ? BAR.gap : ' ';
  if (gaps.trim()) lines.push(pad('(nobody)') + gaps);
  if (people.length === 0) lines.push('(nobody is on this schedule in the range)');
  return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}
