// What staff see of an incident: its page, its tickets and their own pages, the bulk responses'
// progress and the timeline; and the list of incidents.
import { emergencyConfigOf, findEmergency } from '../emergencies/index.ts';
import { type Actor } from '../kernel/actor.ts';
import { getPage } from '../paging/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { listTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { findTicketRecords, getBulkUpdate } from '../tickets/index.ts';
import { listIncidents, listIncidentTickets, type IncidentRow } from './store.ts';
import { statusOf } from './service-page.ts';
import { staff, load } from './service-load.ts';

export async function viewOf(ctx: Ctx, actor: Actor, tx: Tx, i: IncidentRow) {
  const rows = await listIncidentTickets(tx, i.id);
  const recs = await findTicketRecords(tx, rows.map((x) => x.ticketId));
  const page = i.pageId ? await getPage(ctx, actor, i.pageId, tx).catch(() => null) : null;
  const bulkIds = [...new Set(rows.flatMap((x) => (x.bulkId ? [x.bulkId] : [])))];
  const bulk = [];
  for (const id of bulkIds) {
    const { results: _r, ...progress } = await getBulkUpdate(ctx, actor, id, tx);
    bulk.push(progress);
  }
  const count = (f: (x: (typeof rows)[number]) => boolean) => rows.filter(f).length;
  // The own page of each ticket that has one (offered, joined or split out): few, the grouped have none.
  const own = new Map<string, Awaited<ReturnType<typeof statusOf>>>();
  for (const x of rows) if (!x.grouped || x.relation === 'split_out') own.set(x.ticketId, await statusOf(ctx, tx, (await findEmergency(tx, { ticketId: x.ticketId }))?.pageId ?? null));
  return {
    id: i.id, number: i.number, tag: i.tag, title: i.title, state: i.state, detected: i.detected, statusPageUrl: i.statusPageUrl ?? (await emergencyConfigOf(tx)).incident.statusPageUrl,
    incidentIssueUrl: i.incidentIssueUrl, createdAt: i.createdAt, lastJoinedAt: i.lastJoinedAt,
    page: page ? { id: page.id, number: page.number, status: page.status, alertCount: page.alertCount, targetUserIds: page.targetUserIds } : null,
    counts: {
      related: count((x) => x.relation === 'related'), candidates: count((x) => x.relation === 'candidate'), splitOut: count((x) => x.relation === 'split_out'),
      grouped: count((x) => x.grouped), responded: count((x) => !!x.respondedAt),
    },
    tickets: rows.map((x) => {
      const t = recs.get(x.ticketId)?.ticket;
      const p = own.get(x.ticketId);
      return {
        ticketId: x.ticketId, number: x.ticketNumber, relation: x.relation, grouped: x.grouped, respondedAt: x.respondedAt, bulkId: x.bulkId, joinedAt: x.joinedAt,
        status: t?.status ?? null, subject: t?.subject ?? null, organizationId: t?.organizationId ?? null, ownPage: p ? { id: p.id, number: p.number, status: p.status } : null,
      };
    }),
    bulk,
    timeline: (await listTimeline(tx, 'incident', i.id)).map((e) => ({ at: e.at, action: e.action, actor: e.actor, detail: e.detail })),
  };
}

export async function showIncident(ctx: Ctx, actor: Actor, r: string, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => viewOf(ctx, actor, tx, await load(tx, r)));
}

export async function listIncidentSummaries(ctx: Ctx, actor: Actor, f: { state?: 'open' | 'resolved' } = {}, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => {
    const out = [];
    for (const i of await listIncidents(tx, f)) {
      const rows = await listIncidentTickets(tx, i.id);
      out.push({ id: i.id, number: i.number, tag: i.tag, title: i.title, state: i.state, detected: i.detected, createdAt: i.createdAt, pageId: i.pageId,
        related: rows.filter((x) => x.relation === 'related').length, candidates: rows.filter((x) => x.relation === 'candidate').length, splitOut: rows.filter((x) => x.relation === 'split_out').length, responded: rows.filter((x) => !!x.respondedAt).length });
    }
    return out;
  });
}
