// Rotations that follow an external iCalendar feed (for teams whose tool cannot export otherwise):
// a job per rotation reads the feed every `refresh_minutes`, turns each event (recurrences
// expanded in their own zone) into spans of the person its attendee or summary names by e-mail,
// and keeps them as the rotation's last good copy. A failed read keeps that copy and says why on
// the timeline of every schedule the rotation is in; a changed copy re-arms the hand-offs.
import { SYSTEM } from '../kernel/actor.ts';
import { isoUtc, Temporal } from '../kernel/time.ts';
import { enqueue, enqueueUnlessPending } from '../engine/jobs.ts';
import { findUser } from '../people/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import type { IcalSpan } from './rotation.ts';
import { scheduleChanged } from './service-changes.ts';
import { findIcalCopies, loadSchedules, recordIcalError, saveIcalCopy } from './store.ts';

export const JOB_ICAL_REFRESH = 'schedule.ical_refresh';

declare module '../engine/job-kind.ts' {
  interface JobPayloads {
    [JOB_ICAL_REFRESH]: { rotationId: string };
  }
}

export const icalKey = (rotationId: string) => `schedules:ical:${rotationId}`;
/** The spans kept: from a week back (hand-offs just past) to four months ahead. */
const KEEP_BACK_DAYS = 7;
const KEEP_AHEAD_DAYS = 120;
const FETCH_TIMEOUT_MS = 15_000;
const MAX_FEED_BYTES = 5_000_000;

/** After any schedule change: a feed never read (or whose URL changed) is read now; the others keep their rhythm. */
export async function armIcalRefresh(ctx: Ctx, tx: Tx, now = ctx.clock.now()): Promise<void> {
  const followers = (await loadSchedules(tx)).rotations.filter((r) => r.ical);
  if (!followers.length) return;
  const copies = new Map((await findIcalCopies(tx)).map((c) => [c.rotationId, c]));
  for (const r of followers) {
    const spec = { kind: JOB_ICAL_REFRESH, runAt: now, key: icalKey(r.id), payload: { rotationId: r.id } } as const;
    const c = copies.get(r.id);
    if (!c || c.url !== r.ical!.url) await enqueue(tx, now, spec);
    else await enqueueUnlessPending(tx, now, spec);
  }
}

export function registerIcalJobs(ctx: Ctx): void {
  ctx.jobs.register(JOB_ICAL_REFRESH, {
    whenLate: 'fire', // a late read is still the freshest copy
    mode: 'external', // an HTTP read, then its own transaction
    handler: async (job, { now }) => {
      await refreshIcal(ctx, job.payload.rotationId, now);
    },
  });
}

/** Read one rotation's feed now and keep what it says (or why it could not be read). */
export async function refreshIcal(ctx: Ctx, rotationId: string, now = ctx.clock.now()): Promise<{ spans: number; error: string | null }> {
  const rot = await withTx(ctx, undefined, async (tx) => (await loadSchedules(tx)).rotations.find((r) => r.id === rotationId));
  if (!rot?.ical) return { spans: 0, error: null }; // no longer follows a feed: the job stops here
  const feed = rot.ical;
  let events: FeedEvent[] | null = null;
  let error: string | null = null;
  try {
    events = await readFeed(feed.url, now);
  } catch (e) {
    error = (e as Error).message;
  }
  return withTx(ctx, undefined, async (tx) => {
    await enqueue(tx, now, { kind: JOB_ICAL_REFRESH, runAt: now.add({ minutes: feed.refreshMinutes }), key: icalKey(rot.id), payload: { rotationId: rot.id } });
    const schedules = (await loadSchedules(tx)).schedules.filter((s) => s.layers.some((l) => l.rotations.some((r) => r.id === rot.id))).map((s) => s.id);
    const note = (action: string, detail: Record<string, unknown>) => Promise.all(schedules.map((id) => recordTimeline(tx, now, SYSTEM, { subjectType: 'schedule', subjectId: id, action, detail: { rotation: rot.id, url: feed.url, ...detail } })));
    if (error !== null || !events) {
      await recordIcalError(tx, isoUtc(now), rot.id, feed.url, error ?? 'unreadable');
      await note('schedule.ical_failed', { error, keptSpans: feed.spans.length });
      return { spans: feed.spans.length, error };
    }
    const { spans, unknown } = await toSpans(tx, events);
    await saveIcalCopy(tx, isoUtc(now), rot.id, feed.url, spans);
    const same = JSON.stringify(spans) === JSON.stringify(feed.spans);
    if (!same) {
      await note('schedule.ical_refreshed', { spans: spans.length, ...(unknown.length ? { unknownPeople: unknown.slice(0, 20) } : {}) });
      await scheduleChanged(ctx, tx);
    }
    return { spans: spans.length, error: null };
  });
}

