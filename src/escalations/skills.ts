// SM-2: the skills-by-subject directory (subjects with a level, a region, per person) and the owner
// suggestions a manager assigns from: people who know the escalation's subjects, those working
// now first, then by level, then those of the wanted region. Pure: the instant is an argument.
import type { Temporal } from '../kernel/time.ts';

export type SkillLevel = 'expert' | 'proficient' | 'learning';
export const SKILL_LEVELS: readonly SkillLevel[] = ['expert', 'proficient', 'learning'];
const WEIGHT: Record<SkillLevel, number> = { expert: 3, proficient: 2, learning: 1 };

export interface SkillPerson {
  userId: string;
  email: string;
  name: string;
  region: string | null;
  timeZone: string;
  subjects: Record<string, SkillLevel>;
}

/** Working hours on weekdays in each person's own time zone ("HH:MM"). */
export interface WorkingHours { from: string; to: string }
export const DEFAULT_WORKING_HOURS: WorkingHours = { from: '09:00', to: '17:00' };

export interface Suggestion {
  userId: string;
  email: string;
  name: string;
  region: string | null;
  subject: string;
  level: SkillLevel;
  /** An owner on an on-call schedule at this instant. */
  onShift: boolean;
  /** Within their working hours on a weekday, in their own time zone. */
  inWorkingHours: boolean;
  why: string;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls in the person's working hours on a weekday of their own time zone. */
export function inWorkingHours(timeZone: string, at: Temporal.Instant, hours: WorkingHours = DEFAULT_WORKING_HOURS): boolean {
  const local = at.toZonedDateTimeISO(timeZone);
  if (local.dayOfWeek > 5) return false;
  const m = local.hour * 60 + local.minute;
  return m >= minutes(hours.from) && m < minutes(hours.to);
}

/**
 * The subjects an escalation is about: the ones the manager names, else the ticket's form (the
 * product) followed by its tags, so a directory keyed by product or by topic both match.
 */
export function subjectsFor(p: { named?: readonly string[]; form?: string | null; tags?: readonly string[] }): string[] {
  const norm = (s: string) => s.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const list = p.named?.length ? p.named : [...(p.form ? [p.form] : []), ...(p.tags ?? [])];
  return [...new Set(list.map(norm).filter(Boolean))];
}

/**
 * SM-2: everyone in the directory who knows one of `subjects` (their best level among them; an
 * earlier subject wins a tie), ranked: working now (on shift, or in working hours) first, then the
 * higher level, then the wanted region, then by name. People in `exclude` are left out.
 */
export function rankSuggestions(
  people: readonly SkillPerson[],
  q: { subjects: readonly string[]; at: Temporal.Instant; onShift: ReadonlySet<string>; region?: string | null; hours?: WorkingHours; exclude?: readonly string[]; limit?: number },
): Suggestion[] {
  const out: (Suggestion & { rank: number[] })[] = [];
  const norm = (s: string) => s.trim().toLowerCase().replace(/[\s-]+/g, '_');
  for (const p of people) {
    if (q.exclude?.includes(p.userId)) continue;
    const known = Object.entries(p.subjects).map(([s, l]) => [norm(s), l] as const);
    let best: { subject: string; level: SkillLevel; order: number } | null = null;
    for (const [i, s] of q.subjects.entries()) {
      const hit = known.find(([k]) => k === norm(s));
      if (hit && (!best || WEIGHT[hit[1]] > WEIGHT[best.level])) best = { subject: s, level: hit[1], order: i };
    }
    if (!best) continue;
    const onShift = q.onShift.has(p.userId);
    const working = inWorkingHours(p.timeZone, q.at, q.hours);
    const regionMatch = !!q.region && p.region === q.region;
    const why = [`${best.level} in ${best.subject}`, onShift ? 'on shift now' : working ? 'in working hours' : 'not working now', ...(regionMatch ? [`in ${p.region}`] : [])].join(', ');
    out.push({
      userId: p.userId, email: p.email, name: p.name, region: p.region, subject: best.subject, level: best.level, onShift, inWorkingHours: working, why,
      rank: [onShift || working ? 1 : 0, WEIGHT[best.level], regionMatch ? 1 : 0, -best.order],
    });
  }
  out.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return b.rank[i] - a.rank[i];
    return a.name.localeCompare(b.name);
  });
  return out.slice(0, q.limit ?? 10).map(({ rank: _rank, ...s }) => s);
}
