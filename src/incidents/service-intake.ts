// WF-10 at an emergency's intake, and WF-9 at its end: what the emergency workflow asks of incidents
// through its `incidentGrouping` port. A new emergency joins the open incident or makes the
// detection declare one; the incident's page ends with its last related emergency.
import { countOpenEmergencies, type Decision, type EmergencyIncident, type EmergencyTicket, emergencyConfigOf, type Emergency, type IncidentGrouping, loadEmergencyTicket } from '../emergencies/index.ts';
import { SYSTEM, type Actor } from '../kernel/actor.ts';
import { endPageWithSubject, findPage } from '../paging/index.ts';
import { instant, isoUtc, type Temporal } from '../kernel/time.ts';
import { announce, type Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { addIncidentTicket, findIncident, incidentTicketsOf, latestOpenIncident, listIncidentTickets, recentUngroupedEmergencies, updateIncident, type IncidentRow } from './store.ts';
import { incidentPageVeto, pageIncident } from './service-page.ts';
import { decideJoinIncident, detectWidespreadIncident, shouldJoinIncident } from './widespread-incident.ts';
import { ref, serialise } from './service-load.ts';
import { declareIn } from './service-declare.ts';

/**
 * WF-10 at intake, before the new emergency is paged: the open incident it joins, or — when this
 * emergency makes the detection fire — a new incident declared over the recent ones. Null: page as usual.
 */
async function incidentForIntake(ctx: Ctx, tx: Tx, view: EmergencyTicket, now: Temporal.Instant): Promise<IncidentRow | null> {
  const c = await emergencyConfigOf(tx);
  if (view.priority !== 'urgent' || !c.incident.forms.includes(view.form) || view.tags.some((t) => t.startsWith(c.tags.incidentPrefix))) return null;
  await serialise(tx);
  const open = await latestOpenIncident(tx, true);
  if (open && shouldJoinIncident(view, { ...ref(open), state: open.state, lastJoinedAt: instant(open.lastJoinedAt) }, now, c)) return open;
  const recent = await recentUngroupedEmergencies(tx, now.subtract({ minutes: c.incident.detectionWindowMinutes }));
  if (recent.length + 1 < c.incident.detectionThreshold) return null;
  const views: EmergencyTicket[] = [];
  for (const r of recent) views.push((await loadEmergencyTicket(tx, r.ticketId)).view);
  const detection = detectWidespreadIncident([...views, view], now, c);
  if (!detection.detected) return null;
  const others = detection.ticketIds.filter((id) => id !== view.id);
  return declareIn(ctx, tx, SYSTEM, { ticketIds: [], offered: others, detected: true, title: `${detection.count} emergencies in ${c.incident.detectionWindowMinutes} minutes` });
}

/**
 * WF-10: the new emergency joins the incident — its row, one more alert on the incident's page —
 * and returns what to write on the ticket and thread, for the intake to apply with its own decision.
 */
async function joinAtIntake(ctx: Ctx, tx: Tx, i: IncidentRow, em: Emergency, view: EmergencyTicket): Promise<Decision> {
  const now = ctx.clock.now();
  await addIncidentTicket(tx, { incidentId: i.id, ticketId: em.ticketId, ticketNumber: em.ticketNumber, relation: 'related', grouped: true }, now);
  await updateIncident(tx, i.id, now, { lastJoinedAt: isoUtc(now) });
  await pageIncident(ctx, tx, SYSTEM, i, { ticketId: em.ticketId, ticketNumber: em.ticketNumber });
  announce(ctx, tx, { type: 'incident', id: i.id });
  return decideJoinIncident({ ticket: view, incident: ref(i), channel: em.channel, pagedOnItsOwn: false }, now, await emergencyConfigOf(tx));
}


/** The incident this ticket belongs to (offered-to-join tickets belong to none yet). */
async function incidentOf(tx: Tx, ticketId: string): Promise<EmergencyIncident | null> {
  const m = (await incidentTicketsOf(tx, [ticketId]))[0];
  const i = m ? await findIncident(tx, m.incidentId) : undefined;
  return i ? { number: i.number, related: m.relation === 'related' } : null;
}

const ENDED_BY: Actor = { ...SYSTEM, name: 'Emergency ended' };

/** WF-9 with PG-7: the incident's one page stood for its related emergencies; it ends with the last of them. */
async function afterEmergencyEnded(ctx: Ctx, tx: Tx, em: Emergency, reason: string): Promise<void> {
  const m = (await incidentTicketsOf(tx, [em.ticketId]))[0];
  const i = m?.relation === 'related' ? await findIncident(tx, m.incidentId) : undefined;
  if (!i?.pageId) return;
  const page = await findPage(tx, { id: i.pageId });
  if (!page || page.status === 'resolved') return;
  const related = (await listIncidentTickets(tx, i.id)).filter((x) => x.relation === 'related');
  if ((await countOpenEmergencies(tx, related.map((x) => x.ticketId))) > 0) return;
  await endPageWithSubject(ctx, ENDED_BY, page.id, {
    reason: `incident ${i.number} is over: every related emergency has ended (the last: ticket ${em.ticketNumber}, ${reason})`,
    engaged: related.every((x) => !!x.respondedAt),
  }, tx);
}

/** The port the emergency workflow asks (src/emergencies/service-incident-port.ts). */
export const incidentGrouping: IncidentGrouping = {
  forIntake: async (ctx, tx, view, now) => {
    const i = await incidentForIntake(ctx, tx, view, now);
    return i && { id: i.id, number: i.number, join: (em, v) => joinAtIntake(ctx, tx, i, em, v) };
  },
  pageVeto: incidentPageVeto,
  incidentOf,
  afterEmergencyEnded,
};
