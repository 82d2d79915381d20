// SM-8: reading upgrade-assistance requests. Managers list them (flagged first to look at: the flag
// reasons say why); a customer sees only their organisation's, without the flags, who was told, or
// the ticket's internal timeline.
import { isStaff, type Actor } from '../kernel/actor.ts';
import { Temporal } from '../kernel/time.ts';
import { findOrganizations, findUsers, type User } from '../people/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { listTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { findTicketRecords } from '../tickets/index.ts';
import { listUpgrades, type UpgradeRow } from './store.ts';
import { loadUpgradeFor, upgradeUrl } from './service-upgrade.ts';
import { wallClock } from './upgrade.ts';

const person = (u: User | undefined) => (u ? { id: u.id, name: u.name, email: u.email } : null);

async function views(ctx: Ctx, tx: Tx, actor: Actor, rows: UpgradeRow[]) {
  const ids = [...new Set(rows.flatMap((u) => [u.requesterId, u.managerId, u.assigneeId]).filter((x): x is string => !!x))];
  const users = ids.length ? await findUsers(tx, { ids }) : [];
  const orgIds = [...new Set(rows.flatMap((u) => (u.organizationId ? [u.organizationId] : [])))];
  const orgs = orgIds.length ? await findOrganizations(tx, { ids: orgIds }) : [];
  const tickets = await findTicketRecords(tx, [...new Set(rows.map((u) => u.ticketId))]);
  const staff = isStaff(actor);
  const by = (id: string | null) => person(id ? users.find((x) => x.id === id) : undefined);
  return rows.map((u) => {
    const start = Temporal.Instant.from(u.start);
    const org = orgs.find((o) => o.id === u.organizationId);
    return {
      id: u.id, number: u.number, state: u.state,
      ticket: { id: u.ticketId, number: u.ticketNumber, subject: tickets.get(u.ticketId)?.ticket.subject ?? null },
      requester: by(u.requesterId), organization: org ? { id: org.id, name: org.name } : null,
      start: u.start, end: start.add({ minutes: u.durationMinutes }).toString(), durationMinutes: u.durationMinutes, zone: u.zone, startLocal: wallClock(start, u.zone), scope: u.scope,
      assignee: by(u.assigneeId),
      // the triage is the support team's: customers see their request, not how it was judged
      ...(staff ? { flagged: u.flags.length > 0, flags: u.flags, manager: by(u.managerId) } : {}),
      createdAt: u.createdAt, updatedAt: u.updatedAt, version: u.version, url: upgradeUrl(ctx, u.number),
    };
  });
}

export async function listUpgradeRequests(ctx: Ctx, actor: Actor, f: { flagged?: boolean } = {}, tx?: Tx) {
  return withTx(ctx, tx, async (tx) => {
    const mine = isStaff(actor) ? {} : actor.organizationId ? { organizationId: actor.organizationId } : { requesterId: actor.userId ?? '-' };
    // customers never filter by the flag (they do not see it)
    const rows = await listUpgrades(tx, { ...(isStaff(actor) ? { flagged: f.flagged } : {}), ...mine });
    return views(ctx, tx, actor, rows);
  });
}

/** One request; staff also get the ticket's upgrade steps from its timeline. */
export async function showUpgradeRequest(ctx: Ctx, actor: Actor, ref: string, tx?: Tx) {
  return withTx(ctx, tx, async (tx) => {
    const u = await loadUpgradeFor(tx, actor, ref);
    const [v] = await views(ctx, tx, actor, [u]);
    if (!isStaff(actor)) return v;
    // filing and flagging share an instant (one transaction): they read in the order they happen
    const step = (a: string) => (a === 'upgrade.requested' ? 0 : a === 'upgrade.flagged' ? 1 : 2);
    const timeline = (await listTimeline(tx, 'ticket', u.ticketId))
      .filter((e) => e.action.startsWith('upgrade.') && e.detail.number === u.number)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || step(a.action) - step(b.action));
    return { ...v, timeline };
  });
}
