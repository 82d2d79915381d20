// RP-1: run a report — check who asks, read the period's rows through the reports' queries, and
// turn them into the report's table. Read only: one transaction, nothing written.
import { forbidden, notFound } from '../kernel/errors.ts';
import type { Actor } from '../kernel/actor.ts';
import { isoUtc } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { REGION_ZONES } from './region.ts';
import { REPORTS, type ReportFilters, type ReportName, type ReportTable } from './report.ts';
import * as q from './store.ts';
import * as t from './tables.ts';

const NOTES: Record<ReportName, string> = {
  'time-to-acknowledge': 'Acknowledged pages triggered in the period; seconds from triggered to acknowledged. Median and p90 are nearest-rank.',
  'time-to-first-reply': 'Tickets created in the period (merged ones left out); the first public comment by staff (admin, manager, engineer) counts as the reply, automatic replies do not.',
  'sla-breaches': 'Tickets whose service-level clock breached in the period.',
  'sla-breach-trend': 'Breaches per week; weeks start on Monday in the report\'s zone.',
  escalations: 'Escalations filed in the period; open means neither resolved nor rejected yet. Internal requests have no region, organisation or form.',
  'escalation-labels': 'Labels of the escalations filed in the period.',
  'concurrency-shifts': 'Paged emergencies; concurrent = arrived while another was still open. Shifts are 00-08, 08-16 and 16-24 on the zone\'s clock.',
  'concurrency-heatmap': 'Paged emergencies by the hour of the week they arrived, on the zone\'s clock (daylight saving followed); concurrent = arrived while another was still open.',
  'qualification-mix': 'Emergencies that arrived in the period; downgraded = qualified (or not yet) but no longer urgent, e.g. after the bridge closed (WF-5).',
  'engineer-load': 'Pages that reached the engineer first-hand (the page\'s targets), emergencies they own (DRI), and night pages: triggered between 22:00 and 07:00 on the engineer\'s own clock. Region filters the engineer\'s region.',
};

const MANAGERS = ['admin', 'manager'];

/** RP-1: one report over a period, for a manager or an admin. */
export async function runReport(ctx: Ctx, actor: Actor, name: ReportName, f: ReportFilters): Promise<ReportTable> {
  if (!MANAGERS.includes(actor.role)) throw forbidden('report.forbidden', 'Reports are for managers and admins; ask one to share the figures.', { role: actor.role });
  const zone = f.zone ?? (f.region && REGION_ZONES[f.region]) ?? 'UTC';
  return withTx(ctx, undefined, async (tx) => {
    await q.planForReports(tx);
    let organisationId: string | undefined;
    if (f.organisation) {
      const o = await q.findOrganisation(tx, f.organisation);
      if (!o) throw notFound('report.unknown_organisation', `No organisation "${f.organisation}"; give its name, slug or id (hotline org list).`, { organisation: f.organisation });
      organisationId = o.id;
    }
    const scope: q.Scope = { since: f.since, until: f.until, region: f.region, organisationId, form: f.form };
    // an emergency still open is counted open until the end of the period, or now if that is sooner
    const end = Math.min(f.until.epochMilliseconds, ctx.clock.now().epochMilliseconds);
    const table = await build(tx, name, scope, f, zone, end);
    return {
      report: name, title: REPORTS[name], since: isoUtc(f.since), until: isoUtc(f.until), zone,
      filters: { region: f.region ?? null, organisation: f.organisation ?? null, form: f.form ?? null, group: f.group ?? null },
      columns: table.columns, rows: table.rows, note: NOTES[name],
    };
  });
}

async function build(tx: Tx, name: ReportName, s: q.Scope, f: ReportFilters, zone: string, end: number): Promise<t.Table> {
  switch (name) {
    case 'time-to-acknowledge': return t.ackTable(await q.ackDurations(tx, s), f.group);
    case 'time-to-first-reply': return t.firstReplyTable(await q.firstReplies(tx, s), f.group);
    case 'sla-breaches': return t.breachTable(await q.breaches(tx, s));
    case 'sla-breach-trend': return t.breachTrendTable(await q.breaches(tx, s), f.since, f.until, zone);
    case 'escalations': return t.escalationTable(await q.escalationRows(tx, s), f.group);
    case 'escalation-labels': return t.labelTable(await q.escalationRows(tx, s));
    case 'concurrency-shifts': return t.shiftTable(await q.emergencySpans(tx, s), f.since, end, zone);
    case 'concurrency-heatmap': return t.heatmapTable(await q.emergencySpans(tx, s), f.since, end, zone);
    case 'qualification-mix': return t.qualificationTable(await q.qualificationCounts(tx, s), f.group);
    case 'engineer-load': {
      const [people, pages, owned] = [await q.engineers(tx, s.region), await q.pageTargets(tx, s), await q.emergenciesOwned(tx, s)];
      return t.loadTable(people, pages, owned);
    }
  }
}
