// Partial moves (--team, --user, --name-regex): pick the schedules, policies and services asked
// for, then pull in what they point at (a service's policy, a policy's schedules) so the file never
// names something it does not define, and only the people those objects need.
import { emailKey } from './people.ts';

export interface Filters {
  teams?: readonly string[];
  users?: readonly string[];
  nameRegex?: RegExp;
}

interface Item { id: string; name: string; teams: string[] }
export interface FilterInput {
  schedules: (Item & { users: string[] })[];
  policies: (Item & { users: string[]; schedules: string[] })[];
  services: (Item & { policy: string | null })[];
  teams: { id: string; name: string; members: string[] }[];
  users: { id: string; email: string | null }[];
}

export interface Picked { schedules: Set<string>; policies: Set<string>; services: Set<string>; teams: Set<string>; users: Set<string> }

export function pickByFilters(i: FilterInput, f: Filters): Picked {
  const any = !!(f.teams?.length || f.users?.length || f.nameRegex);
  if (!any) return { schedules: ids(i.schedules), policies: ids(i.policies), services: ids(i.services), teams: ids(i.teams), users: ids(i.users) };
  const wantTeams = new Set((f.teams ?? []).map((t) => t.toLowerCase()));
  const teamSel = new Set(i.teams.filter((t) => wantTeams.has(t.id.toLowerCase()) || wantTeams.has(t.name.toLowerCase())).map((t) => t.id));
  const wantUsers = new Set((f.users ?? []).map(emailKey));
  const userSel = new Set(i.users.filter((u) => u.email && wantUsers.has(emailKey(u.email))).map((u) => u.id));
  const byTeam = (x: Item) => !f.teams?.length || x.teams.some((t) => teamSel.has(t));
  const byName = (x: Item) => !f.nameRegex || f.nameRegex.test(x.name);
  const schedules = new Set(i.schedules.filter((s) => byTeam(s) && byName(s) && (!f.users?.length || s.users.some((u) => userSel.has(u)))).map((s) => s.id));
  const policies = new Set(i.policies.filter((p) => byTeam(p) && byName(p) && (!f.users?.length || p.users.some((u) => userSel.has(u)) || p.schedules.some((s) => schedules.has(s)))).map((p) => p.id));
  const services = new Set(i.services.filter((s) => byTeam(s) && byName(s) && (!f.users?.length || (s.policy !== null && policies.has(s.policy)))).map((s) => s.id));
  for (const s of i.services) if (services.has(s.id) && s.policy) policies.add(s.policy);
  for (const p of i.policies) if (policies.has(p.id)) for (const s of p.schedules) schedules.add(s);
  const teams = new Set(teamSel);
  const users = new Set<string>(userSel);
  for (const s of i.schedules) if (schedules.has(s.id)) { s.users.forEach((u) => users.add(u)); s.teams.forEach((t) => !f.teams?.length && teams.add(t)); }
  for (const p of i.policies) if (policies.has(p.id)) { p.users.forEach((u) => users.add(u)); p.teams.forEach((t) => !f.teams?.length && teams.add(t)); }
  for (const t of i.teams) if (teams.has(t.id) && f.teams?.length) t.members.forEach((u) => users.add(u));
  return { schedules, policies, services, teams, users };
}

const ids = (xs: { id: string }[]) => new Set(xs.map((x) => x.id));
