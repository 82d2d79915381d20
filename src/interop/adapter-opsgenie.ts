// Reads an Opsgenie account through API v2 (or its saved responses): users with contacts and
// notification rules, teams with members, schedules with rotations, their overrides and timeline
// over the proof window, escalations and integrations.
import type { Temporal } from '../kernel/time.ts';
import type { Source } from './adapter-source.ts';
import type { OgBundle } from './opsgenie.ts';

export const OPSGENIE_API = 'https://api.opsgenie.com/v2';

export function opsgenieHeaders(token: string): Record<string, string> {
  return { authorization: `GenieKey ${token}` };
}

export async function readOpsgenie(src: Source, since: Temporal.Instant, until: Temporal.Instant): Promise<OgBundle> {
  const weeks = Math.max(1, Math.round((until.epochMilliseconds - since.epochMilliseconds) / 604_800_000));
  const users = await src.list('/users', 'data');
  const contacts: OgBundle['contacts'] = {};
  const notificationRules: OgBundle['notificationRules'] = {};
  for (const u of users) {
    contacts[u.id] = (await src.get(`/users/${u.id}/contacts`, { optional: true }))?.data ?? [];
    notificationRules[u.id] = (await src.get(`/users/${u.id}/notification-rules`, { optional: true }))?.data ?? [];
  }
  const teams = [];
  for (const t of await src.list('/teams', 'data')) teams.push((await src.get(`/teams/${t.id}`)).data);
  const schedules = await src.list('/schedules?expand=rotation', 'data');
  const overrides: OgBundle['overrides'] = {};
  const timelines: OgBundle['timelines'] = {};
  for (const s of schedules) {
    overrides[s.id] = (await src.get(`/schedules/${s.id}/overrides`, { optional: true }))?.data ?? [];
    timelines[s.id] = (await src.get(`/schedules/${s.id}/timeline?date=${encodeURIComponent(since.toString())}&interval=${weeks}&intervalUnit=weeks`, { optional: true }))?.data ?? null;
  }
  const escalations = await src.list('/escalations', 'data');
  const integrations = await src.list('/integrations', 'data');
  return { users, contacts, notificationRules, teams, schedules, overrides, timelines, escalations, integrations };
}
