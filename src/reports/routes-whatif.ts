// RP-2 over HTTP: POST /api/v1/whatif replays a past period against a proposal (YAML text or the
// same document as JSON) and answers the side by side, as JSON or (?format=csv) per week as CSV.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MANAGERS, requireActor } from '../api/auth.ts';
import { Str } from '../api/schemas.ts';
import type { Ctx } from '../runtime/context.ts';
import { parseInstant, runWhatIf, whatIfStart } from './service-whatif.ts';
import { whatIfCsv, whatIfPeopleCsv } from './whatif-csv.ts';

const tags = ['reports'];
const WhatIfBody = Type.Object({
  since: Str(40, 1),
  until: Str(40, 1),
  proposal: Type.Union([Type.String({ minLength: 1, maxLength: 500_000 }), Type.Object({}, { additionalProperties: true })]),
  zone: Type.Optional(Str(64, 1)),
}, { additionalProperties: false });
const Int = Type.Integer();
const Figures = Type.Object({
  arrivals: Int, concurrent: Int, waitedForManager: Int, uncovered: Int,
  singleEngineerHours: Type.Number({ description: 'hours, to two decimals' }), singleEngineerArrivals: Int, nightPages: Int,
});
const Load = Type.Object({ emergencies: Int, handlingHours: Type.Number(), pages: Int, nightPages: Int });
const Routed = Type.Object({ outcome: Type.Union(['dri', 'concurrent_engineer', 'manager', 'uncovered'].map((o) => Type.Literal(o))), user: Type.Union([Type.String(), Type.Null()]) });
const Sides = <T extends typeof Figures | typeof Load>(t: T) => Type.Object({ actual: t, proposed: t, difference: t });
const WhatIfResult = Type.Object({
  since: Type.String(), until: Type.String(), zone: Type.String(), groups: Type.Array(Type.String()),
  missingGroups: Type.Object({ actual: Type.Array(Type.String()), proposed: Type.Array(Type.String()) }),
  totals: Sides(Figures),
  weeks: Type.Array(Type.Composite([Type.Object({ week: Type.String() }), Sides(Figures)])),
  people: Type.Array(Type.Composite([Type.Object({ user: Type.String() }), Sides(Load)])),
  changed: Type.Array(Type.Object({ ref: Type.String(), group: Type.String(), at: Type.String(), actual: Routed, proposed: Routed }), { description: 'the arrivals routed differently, the first 500' }),
  changedTotal: Int,
}, { title: 'WhatIfResult' });
// entries in the workspace file's format (see /api/workspace.schema.json)
const WorkspaceEntries = Type.Array(Type.Record(Type.String(), Type.Unknown()));
const CurrentSchedules = Type.Object({ rotations: WorkspaceEntries, schedules: WorkspaceEntries, rotation_groups: WorkspaceEntries });
const Format = Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('people-csv')])) }, { additionalProperties: false });

export function registerWhatIfRoutes(app: FastifyInstance, ctx: Ctx): void {
  const config = { access: MANAGERS };
  app.post('/api/v1/whatif', { config, bodyLimit: 1_000_000, schema: { tags, operationId: 'runWhatIf', summary: 'RP-2: replay a past period’s emergencies against the actual and a proposed schedule (workspace YAML or JSON); side by side per week and per person', body: WhatIfBody, querystring: Format, response: { 200: WhatIfResult } } }, async (req, reply) => {
    const b = req.body as Static<typeof WhatIfBody>;
    const result = await runWhatIf(ctx, requireActor(req), { since: parseInstant(b.since, 'since'), until: parseInstant(b.until, 'until'), proposal: b.proposal, zone: b.zone });
    const format = (req.query as Static<typeof Format>).format ?? 'json';
    if (format === 'json') return result;
    const name = `whatif-${result.since.slice(0, 10)}-${result.until.slice(0, 10)}${format === 'people-csv' ? '-people' : ''}.csv`;
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(format === 'csv' ? whatIfCsv(result) : whatIfPeopleCsv(result));
  });
  app.get('/api/v1/whatif/current', { config, schema: { tags, operationId: 'whatIfCurrent', summary: 'RP-2: the current rotations, schedules and rotation groups, to start a proposal from', response: { 200: CurrentSchedules } } }, async (req) => whatIfStart(ctx, requireActor(req)));
}
