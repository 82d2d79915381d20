// Display helpers for times and zones (UI only; rules compute time on the server).

const fmtCache = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock time now in `timeZone`, e.g. "03:12 Tue"; null for an unknown zone. */
export function localTimeIn(timeZone: string, now: Date = new Date()): string | null {
  let fmt = fmtCache.get(timeZone);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
    } catch {
      return null;
    }
    fmtCache.set(timeZone, fmt);
  }
  return fmt.format(now);
}

/** The hour (0–23) in `timeZone`, for "asleep or awake" hints. */
export function localHourIn(timeZone: string, now: Date = new Date()): number | null {
  let fmt = hourCache.get(timeZone);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    } catch {
      return null;
    }
    hourCache.set(timeZone, fmt);
  }
  return Number(fmt.format(now));
}

const hourCache = new Map<string, Intl.DateTimeFormat>();

export function allTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "2026-11-23" → "23 Nov 2026" (dates are calendar dates: no zone shift). */
export function formatDate(isoDate: string | null): string {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d} ${months[m - 1]} ${y}`;
}

/** Today's calendar date in the browser's zone, YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
