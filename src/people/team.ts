// Teams, regional groups (`@support-team-americas`, pinged for concurrent emergencies, WF-6) and
// pools (the volunteer backup engineers only a manager pages, PG-3).
import { invalid } from '../kernel/errors.ts';

export const TEAM_KINDS = ['team', 'regional_group', 'pool'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export interface Team {
  id: string;
  handle: string;
  name: string;
  kind: TeamKind;
  members: { id: string; name: string; email: string }[];
}

export function checkHandle(handle: string): string {
  const h = handle.trim().startsWith('@') ? handle.trim() : `@${handle.trim()}`;
  if (!/^@[a-z0-9][a-z0-9_.-]{1,62}$/.test(h)) {
    throw invalid('team.bad_handle', `"${handle}" is not a handle. Use lower-case letters, digits, dots, dashes, underscores, like @support-team-americas.`);
  }
  return h;
}

export function checkTeamKind(kind: string): TeamKind {
  if (!(TEAM_KINDS as readonly string[]).includes(kind)) throw invalid('team.bad_kind', `Unknown team kind "${kind}". Use one of: ${TEAM_KINDS.join(', ')}.`);
  return kind as TeamKind;
}
