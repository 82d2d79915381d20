// PG-7: silencing during maintenance or a widespread incident, and bulk acknowledge/resolve —
// without losing any page. Unlike PagerDuty's maintenance windows (no incidents at all), Hotline
// always creates the page; only its notifications and escalation are held until the window ends.
import type { Temporal } from '../kernel/time.ts';
import { invalid, isDomainError, type ErrorKind } from '../kernel/errors.ts';
import { applyTransition, type Page, type PageActor, type PageRules, type PageVeto, type TransitionResult } from './page.ts';

export interface MaintenanceWindow {
  id: string;
  serviceIds: string[];
  start: Temporal.Instant;
  end: Temporal.Instant;
  reason: string;
  createdBy: string;
  /**
   * At the end, pages that arrived during the window and are still triggered start escalating:
   * 'notify' sends each page's notifications as usual, 'digest' sends the first level one summary
   * per service instead (less noise after a noisy deploy). Escalation timers start at the end in both.
   */
  onEnd: 'notify' | 'digest';
}

export interface SilenceRules {
  maxWindowMinutes: number;
  maxBulkPages: number;
}
export const DEFAULT_SILENCE_RULES: SilenceRules = { maxWindowMinutes: 7 * 24 * 60, maxBulkPages: 500 };

export function validateWindow(w: MaintenanceWindow, rules: SilenceRules = DEFAULT_SILENCE_RULES): void {
  if (w.serviceIds.length === 0) throw invalid('silence.no_services', 'Name at least one service to silence.');
  if (w.end.epochMilliseconds <= w.start.epochMilliseconds) throw invalid('silence.bad_range', 'The window must end after it starts.');
  if (w.end.epochMilliseconds - w.start.epochMilliseconds > rules.maxWindowMinutes * 60_000) {
    throw invalid('silence.too_long', `A maintenance window lasts at most ${rules.maxWindowMinutes / 60} hours; create a new one when it ends.`);
  }
}

/** A snooze is a maintenance window that starts now. */
export function snoozeService(input: { id: string; serviceId: string; at: Temporal.Instant; minutes: number; actorUserId: string; reason?: string }): MaintenanceWindow {
  if (!Number.isInteger(input.minutes) || input.minutes < 1) throw invalid('silence.bad_duration', 'Snooze for a whole number of minutes, at least 1.');
  const w: MaintenanceWindow = {
    id: input.id,
    serviceIds: [input.serviceId],
    start: input.at,
    end: input.at.add({ minutes: input.minutes }),
    reason: input.reason ?? 'snoozed',
    createdBy: input.actorUserId,
    onEnd: 'notify',
  };
  validateWindow(w);
  return w;
}

/** Ends a window now (or leaves it alone if it already ended). */
export function endWindowEarly(w: MaintenanceWindow, at: Temporal.Instant): MaintenanceWindow {
  if (at.epochMilliseconds >= w.end.epochMilliseconds) return w;
  return { ...w, end: at.epochMilliseconds < w.start.epochMilliseconds ? w.start : at };
}

const covers = (w: MaintenanceWindow, serviceId: string, at: Temporal.Instant) =>
  w.serviceIds.includes(serviceId) && w.start.epochMilliseconds <= at.epochMilliseconds && at.epochMilliseconds < w.end.epochMilliseconds;

/**
 * Until when a service is silenced at `at`, following windows that overlap or touch end to start;
 * null when it is not silenced.
 */
export function silencedUntil(serviceId: string, windows: readonly MaintenanceWindow[], at: Temporal.Instant): { until: Temporal.Instant; windowIds: string[] } | null {
  let until: Temporal.Instant | null = null;
  const ids: string[] = [];
  let probe = at;
  for (;;) {
    const active = windows.filter((w) => covers(w, serviceId, probe) && !ids.includes(w.id));
    if (active.length === 0) break;
    for (const w of active) {
      ids.push(w.id);
      if (!until || w.end.epochMilliseconds > until.epochMilliseconds) until = w.end;
    }
    probe = until!;
  }
  return until ? { until, windowIds: ids } : null;
}

export type HoldDecision = { hold: false } | { hold: true; until: Temporal.Instant; windowIds: string[]; releaseKey: string };

export const releaseKey = (serviceId: string) => `service:${serviceId}:maintenance-release`;

/**
 * Whether a new page on this service (or a notification due now) is held. The page itself is
 * always written; when held, the service arms one release timer per service instead of the
 * page's escalation timer.
 */
