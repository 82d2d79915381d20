// RP-1 over HTTP: GET /api/v1/reports lists the reports; GET /api/v1/reports/{name} answers one as
// JSON, or as CSV with `Accept: text/csv` or `?format=csv`. Managers and admins only.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MANAGERS, requireActor } from '../api/auth.ts';
import { isValidTimeZone } from '../kernel/time.ts';
import { fails } from '../api/schemas.ts';
import type { Ctx } from '../runtime/context.ts';
import { GROUPABLE, parseFilters, reportName, REPORTS, REPORT_NAMES, toCsv } from './report.ts';
import { runReport } from './service.ts';

const Q = Type.Optional(Type.String({ maxLength: 200 }));
const ReportQuery = Type.Object({ since: Q, until: Q, region: Q, organisation: Q, form: Q, group: Q, zone: Q, format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])) }, { additionalProperties: false });
const NStr = Type.Union([Type.String(), Type.Null()]);
const Report = Type.Object({
  report: Type.String(), title: Type.String(), since: Type.String(), until: Type.String(), zone: Type.String(),
  filters: Type.Object({ region: NStr, organisation: NStr, form: NStr, group: NStr }),
  columns: Type.Array(Type.String()), rows: Type.Array(Type.Array(Type.Union([Type.String(), Type.Number(), Type.Null()]))), note: Type.String(),
}, { title: 'Report' });
const ReportList = Type.Object({ items: Type.Array(Type.Object({ name: Type.String(), title: Type.String(), groupable: Type.Boolean() })) });

const wantsCsv = (req: FastifyRequest, format: string | undefined) => format === 'csv' || (format !== 'json' && /\btext\/csv\b/.test(req.headers.accept ?? ''));

export function registerReportRoutes(app: FastifyInstance, ctx: Ctx): void {
  const tags = ['reports'];
  const config = { access: MANAGERS };
  app.get('/api/v1/reports', { config, schema: { tags, operationId: 'listReports', summary: 'RP-1: the reports there are', response: { 200: ReportList } } }, async () =>
    ({ items: REPORT_NAMES.map((name) => ({ name, title: REPORTS[name], groupable: GROUPABLE.includes(name) })) }));
  app.get('/api/v1/reports/:name', {
    config,
    schema: {
      tags, operationId: 'runReport',
      summary: 'RP-1: one report over a period (since, until: dates or instants), filtered by region, organisation, form, grouped by region|organisation|form; JSON, or CSV with Accept: text/csv or format=csv',
      params: Type.Object({ name: Type.String({ maxLength: 60 }) }), querystring: ReportQuery,
      response: { 200: Report, ...fails(404) },
    },
  }, async (req, reply) => {
    const name = reportName((req.params as { name: string }).name);
    const query = req.query as Static<typeof ReportQuery>;
    const table = await runReport(ctx, requireActor(req), name, parseFilters(query, isValidTimeZone));
    if (!wantsCsv(req, query.format)) return table;
    const file = `${name}_${table.since.slice(0, 10)}_${table.until.slice(0, 10)}.csv`;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(toCsv(table));
  });
}