interface FeedEvent { start: number; end: number; people: string[] }

const EMAIL = /[^\s<>()[\]:;,"']+@[^\s<>()[\]:;,"']+\.[^\s<>()[\]:;,"']+/g;

function text(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'val' in (v as object)) return String((v as { val: unknown }).val ?? '');
  return String(v);
}

/** E-mails an event names: its attendees (mailto:), else any e-mail in its summary. */
function peopleOf(ev: { attendee?: unknown; summary?: unknown }): string[] {
  const att = ev.attendee === undefined ? [] : Array.isArray(ev.attendee) ? ev.attendee : [ev.attendee];
  const fromAttendees = att.map((a) => text(a).replace(/^mailto:/i, '').trim().toLowerCase()).filter((e) => e.includes('@'));
  if (fromAttendees.length) return [...new Set(fromAttendees)];
  return [...new Set((text(ev.summary).match(EMAIL) ?? []).map((e) => e.toLowerCase()))];
}

async function readFeed(url: string, now: Temporal.Instant): Promise<FeedEvent[]> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'text/calendar' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  } catch (e) {
    throw new Error(`cannot reach the feed (${(e as Error).message})`);
  }
  if (!res.ok) throw new Error(`the feed answered HTTP ${res.status}`);
  const body = await res.text();
  if (body.length > MAX_FEED_BYTES) throw new Error(`the feed is larger than ${MAX_FEED_BYTES} bytes`);
  if (!/BEGIN:VCALENDAR/i.test(body)) throw new Error('the feed is not an iCalendar (no BEGIN:VCALENDAR)');
  // loaded on first use: the parser is only needed on nodes with such a rotation
  const ical = (await import('node-ical')).default;
  let data: ReturnType<typeof ical.sync.parseICS>;
  try {
    data = ical.sync.parseICS(body);
  } catch (e) {
    throw new Error(`the feed cannot be parsed (${(e as Error).message})`);
  }
  const from = new Date(now.subtract({ hours: 24 * KEEP_BACK_DAYS }).epochMilliseconds);
  const to = new Date(now.add({ hours: 24 * KEEP_AHEAD_DAYS }).epochMilliseconds);
  const out: FeedEvent[] = [];
  for (const c of Object.values(data)) {
    if (!c || c.type !== 'VEVENT' || (c as { recurrenceid?: unknown }).recurrenceid) continue; // overrides of an occurrence come with their series
    const ev = c as Parameters<typeof ical.expandRecurringEvent>[0];
    if ((ev as { status?: string }).status === 'CANCELLED') continue;
    for (const inst of ical.expandRecurringEvent(ev, { from, to, expandOngoing: true })) {
      const start = inst.start.getTime();
      const end = inst.end.getTime();
      if (!(end > start)) continue;
      out.push({ start, end, people: peopleOf(inst.event) });
    }
  }
  return out;
}

/** Events → spans of known staff, merged per person and sorted; e-mails that are nobody here are listed. */
async function toSpans(tx: Tx, events: readonly FeedEvent[]): Promise<{ spans: IcalSpan[]; unknown: string[] }> {
  const known = new Map<string, string | null>();
  const unknown = new Set<string>();
  const byUser = new Map<string, { start: number; end: number }[]>();
  for (const e of events) {
    for (const email of e.people) {
      if (!known.has(email)) {
        const u = await findUser(tx, { email });
        known.set(email, u && u.role !== 'customer' ? u.email : null);
      }
      const user = known.get(email);
      if (!user) { unknown.add(email); continue; }
      byUser.set(user, [...(byUser.get(user) ?? []), { start: e.start, end: e.end }]);
    }
  }
  const spans: IcalSpan[] = [];
  for (const [user, list] of byUser) {
    list.sort((a, b) => a.start - b.start);
    let cur: { start: number; end: number } | null = null;
    for (const x of list) {
      if (cur && x.start <= cur.end) cur.end = Math.max(cur.end, x.end);
      else { if (cur) spans.push({ user, ...cur }); cur = { ...x }; }
    }
    if (cur) spans.push({ user, ...cur });
  }
  spans.sort((a, b) => a.start - b.start || a.user.localeCompare(b.user));
  return { spans, unknown: [...unknown].sort() };
}