export function holdDecision(serviceId: string, windows: readonly MaintenanceWindow[], at: Temporal.Instant): HoldDecision {
  const s = silencedUntil(serviceId, windows, at);
  return s ? { hold: true, until: s.until, windowIds: s.windowIds, releaseKey: releaseKey(serviceId) } : { hold: false };
}

export type ReleaseStep =
  | { pageId: string; action: 'start_escalation'; at: Temporal.Instant; digest: boolean }
  | { pageId: string; action: 'still_held'; until: Temporal.Instant }
  | { pageId: string; action: 'nothing'; reason: 'acknowledged_during_window' | 'resolved_during_window' };

/**
 * What happens to held pages when the release timer fires at `at`. 'start_escalation' means:
 * notify the page's current level (level 1 for pages that arrived during the window) and arm its
 * escalation timer from `at`. Escalation timers and deliveries that fall due inside a window are
 * held the same way (check holdDecision when they fire) and come back through this plan. A late release (after
 * downtime) still releases: the pages are open and someone must hear about them.
 */
export function planRelease(
  serviceId: string,
  heldPages: ReadonlyArray<Pick<Page, 'id' | 'status'>>,
  windows: readonly MaintenanceWindow[],
  at: Temporal.Instant,
): ReleaseStep[] {
  const still = silencedUntil(serviceId, windows, at);
  const ended = windows.filter((w) => w.serviceIds.includes(serviceId) && w.end.epochMilliseconds <= at.epochMilliseconds);
  const last = ended.sort((a, b) => b.end.epochMilliseconds - a.end.epochMilliseconds)[0];
  const digest = last?.onEnd === 'digest';
  return heldPages.map((p): ReleaseStep => {
    if (p.status === 'resolved') return { pageId: p.id, action: 'nothing', reason: 'resolved_during_window' };
    if (p.status === 'acknowledged') return { pageId: p.id, action: 'nothing', reason: 'acknowledged_during_window' };
    if (still) return { pageId: p.id, action: 'still_held', until: still.until };
    return { pageId: p.id, action: 'start_escalation', at, digest };
  });
}

// ---- Bulk acknowledge / resolve ----------------------------------------------------------------

export type BulkAction = 'acknowledge' | 'resolve';

export type BulkOutcome =
  | { pageId: string; outcome: 'applied'; result: TransitionResult }
  | { pageId: string; outcome: 'unchanged'; code: string; message: string }
  | { pageId: string; outcome: 'refused'; error: { kind: ErrorKind; code: string; message: string } }
  | { pageId: string; outcome: 'not_found' };

export interface BulkPlan {
  results: BulkOutcome[];
  counts: { applied: number; unchanged: number; refused: number; not_found: number };
}

const ALREADY: Record<BulkAction, readonly string[]> = {
  acknowledge: ['page.already_acknowledged', 'page.already_resolved'],
  resolve: ['page.already_resolved'],
};

/**
 * PG-7 / WF-10: one action over many pages with a result per page. Each page is checked on its
 * own (permissions, state, vetoes such as PG-2), so one refusal never blocks the others; pages
 * already in (or past) the wanted state are reported unchanged, not as failures.
 */
export function planBulk(input: {
  action: BulkAction;
  requestedIds: readonly string[];
  pages: readonly Page[];
  actor: PageActor;
  at: Temporal.Instant;
  vetoes?: readonly PageVeto[];
  rules?: PageRules;
  silenceRules?: SilenceRules;
}): BulkPlan {
  const limits = input.silenceRules ?? DEFAULT_SILENCE_RULES;
  const ids = [...new Set(input.requestedIds)];
  if (ids.length === 0) throw invalid('bulk.empty', 'Select at least one page.');
  if (ids.length > limits.maxBulkPages) throw invalid('bulk.too_many', `At most ${limits.maxBulkPages} pages per bulk action; narrow the selection.`, { count: ids.length });
  const byId = new Map(input.pages.map((p) => [p.id, p]));
  const results = ids.map((pageId): BulkOutcome => {
    const page = byId.get(pageId);
    if (!page) return { pageId, outcome: 'not_found' };
    try {
      const result = applyTransition(page, { kind: input.action, actor: input.actor, at: input.at }, { vetoes: input.vetoes, rules: input.rules });
      return { pageId, outcome: 'applied', result };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      if (ALREADY[input.action].includes(e.code)) return { pageId, outcome: 'unchanged', code: e.code, message: e.message };
      return { pageId, outcome: 'refused', error: { kind: e.kind, code: e.code, message: e.message } };
    }
  });
  const counts = { applied: 0, unchanged: 0, refused: 0, not_found: 0 };
  for (const r of results) counts[r.outcome]++;
  return { results, counts };
}
