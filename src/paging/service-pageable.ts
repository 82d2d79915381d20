// Reads what checkNamedTargets (manual-page.ts) needs about the people a caller names on a page.
import type { Tx } from '../store/tx.ts';
import { findTeams, findUser } from '../people/index.ts';
import { checkNamedTargets, type NamedPerson } from './manual-page.ts';
import type { Actor } from '../kernel/actor.ts';
import { pageActorOf } from './service-core.ts';

export async function assertMayPageNamed(tx: Tx, actor: Actor, userIds: readonly string[]): Promise<void> {
  if (!userIds.length) return;
  const teams = await findTeams(tx);
  const people: NamedPerson[] = [];
  for (const ref of new Set(userIds)) {
    const u = await findUser(tx, { id: ref });
    const kinds = u ? teams.filter((t) => t.members.some((m) => m.id === u.id)).map((t) => t.kind) : [];
    people.push({
      ref,
      user: u ? { id: u.id, email: u.email, role: u.role, active: u.active } : null,
      backupPoolOnly: kinds.includes('pool') && kinds.every((k) => k === 'pool'),
    });
  }
  checkNamedTargets(pageActorOf(actor), people);
}
