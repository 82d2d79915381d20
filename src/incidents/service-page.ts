// WF-10 / PG-7: the one page of a widespread incident, and the own pages of the emergencies that
// joined it — acknowledged together with the incident's page — plus PG-2 for the incident's page.
// Called by the incident use cases, and on every page change ('page.changed'), in their transaction.
import { addThreadEntry } from '../conversations/index.ts';
import { SYSTEM, type Actor } from '../kernel/actor.ts';
import { isDomainError } from '../kernel/errors.ts';
import type { Temporal } from '../kernel/time.ts';
import { acknowledgePage, getPage, listPolicies, triggerPage } from '../paging/index.ts';
import type { Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import { underSavepoint, type Tx } from '../store/tx.ts';
import { findTicketRecords } from '../tickets/index.ts';
import { emergencyConfigOf, findEmergency, PAGING_SERVICE, type Emergency } from '../emergencies/index.ts';
import { findIncidentByPage, listIncidentTickets, updateIncident, type IncidentRow } from './store.ts';
import { canResolveIncident, joinedPageAction, type PageStatusOf } from './widespread-incident.ts';

const dedupKey = (i: IncidentRow) => `incident:${i.tag}`;

// ---- the one page of an incident ---------------------------------------------------------------

/**
 * PG-7: the incident's page, raised once; every grouped emergency is one more alert on it. A
 * paging setup that cannot page never refuses the emergencies: the thread says no page went out.
 */
export async function pageIncident(ctx: Ctx, tx: Tx, actor: Actor, i: IncidentRow, detail: Record<string, unknown>): Promise<string | null> {
  const now = ctx.clock.now();
  const config = await emergencyConfigOf(tx);
  try {
    const r = await underSavepoint(tx, 'incident_page', async () => {
      const policy = (await listPolicies(ctx, tx)).find((p) => p.id === config.rotations.global)?.id ?? null;
      return triggerPage(ctx, actor.kind === 'user' ? actor : SYSTEM, {
        serviceId: PAGING_SERVICE.id, title: `Widespread incident ${i.number} (${i.tag}): ${i.title}`, ticketId: null, dedupKey: dedupKey(i),
        escalationPolicyId: policy, source: 'emergency', details: { incident: i.number, ...detail },
      }, tx);
    });
    if (r.page.id !== i.pageId) await updateIncident(tx, i.id, now, { pageId: r.page.id });
    return r.page.id;
  } catch (err) {
    if (!isDomainError(err)) throw err;
    await addThreadEntry(tx, null, { ticketId: null, channel: config.channels.saas, kind: 'notice', author: null, text: `No page was sent for incident ${i.number}: ${err.message} Page someone by hand, and fix the paging setup.`, mentions: [], late: false }, now);
    await recordTimeline(tx, now, actor, { subjectType: 'incident', subjectId: i.id, action: 'incident.page_failed', detail: { code: err.code, reason: err.message } });
    return null;
  }
}

// ---- joined emergencies follow the incident's page (PG-7) ---------------------------------------

/** The actor that acknowledges a joined page: the incident, on behalf of whoever acknowledged its page. */
export const incidentActor = (i: IncidentRow): Actor => ({ ...SYSTEM, name: `Incident ${i.number}` });

export async function statusOf(ctx: Ctx, tx: Tx, pageId: string | null): Promise<{ id: string; number: number; status: PageStatusOf; acknowledgedBy: string | null } | null> {
  if (!pageId) return null;
  const p = await getPage(ctx, SYSTEM, pageId, tx).catch(() => null);
  return p ? { id: p.id, number: p.number, status: p.status, acknowledgedBy: p.acknowledgedBy } : null;
}

export const note = (tx: Tx, now: Temporal.Instant, actor: Actor, pageId: string, message: string, detail: Record<string, unknown>) =>
  recordTimeline(tx, now, actor, { subjectType: 'page', subjectId: pageId, action: 'page.note', detail: { message, ...detail } });

/**
 * PG-7: a joined emergency's own page is acknowledged together with the incident's page — now if
 * that one is acknowledged already, else when it is (onIncidentPageChanged). Both pages say so.
 */
export async function followIncidentPage(ctx: Ctx, tx: Tx, i: IncidentRow, em: Emergency): Promise<'acknowledged' | 'with_incident' | 'none'> {
  const now = ctx.clock.now();
  const [own, inc] = [await statusOf(ctx, tx, em.pageId), await statusOf(ctx, tx, i.pageId)];
  if (!own) return 'none';
  const action = joinedPageAction(inc?.status ?? null, own.status);
  if (action === 'acknowledge_now') {
    await acknowledgeTogether(ctx, tx, i, inc!, own, em.ticketNumber);
    return 'acknowledged';
  }
  if (action === 'with_incident' && inc) {
    const detail = { incident: i.number, incidentPageId: inc.id, pageId: own.id, ticketNumber: em.ticketNumber };
    await note(tx, now, SYSTEM, own.id, `joined incident ${i.number}: acknowledged together with page #${inc.number}`, detail);
    await note(tx, now, SYSTEM, inc.id, `emergency ticket ${em.ticketNumber} joined: its page #${own.number} is acknowledged together with this one`, detail);
    return 'with_incident';
  }
  return 'none';
}

async function acknowledgeTogether(ctx: Ctx, tx: Tx, i: IncidentRow, inc: { id: string; number: number; acknowledgedBy: string | null }, own: { id: string; number: number }, ticketNumber: number): Promise<void> {
  const now = ctx.clock.now();
  await acknowledgePage(ctx, incidentActor(i), own.id, tx);
  const detail = { incident: i.number, incidentPageId: inc.id, pageId: own.id, ticketNumber, incidentPageAcknowledgedBy: inc.acknowledgedBy };
  await note(tx, now, incidentActor(i), own.id, `acknowledged together with page #${inc.number} of incident ${i.number}`, detail);
  await note(tx, now, incidentActor(i), inc.id, `page #${own.number} of emergency ticket ${ticketNumber} acknowledged together with this one`, detail);
}

/**
 * PG-7, called by the emergencies' page-changed reaction: the incident's page was acknowledged (or
 * resolved straight from triggered) — the still-triggered pages of its joined emergencies follow,
 * in the same transaction.
 */
export async function onIncidentPageChanged(ctx: Ctx, tx: Tx, page: { id: string; number: number; status: string; acknowledgedBy: string | null }, entries: readonly { type: string }[]): Promise<void> {
  if (!entries.some((e) => e.type === 'page.acknowledged' || e.type === 'page.resolved')) return;
  const i = await findIncidentByPage(tx, page.id);
  if (!i) return;
  const inc = { id: page.id, number: page.number, acknowledgedBy: page.acknowledgedBy };
  for (const row of await listIncidentTickets(tx, i.id)) {
    if (row.relation !== 'related' || row.grouped) continue;
    const em = await findEmergency(tx, { ticketId: row.ticketId });
    const own = await statusOf(ctx, tx, em?.pageId ?? null);
    if (own?.status === 'triggered') await acknowledgeTogether(ctx, tx, i, inc, own, row.ticketNumber);
  }
}

/** PG-2 for the incident's page, wherever it is resolved (the incident, the page view, the events API). */
export async function incidentPageVeto(tx: Tx, pageId: string): Promise<null | { code: string; reason: string }> {
  const i = await findIncidentByPage(tx, pageId);
  if (!i) return null;
  const v = canResolveIncident(await resolveRows(tx, i));
  return v.ok ? null : { code: v.code, reason: v.reason };
}

export async function resolveRows(tx: Tx, i: IncidentRow) {
  const rows = await listIncidentTickets(tx, i.id);
  const related = rows.filter((x) => x.relation === 'related');
  const recs = await findTicketRecords(tx, related.map((x) => x.ticketId));
  const out = [];
  for (const x of related) {
    const em = await findEmergency(tx, { ticketId: x.ticketId });
    out.push({ ticketNumber: x.ticketNumber, relation: x.relation, hasPublicReply: !!em?.firstPublicReplyAt, status: recs.get(x.ticketId)?.ticket.status ?? 'closed' });
  }
  return out;
}
