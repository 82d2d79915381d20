// SM-10: the first-response watch's rules. New tickets without a first public reply that are
// within a margin of their first-reply target are counted per region (the requester's region, else
// the region whose time-zone prefixes match theirs); when a region's count reaches its threshold
// the manager on call and the region's team channel are told ONCE for that build-up, and told again
// only after the count has fallen below the threshold and risen again. Pure: no I/O, no clock.

export interface WatchRegion { channel: string; zones: string[]; threshold: number }
export interface FirstResponseSettings {
  /** Count tickets whose first reply is due within this many minutes (or already overdue). */
  marginMinutes: number;
  /** How often the watch looks. */
  everyMinutes: number;
  /** Region name → its team channel, the time-zone prefixes that belong to it ('*': the rest), its threshold. */
  regions: Record<string, WatchRegion>;
}

/** The seed's regions; the thresholds and channels are the workspace's to change. */
export const DEFAULT_FIRST_RESPONSE: FirstResponseSettings = {
  marginMinutes: 60,
  everyMinutes: 5,
  regions: {
    AMER: { channel: '#support_team-chat', zones: ['America/', '*'], threshold: 5 },
    EMEA: { channel: '#support_team-chat', zones: ['Europe/', 'Africa/'], threshold: 5 },
    APAC: { channel: '#support_team-chat', zones: ['Asia/', 'Australia/', 'Pacific/'], threshold: 5 },
  },
};

/**
 * The region a ticket counts for: the requester's own region when it is one of the watch's, else
 * the first region listing a prefix of their time zone, else the region listing '*'; null when
 * none (the ticket is not watched).
 */
export function regionOf(requester: { region: string | null; zone: string }, regions: Record<string, WatchRegion>): string | null {
  if (requester.region && regions[requester.region]) return requester.region;
  const names = Object.keys(regions);
  return names.find((n) => regions[n].zones.some((z) => z !== '*' && requester.zone.startsWith(z)))
    ?? names.find((n) => regions[n].zones.includes('*')) ?? null;
}

export interface WatchedTicket { number: number; dueAt: string; region: string | null; zone: string }

/** Per watched region: the tickets near their target, soonest due first (every region present, even at 0). */
export function countByRegion(tickets: readonly { number: number; dueAt: string; requesterRegion: string | null; requesterZone: string }[], regions: Record<string, WatchRegion>): Record<string, { number: number; dueAt: string }[]> {
  const out: Record<string, { number: number; dueAt: string }[]> = Object.fromEntries(Object.keys(regions).map((r) => [r, []]));
  for (const t of tickets) {
    const r = regionOf({ region: t.requesterRegion, zone: t.requesterZone }, regions);
    if (r) out[r].push({ number: t.number, dueAt: t.dueAt });
  }
  for (const r of Object.keys(out)) out[r].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.number - b.number);
  return out;
}

/**
 * SM-10: once per build-up. `building` is what the store remembers for the region (told already
 * for the build-up under way). Tell when the count reaches the threshold and no build-up is under
 * way; the build-up ends when the count falls below the threshold.
 */
export function watchStep(building: boolean, count: number, threshold: number): { tell: boolean; building: boolean } {
  const over = count >= threshold;
  return { tell: over && !building, building: over };
}

/** The post in the region's team channel and the manager's notification. */
export function buildUpText(p: { region: string; count: number; marginMinutes: number; tickets: { number: number; dueAt: string }[]; manager: string | null; now: string }): string {
  const overdue = p.tickets.filter((t) => t.dueAt <= p.now).length;
  const list = p.tickets.slice(0, 10).map((t) => `#${t.number} (due ${t.dueAt.slice(11, 16)} UTC)`).join(', ');
  const more = p.tickets.length > 10 ? ` and ${p.tickets.length - 10} more` : '';
  return `${p.manager ? `@${p.manager}: ` : ''}${p.region}: ${p.count} new tickets have no first reply and are within ${p.marginMinutes} min of their first-reply target${overdue ? ` (${overdue} already overdue)` : ''}. Please take new tickets: ${list}${more}.`;
}
