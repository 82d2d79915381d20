// A reference rendering of vendor schedules, written from the vendors' documented rules and
// independent of Hotline's schedule code: it fills the fixtures' "final schedule" answers (what the
// vendor would show) that the import's proof compares against. Sampled every 15 minutes, which every
// fixture boundary respects.
import { Temporal } from '../../src/kernel/time.ts';

const STEP = 15 * 60_000;

export interface RefLayer {
  start: string;
  end?: string | null;
  virtualStart: string;
  turnSeconds: number;
  users: string[];
  /** Local windows: [ISO weekday 1–7 or 0 for every day, start minute of day, length in minutes]. */
  windows: [number, number, number][];
}

export interface RefEntry { start: string; end: string; user: string }

function local(t: number, tz: string) {
  return Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(tz).toPlainDateTime();
}

function inWindows(t: number, tz: string, ws: RefLayer['windows']): boolean {
  if (ws.length === 0) return true;
  const p = local(t, tz);
  const minuteOfWeek = (p.dayOfWeek - 1) * 1440 + p.hour * 60 + p.minute;
  return ws.some(([day, from, len]) => {
    const starts = day === 0 ? [0, 1, 2, 3, 4, 5, 6].map((d) => d * 1440 + from) : [(day - 1) * 1440 + from];
    return starts.some((s) => ((minuteOfWeek - s + 10080) % 10080) < len);
  });
}

/** Layers top first (the first that has someone wins); overrides win over layers, the later one first. */
export function renderReference(tz: string, layers: RefLayer[], overrides: { start: string; end: string; user: string }[], since: string, until: string): RefEntry[] {
  const lo = Temporal.Instant.from(since).epochMilliseconds;
  const hi = Temporal.Instant.from(until).epochMilliseconds;
  const out: RefEntry[] = [];
  let cur: { s: number; user: string } | null = null;
  const close = (t: number) => {
    if (cur) out.push({ start: new Date(cur.s).toISOString().replace('.000', ''), end: new Date(t).toISOString().replace('.000', ''), user: cur.user });
    cur = null;
  };
  for (let t = lo; t < hi; t += STEP) {
    let user: string | null = null;
    for (const o of [...overrides].reverse()) if (Temporal.Instant.from(o.start).epochMilliseconds <= t && t < Temporal.Instant.from(o.end).epochMilliseconds) { user = o.user; break; }
    if (!user) for (const l of layers) {
      if (t < Temporal.Instant.from(l.start).epochMilliseconds || (l.end && t >= Temporal.Instant.from(l.end).epochMilliseconds)) continue;
      if (!inWindows(t, tz, l.windows)) continue;
      const vs = local(Temporal.Instant.from(l.virtualStart).epochMilliseconds, tz);
      const elapsed = local(t, tz).since(vs, { largestUnit: 'hours' }).total({ unit: 'seconds' });
      const turn = Math.floor(elapsed / l.turnSeconds);
      user = l.users[((turn % l.users.length) + l.users.length) % l.users.length];
      break;
    }
    if (user !== (cur as { user: string } | null)?.user) { close(t); if (user) cur = { s: t, user }; }
  }
  close(hi);
  return out;
}
