// The paging port: who owns pages for an escalation target {schedule | rotation_group | group_dri}
// at an instant (user ids; owners only — SCH-7 shadows never own a page), and who shadows them.
import type { Temporal } from '../kernel/time.ts';
import { findUsers } from '../people/index.ts';
import type { Tx } from '../store/tx.ts';
import { onCallAt } from './final-schedule.ts';
import { groupOnCallAt } from './group.ts';
import { findGroup, findSchedule, type Loaded } from './service-oncall.ts';
import { loadSchedules } from './store.ts';

export type OnCallTarget = { kind: 'schedule' | 'rotation_group' | 'group_dri'; ref: string };

function peopleAt(w: Loaded, t: OnCallTarget, at: Temporal.Instant): { owners: string[]; shadows: string[] } {
  if (t.kind === 'schedule') {
    const s = w.schedules.find((x) => x.id === t.ref || x.name === t.ref);
    if (!s) return { owners: [], shadows: [] };
    const r = onCallAt(s, at, w.edits);
    return { owners: r.owners, shadows: r.shadows };
  }
  const g = w.groups.find((x) => x.id === t.ref || x.name === t.ref);
  if (!g) return { owners: [], shadows: [] };
  const r = groupOnCallAt(g, at, w.edits);
  // SCH-3: the DRI takes the first emergency; with no DRI (window closed, or its schedule empty)
  // the group's owners are paged so a page is never left with nobody.
  if (t.kind === 'group_dri') return { owners: r.dri.user && r.owners.includes(r.dri.user) ? [r.dri.user] : r.owners, shadows: r.shadows };
  return { owners: r.owners, shadows: r.shadows };
}

async function ids(tx: Tx, emails: string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  // Only the people named: every page and emergency asks, and customers make the users table large.
  const users = (await findUsers(tx, { emails: [...new Set(emails.map((e) => e.toLowerCase()))] })).filter((u) => u.active);
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  return emails.map((e) => byEmail.get(e.toLowerCase())).filter((x): x is string => !!x);
}

/** Owners (user ids) behind a target at `at`. Provided as the node's scheduleResolver port by the schedules plug. */
export async function ownersAt(target: OnCallTarget, at: Temporal.Instant, tx: Tx): Promise<string[]> {
  return ids(tx, peopleAt(await loadSchedules(tx), target, at).owners);
}

/** SCH-7: shadows (user ids) behind a target at `at`: notify them alongside, never make them owners. */
export async function shadowsAt(target: OnCallTarget, at: Temporal.Instant, tx: Tx): Promise<string[]> {
  return ids(tx, peopleAt(await loadSchedules(tx), target, at).shadows);
}

export { findGroup, findSchedule };
