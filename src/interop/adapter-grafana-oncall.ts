// Reads a Grafana OnCall instance through its public API v1 (or its saved responses): users,
// teams, schedules with their on-call shifts, each schedule's final shifts over the proof window,
// escalation chains with their steps, integrations with their routes, and personal notification
// rules. Every list is paged by its `next` link.
import type { Temporal } from '../kernel/time.ts';
import type { Source } from './adapter-source.ts';
import type { GoBundle } from './grafana-oncall.ts';

/** Grafana Cloud's documented API URL; a self-hosted engine serves the same paths under its own host. */
export const GRAFANA_ONCALL_API = 'https://oncall-prod-us-central-0.grafana.net/oncall/api/v1';

export function grafanaOnCallHeaders(token: string): Record<string, string> {
  return { authorization: token };
}

export async function readGrafanaOnCall(src: Source, since: Temporal.Instant, until: Temporal.Instant): Promise<GoBundle> {
  const day = (t: Temporal.Instant) => t.toString().slice(0, 10);
  const users = await src.list('/users', 'results');
  const teams = await src.list('/teams', 'results');
  const schedules = await src.list('/schedules', 'results');
  const shifts = await src.list('/on_call_shifts', 'results');
  const finalShifts: GoBundle['finalShifts'] = {};
  for (const s of schedules) {
    if (s.type === 'ical') continue;
    // the end date is inclusive: ask for the day the window ends too
    finalShifts[s.id] = await src.list(`/schedules/${s.id}/final_shifts?start_date=${day(since)}&end_date=${day(until)}`, 'results');
  }
  const chains = await src.list('/escalation_chains', 'results');
  const steps = await src.list('/escalation_policies', 'results');
  const integrations = await src.list('/integrations', 'results');
  const routes = await src.list('/routes', 'results');
  const notificationRules = await src.list('/personal_notification_rules', 'results');
  return { users, teams, schedules, shifts, finalShifts, chains, steps, integrations, routes, notificationRules };
}
