// Reads a PagerDuty account through REST API v2 (or its saved responses): users with their contact
// methods and notification rules, teams and members, schedules rendered over the proof window with
// their overrides, escalation policies, and services with their integrations.
import type { Temporal } from '../kernel/time.ts';
import type { Source } from './adapter-source.ts';
import type { PdBundle } from './pagerduty.ts';

export const PAGERDUTY_API = 'https://api.pagerduty.com';

export function pagerDutyHeaders(token: string): Record<string, string> {
  return { authorization: `Token token=${token}`, accept: 'application/vnd.pagerduty+json;version=2' };
}

export async function readPagerDuty(src: Source, since: Temporal.Instant, until: Temporal.Instant): Promise<PdBundle> {
  const window = `since=${encodeURIComponent(since.toString())}&until=${encodeURIComponent(until.toString())}`;
  const users = await src.list('/users?include[]=contact_methods&include[]=notification_rules', 'users');
  const teams = await src.list('/teams', 'teams');
  const teamMembers: PdBundle['teamMembers'] = {};
  for (const t of teams) teamMembers[t.id] = await src.list(`/teams/${t.id}/members`, 'members');
  const list = await src.list('/schedules', 'schedules');
  const schedules = [];
  const overrides: PdBundle['overrides'] = {};
  for (const s of list) {
    schedules.push((await src.get(`/schedules/${s.id}?${window}`)).schedule);
    overrides[s.id] = (await src.get(`/schedules/${s.id}/overrides?${window}`, { optional: true }))?.overrides ?? [];
  }
  const escalation_policies = await src.list('/escalation_policies', 'escalation_policies');
  const services = await src.list('/services?include[]=integrations', 'services');
  return { users, teams, teamMembers, schedules, overrides, escalation_policies, services };
}
