// What the emergency use cases read from other capabilities, turned into the rules' inputs:
// tickets as EmergencyTicket, organisations as OrganisationInput, and who is on call.
import { instant, type Temporal } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import { resolveTarget } from '../paging/index.ts';
import { findOrganization, findTeams, findUser, findUsers } from '../people/index.ts';
import type { Tx } from '../store/tx.ts';
import { loadTicketRecord, type Ticket } from '../tickets/index.ts';
import { managerScheduleFor } from './concurrency.ts';
import type { EmergencyConfig } from './config.ts';
import type { EmergencyTicket, OnCallAnswer, Region, TicketForm, TicketStatus } from './decision.ts';
import type { OrganisationInput } from './entitlement.ts';
import { emergencyConfigOf } from './service-settings.ts';

const dashed = (v: string) => v.replace(/_/g, '-');

export async function emergencyTicket(tx: Tx, t: Ticket): Promise<EmergencyTicket> {
  const requester = await findUser(tx, { id: t.requesterId });
  const assignee = t.assigneeId ? await findUser(tx, { id: t.assigneeId }) : undefined;
  const org = t.organizationId ? await findOrganization(tx, { id: t.organizationId }) : undefined;
  return {
    id: t.id, number: t.number, form: dashed(t.form) as TicketForm, priority: t.priority, status: dashed(t.status) as TicketStatus,
    tags: t.tags, assignee: assignee?.email ?? null, requesterEmail: requester?.email ?? '', orgId: t.organizationId, createdAt: t.createdAt,
    subject: t.subject, orgName: org?.name ?? null,
  };
}

export async function loadEmergencyTicket(tx: Tx, ticketId: string): Promise<{ ticket: Ticket; view: EmergencyTicket }> {
  const rec = await loadTicketRecord(tx, ticketId);
  return { ticket: rec.ticket, view: await emergencyTicket(tx, rec.ticket) };
}

export async function organisationInput(tx: Tx, orgId: string | null): Promise<OrganisationInput | null> {
  if (!orgId) return null;
  const o = await findOrganization(tx, { id: orgId });
  if (!o) return null;
  const s = o.subscription;
  return {
    id: o.id, name: o.name, csm: o.csm?.email ?? null, ase: o.ase?.email ?? null,
    subscription: s.planTier ? {
      tier: s.planTier, supportPackage: s.supportPackage, startsOn: s.startsOn ?? '1970-01-01', endsOn: s.endsOn, trial: s.trial,
      seats: s.seats ?? 0, purchasedAt: instant(`${s.purchasedOn ?? s.startsOn ?? '1970-01-01'}T00:00:00Z`), deployment: dashed(s.deployment) as 'self-managed' | 'saas' | 'dedicated',
    } : null,
  };
}

/**
 * Who is on call for a rotation, through the node's schedule resolver (the schedules capability's
 * port): group DRI, everyone in the rotation group, the rotation's manager schedule. Narrow on
 * purpose: when no capability resolves schedules the answer is empty and WF-6 routes to the manager.
 */
export type OnCallPort = (ctx: Ctx, tx: Tx, rotation: string, at: Temporal.Instant) => Promise<OnCallAnswer>;

export const onCallFor: OnCallPort = async (ctx, tx, rotation, at) => {
  const config = await emergencyConfigOf(tx);
  const ids = async (type: 'group_dri' | 'rotation_group' | 'schedule', id: string) => resolveTarget(ctx, tx, { type, id }, at);
  // SCH-5/WF-6: US-government emergencies have their own manager when the workspace names one.
  const [driIds, groupIds, managerIds] = [await ids('group_dri', rotation), await ids('rotation_group', rotation), await ids('schedule', managerScheduleFor(rotation, config))];
  const users = await findUsers(tx, { ids: [...new Set([...driIds, ...groupIds, ...managerIds])] });
  const email = (id: string) => users.find((u) => u.id === id)?.email ?? null;
  const engineers = [...new Set([...driIds, ...groupIds])].map(email).filter((x): x is string => !!x);
  const dri = driIds.length ? email(driIds[0]) : null;
  return { engineers, dri, manager: managerIds.length ? email(managerIds[0]) : null, singleEngineer: engineers.length === 1, region: await regionOf(tx, dri ?? engineers[0] ?? null, config) };
};


async function regionOf(tx: Tx, email: string | null, config: EmergencyConfig): Promise<Region | null> {
  if (!email) return null;
  const u = await findUser(tx, { email });
  if (u?.region && u.region in config.regions) return u.region as Region;
  for (const [region, r] of Object.entries(config.regions)) {
    const team = (await findTeams(tx, { handle: r.group }))[0];
    if (team?.members.some((m) => m.email === email)) return region as Region;
  }
  return null;
}
