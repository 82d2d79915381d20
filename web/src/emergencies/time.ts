// Countdowns for the board and the emergency page. Instants come from the server; the browser
// only re-renders them against its clock once a second.
import { useEffect, useState } from 'react';

/** The current time in ms, re-rendering the caller every `everyMs`. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 65 s → "1:05", 3 h 4 min → "3 h 04 min": seconds matter only in the last hour. */
export function span(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}:${pad(s % 60)}`;
  const h = Math.floor(s / 3600);
  if (h < 48) return `${h} h ${pad(Math.floor((s % 3600) / 60))} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** "in 12:04" before the instant, "overdue 0:31" after it. */
export function countdown(dueIso: string, now: number): { text: string; overdue: boolean } {
  const left = Date.parse(dueIso) - now;
  return left >= 0 ? { text: `in ${span(left)}`, overdue: false } : { text: `overdue ${span(left)}`, overdue: true };
}

/** How long since an instant: the emergency's age. */
export const age = (sinceIso: string, now: number) => span(Math.max(0, now - Date.parse(sinceIso)));

export const TIMER_LABEL: Record<string, string> = {
  'silence-followup': 'Customer-silence follow-up',
  'silence-bridge-close': 'Bridge closes, priority drops to high',
  'handoff-unaccepted': 'Hand-off unanswered: manager paged',
  'handoff-reminder': 'Shift hand-off reminder',
  'usgov-business-hours': 'US-government business hours begin',
};
export const timerLabel = (kind: string) => TIMER_LABEL[kind] ?? kind.replace(/-/g, ' ');
