// RP-2 what-if staffing, the use case: load the period's arrivals and the schedules as they are,
// build the proposal over them, and replay both. Read-only: a what-if never changes a schedule.
import { managerScheduleFor, emergencyConfigOf } from '../emergencies/index.ts';
import { isManagerOrAdmin, type Actor } from '../kernel/actor.ts';
import { forbidden, invalid } from '../kernel/errors.ts';
import { Temporal, isValidTimeZone, isoUtc } from '../kernel/time.ts';
import { findUsers } from '../people/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { currentSchedules, scheduleMembers, type DefinitionsDocument, type SchedulesWorkspace } from '../schedules/index.ts';
import type { Tx } from '../store/tx.ts';
import { findArrivals } from './store-whatif.ts';
import { proposedSchedules, readProposal } from './whatif-proposal.ts';
import { whatIf, type Arrival, type WhatIfResult } from './whatif.ts';

/** A year and a little: a what-if is a look back over weeks to a year, not the whole store. */
export const WHATIF_MAX_DAYS = 400;

export interface WhatIfRequest {
  since: Temporal.Instant;
  until: Temporal.Instant;
  /** A workspace file as YAML text, or the same document as JSON. */
  proposal: unknown;
  /** Weeks start Monday 00:00 here (default UTC). */
  zone?: string;
}

export function parseInstant(v: string | undefined, name: string): Temporal.Instant {
  if (!v) throw invalid('whatif.bad_period', `${name} is required: an ISO-8601 instant (2026-06-01T00:00:00Z) or a date (2026-06-01, midnight UTC).`, { field: name });
  try {
    return /^\d{4}-\d{2}-\d{2}$/.test(v) ? Temporal.PlainDate.from(v).toZonedDateTime('UTC').toInstant() : Temporal.Instant.from(v);
  } catch {
    throw invalid('whatif.bad_period', `${name}: "${v}" is neither an instant nor a date; write 2026-06-01 or 2026-06-01T00:00:00Z.`, { field: name, value: v });
  }
}

function checkRequest(r: WhatIfRequest, now: Temporal.Instant): string {
  if (r.until.epochMilliseconds <= r.since.epochMilliseconds) throw invalid('whatif.bad_period', 'until must be after since.', { since: r.since.toString(), until: r.until.toString() });
  if (r.until.epochMilliseconds - r.since.epochMilliseconds > WHATIF_MAX_DAYS * 86_400_000) throw invalid('whatif.bad_period', `A what-if looks back at most ${WHATIF_MAX_DAYS} days; shorten the period.`, { maxDays: WHATIF_MAX_DAYS });
  if (r.since.epochMilliseconds >= now.epochMilliseconds) throw invalid('whatif.bad_period', 'A what-if replays the past: since must be before now.', { since: r.since.toString() });
  const zone = r.zone ?? 'UTC';
  if (!isValidTimeZone(zone)) throw invalid('whatif.bad_zone', `"${zone}" is not an IANA time zone; use a name such as America/New_York.`, { zone });
  return zone;
}

const people = (w: SchedulesWorkspace): string[] => [
  ...w.schedules.flatMap((s) => { const m = scheduleMembers(s); return [...m.users, ...m.shadows, ...(s.fallback ? [s.fallback.user] : [])]; }),
  ...w.groups.flatMap((g) => g.dri.map((d) => d.user).filter((u): u is string => !!u)),
  ...w.edits.overrides.map((o) => o.user).filter((u): u is string => !!u),
];

function toArrival(r: { ref: string; group: string; at: string; resolvedAt: string | null; handedOverAt: string | null }, untilMs: number): Arrival {
  const atMs = Date.parse(r.at);
  const ends = [r.resolvedAt, r.handedOverAt].filter((x): x is string => !!x).map(Date.parse);
  // Still open at the end of the period: busy until then.
  return { ref: r.ref, group: r.group, atMs, endMs: ends.length ? Math.min(...ends) : Math.max(untilMs, atMs) };
}

/** RP-2: replay the period's emergencies against the schedules as they were and as proposed (managers). */
export async function runWhatIf(ctx: Ctx, actor: Actor, r: WhatIfRequest, tx?: Tx): Promise<WhatIfResult> {
  if (!isManagerOrAdmin(actor)) throw forbidden('whatif.managers_only', 'What-if staffing is for support managers and admins.');
  const zone = checkRequest(r, ctx.clock.now());
  const doc = readProposal(r.proposal);
  return withTx(ctx, tx, async (tx) => {
    const current = await currentSchedules(tx);
    let proposal = proposedSchedules(current.document, current.workspace.edits, doc);
    // Everyone the proposal names must be a person of this workspace; parsed again with them so
    // the refusal names the path of the first unknown one.
    const named = [...new Set(people(proposal.workspace))];
    const found = new Map((await findUsers(tx, { emails: named })).map((u) => [u.email.toLowerCase(), u]));
    if (named.some((e) => !found.has(e.toLowerCase()))) proposal = proposedSchedules(current.document, current.workspace.edits, doc, [...found.keys()]);
    const zones = new Map([...found.values()].map((u) => [u.email, u.timeZone]));
    for (const u of await findUsers(tx, { emails: [...new Set(people(current.workspace))] })) zones.set(u.email, u.timeZone);
    const config = await emergencyConfigOf(tx);
    const arrivals = (await findArrivals(tx, isoUtc(r.since), isoUtc(r.until))).map((a) => toArrival(a, r.until.epochMilliseconds));
    return whatIf({
      since: r.since,
      until: r.until,
      arrivals,
      actual: current.workspace,
      proposed: proposal.workspace,
      groups: proposal.groups,
      zone,
      managerScheduleOf: (group) => managerScheduleFor(group, config),
      zoneOf: (user) => zones.get(user) ?? undefined,
    });
  });
}

/** The current definitions, to start a proposal from (the web form edits a copy of one rotation). */
export async function whatIfStart(ctx: Ctx, actor: Actor, tx?: Tx): Promise<DefinitionsDocument> {
  if (!isManagerOrAdmin(actor)) throw forbidden('whatif.managers_only', 'What-if staffing is for support managers and admins.');
  return withTx(ctx, tx, async (tx) => (await currentSchedules(tx)).document);
}
