// HTTP surface for schedules: who is on call, schedules and groups, final schedule, gaps,
// overrides, swaps, on-call eligibility and calendar feeds (the .ics itself is public by secret).
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MANAGERS, requireActor, STAFF } from '../api/auth.ts';
import { Body, errors, fails, IdParams, Nullable, Str } from '../api/schemas.ts';
import { CalendarFeed, Eligibility, FinalSchedule, GapsReport, GroupTimeline, OnCallAnswer, ScheduleList, ScheduleOverride, ScheduleSwap } from './routes-schemas.ts';
import { invalid, notFound } from '../kernel/errors.ts';
import { Temporal } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import { readTx } from '../store/tx.ts';
import { getFeed, renderFeed, rotateFeed } from './service-feeds.ts';
import * as svc from './service.ts';
import { findIcalCopies, loadSchedules } from './store.ts';
import { refreshIcal } from './service-ical.ts';

const tags = ['schedules'];
const Iso = Str(40, 1);
const Email = Str(254, 3);

function at(v: string | undefined, name: string): Temporal.Instant | undefined {
  if (v === undefined || v === '') return undefined;
  try {
    return Temporal.Instant.from(v);
  } catch {
    throw invalid('schedule.bad_instant', `${name}: "${v}" is not an instant; write ISO-8601 with a zone, e.g. 2026-07-14T16:30:00Z.`, { field: name, value: v });
  }
}
const need = (v: string | undefined, name: string) => at(v, name) ?? (() => { throw invalid('schedule.missing_field', `${name} is required (ISO-8601, e.g. 2026-07-14T16:30:00Z).`, { field: name }); })();

const OnCallQuery = Type.Object({ group: Type.Optional(Str(120, 1)), at: Type.Optional(Iso) }, { additionalProperties: false });
const RangeQuery = Type.Object({ since: Type.Optional(Iso), until: Type.Optional(Iso) }, { additionalProperties: false });
const GapsQuery = Type.Object({ days: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })), since: Type.Optional(Iso) }, { additionalProperties: false });
const ScheduleFilter = Type.Object({ schedule: Type.Optional(Str(120, 1)), status: Type.Optional(Type.Union([Type.Literal('requested'), Type.Literal('accepted'), Type.Literal('declined')])) }, { additionalProperties: false });
const OverrideBody = Body({ schedule: Str(120, 1), start: Iso, end: Iso, user: Type.Optional(Email), replaces: Type.Optional(Email), shadow: Type.Optional(Type.Boolean()), note: Type.Optional(Str(500)) });
const SwapBody = Body({ schedule: Str(120, 1), start: Iso, end: Iso, with: Email, requester: Type.Optional(Email), note: Type.Optional(Str(500)) });
const TrainingBody = Body({ user: Email, completedAt: Type.Optional(Iso), note: Type.Optional(Str(500)) });
const ApprovalBody = Body({ user: Email });
const MemberBody = Body({ user: Email, from: Type.Optional(Iso), shadow: Type.Optional(Type.Boolean()) });
const FeedBody = Body({ kind: Type.Union([Type.Literal('user'), Type.Literal('schedule')]), ref: Type.Optional(Str(254, 1)) });
const FeedParams = Type.Object({ file: Type.String({ minLength: 5, maxLength: 140 }) }, { additionalProperties: false });

const defaultRange = (ctx: Ctx, q: Static<typeof RangeQuery>) => {
  const since = at(q.since, 'since') ?? ctx.clock.now();
  return { since, until: at(q.until, 'until') ?? since.add({ hours: 24 * 7 }) };
};

export function registerScheduleRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.get('/api/v1/oncall', { config: { access: STAFF }, schema: { tags, summary: 'Who is on call now or at an instant, per schedule and per rotation group, with the DRI (SCH-9)', operationId: 'whoIsOnCall', querystring: OnCallQuery, response: { 200: OnCallAnswer, ...fails(404) } } }, async (req) => {
    const q = req.query as Static<typeof OnCallQuery>;
    return svc.whoIsOnCall(ctx, { at: at(q.at, 'at'), group: q.group });
  });
  app.get('/api/v1/schedules', { config: { access: STAFF }, schema: { tags, operationId: 'listSchedules', summary: 'Schedules, rotation groups and rotations', response: { 200: ScheduleList } } }, async () => {
    const w = await loadSchedules(readTx(ctx.db));
    const copies = new Map((await findIcalCopies(readTx(ctx.db))).map((c) => [c.rotationId, c]));
    const ical = (r: (typeof w.rotations)[number]) => {
      if (!r.ical) return null;
      const c = copies.get(r.id);
      const same = c?.url === r.ical.url;
      return { url: r.ical.url, refreshMinutes: r.ical.refreshMinutes, spans: r.ical.spans.length, fetchedAt: same ? c!.fetchedAt : null, lastError: same ? c!.lastError : null, lastErrorAt: same ? c!.lastErrorAt : null };
    };
    return {
      version: w.version,
      items: w.schedules.map((s) => ({ id: s.id, name: s.name, timeZone: s.timeZone, layers: s.layers.map((l) => ({ id: l.id, name: l.name, rotations: l.rotations.map((r) => r.id) })), fallback: s.fallback?.user ?? null })),
      groups: w.groups.map((g) => ({ id: g.id, name: g.name, timeZone: g.timeZone, schedules: g.schedules.map((s) => s.id), dri: g.dri, coverage: g.coverage, handoffReminderMinutes: g.handoffReminderMinutes })),
      rotations: w.rotations.map((r) => ({ id: r.id, name: r.name, timeZone: r.timeZone, members: r.versions[r.versions.length - 1].members, ical: ical(r) })),
    };
  });
  app.post('/api/v1/rotations/:id/ical-refresh', {
    config: { access: MANAGERS },
    schema: {
      tags, operationId: 'refreshRotationIcal', params: IdParams,
      summary: 'Read the iCalendar feed a rotation follows now (instead of at its next refresh); a failed read keeps the last good copy and says why',
      response: { 200: Type.Object({ spans: Type.Integer({ description: 'spans kept' }), error: Nullable(Type.String()) }), ...fails(404) },
    },
  }, async (req) => {
    const id = (req.params as { id: string }).id;
    const w = await loadSchedules(readTx(ctx.db));
    const r = w.rotations.find((x) => x.id === id);
    if (!r) throw notFound('schedule.rotation_not_found', `No rotation "${id}".`, { id });
    if (!r.ical) throw invalid('schedule.rotation_not_ical', `Rotation "${id}" does not follow an iCalendar feed; give it ical_url in the workspace file.`, { id });
    return refreshIcal(ctx, id);
  });
  app.get('/api/v1/schedules/:id/final', { config: { access: STAFF }, schema: { tags, summary: 'The final, merged schedule over a range (default: the next 7 days)', operationId: 'getFinalSchedule', params: IdParams, querystring: RangeQuery, response: { 200: FinalSchedule, ...fails(404) } } }, async (req) => {
    const r = defaultRange(ctx, req.query as Static<typeof RangeQuery>);
    return svc.scheduleFinal(ctx, (req.params as { id: string }).id, r.since, r.until);
  });
  app.get('/api/v1/schedules/:id/gaps', { config: { access: STAFF }, schema: { tags, summary: 'Coverage gaps and single-engineer hours of a rotation group or schedule over the next N days', operationId: 'getScheduleGaps', params: IdParams, querystring: GapsQuery, response: { 200: GapsReport, ...fails(404) } } }, async (req) => {
    const q = req.query as Static<typeof GapsQuery>;
    return svc.scheduleGaps(ctx, (req.params as { id: string }).id, q.days ? Number(q.days) : 30, at(q.since, 'since'));
  });
  app.get('/api/v1/rotation-groups/:id/timeline', { config: { access: STAFF }, schema: { tags, summary: 'A rotation group over a range: each schedule’s final entries, the DRI sub-schedule, gaps', operationId: 'getRotationGroupTimeline', params: IdParams, querystring: RangeQuery, response: { 200: GroupTimeline, ...fails(404) } } }, async (req) => {
    const r = defaultRange(ctx, req.query as Static<typeof RangeQuery>);
    return svc.groupTimeline(ctx, (req.params as { id: string }).id, r.since, r.until);
  });

  app.get('/api/v1/schedule-overrides', { config: { access: STAFF }, schema: { tags, operationId: 'listScheduleOverrides', summary: 'Overrides (optionally of one schedule)', querystring: ScheduleFilter, response: { 200: Type.Object({ items: Type.Array(ScheduleOverride) }) } } }, async (req) => ({ items: await svc.listOverrides(ctx, { schedule: (req.query as Static<typeof ScheduleFilter>).schedule }) }));
  app.post('/api/v1/schedule-overrides', { config: { access: STAFF }, schema: { tags, summary: 'Create an override: user covers, replaces gives time up, both: user takes it over (SCH-6)', operationId: 'createScheduleOverride', body: OverrideBody, response: { 201: ScheduleOverride, ...fails(404, 409) } } }, async (req, reply) => {
    const b = req.body as Static<typeof OverrideBody>;
    return reply.status(201).send(await svc.createOverride(ctx, requireActor(req), { ...b, start: need(b.start, 'start'), end: need(b.end, 'end') }));
  });
  app.delete('/api/v1/schedule-overrides/:id', { config: { access: STAFF }, schema: { tags, operationId: 'removeScheduleOverride', summary: 'Remove an override', params: IdParams, response: { 204: { description: 'Removed', type: 'null' }, ...fails(404) } } }, async (req, reply) => {
    await svc.removeOverride(ctx, requireActor(req), (req.params as { id: string }).id);
    return reply.status(204).send();
  });

  app.get('/api/v1/schedule-swaps', { config: { access: STAFF }, schema: { tags, operationId: 'listScheduleSwaps', summary: 'Swaps (optionally of one schedule or status)', querystring: ScheduleFilter, response: { 200: Type.Object({ items: Type.Array(ScheduleSwap) }) } } }, async (req) => {
    const q = req.query as Static<typeof ScheduleFilter>;
    return { items: await svc.listSwaps(ctx, { schedule: q.schedule, status: q.status }) };
  });
  app.post('/api/v1/schedule-swaps', { config: { access: STAFF }, schema: { tags, operationId: 'requestScheduleSwap', summary: 'Ask another member to swap shifts in a range (SCH-6)', body: SwapBody, response: { 201: ScheduleSwap, ...fails(404, 409) } } }, async (req, reply) => {
    const b = req.body as Static<typeof SwapBody>;
    return reply.status(201).send(await svc.requestSwap(ctx, requireActor(req), { ...b, start: need(b.start, 'start'), end: need(b.end, 'end') }));
  });
  app.post('/api/v1/schedule-swaps/:id/accept', { config: { access: STAFF }, schema: { tags, operationId: 'acceptScheduleSwap', summary: 'Accept a swap asked of you', params: IdParams, response: { 200: ScheduleSwap, ...fails(404, 409) } } }, async (req) => svc.acceptSwap(ctx, requireActor(req), (req.params as { id: string }).id));
  app.post('/api/v1/schedule-swaps/:id/decline', { config: { access: STAFF }, schema: { tags, operationId: 'declineScheduleSwap', summary: 'Decline a swap asked of you', params: IdParams, response: { 200: ScheduleSwap, ...fails(404, 409) } } }, async (req) => svc.declineSwap(ctx, requireActor(req), (req.params as { id: string }).id));
  app.delete('/api/v1/schedule-swaps/:id', { config: { access: STAFF }, schema: { tags, operationId: 'removeScheduleSwap', summary: 'Withdraw or undo a swap', params: IdParams, response: { 204: { description: 'Removed', type: 'null' }, ...fails(404, 409) } } }, async (req, reply) => {
    await svc.removeSwap(ctx, requireActor(req), (req.params as { id: string }).id);
    return reply.status(204).send();
  });

  app.get('/api/v1/oncall/eligibility', { config: { access: STAFF }, schema: { tags, operationId: 'listOnCallEligibility', summary: 'On-call training and approval records (SCH-8)', response: { 200: Type.Object({ items: Type.Array(Eligibility) }) } } }, async (req) => ({ items: await svc.listEligibility(ctx, requireActor(req)) }));
  app.post('/api/v1/oncall/training', { config: { access: STAFF }, schema: { tags, summary: 'Record completed on-call training (your own, or anyone’s as a manager)', operationId: 'recordOnCallTraining', body: TrainingBody, response: { 200: Eligibility, ...fails(404) } } }, async (req) => {
    const b = req.body as Static<typeof TrainingBody>;
    return svc.recordTraining(ctx, requireActor(req), { user: b.user, completedAt: at(b.completedAt, 'completedAt'), note: b.note });
  });
  app.post('/api/v1/oncall/approvals', { config: { access: MANAGERS }, schema: { tags, operationId: 'approveForOnCall', summary: 'Approve a trained person for on-call (SCH-8)', body: ApprovalBody, response: { 200: Eligibility, ...fails(404, 409) } } }, async (req) => svc.approveForOnCall(ctx, requireActor(req), req.body as Static<typeof ApprovalBody>));
  app.post('/api/v1/rotations/:id/members', { config: { access: MANAGERS }, schema: { tags, summary: 'Add a trained, approved person to a rotation from a date (SCH-8)', operationId: 'addRotationMember', params: IdParams, body: MemberBody, response: { 201: Type.Object({ version: Type.Integer({ description: 'the schedules\' new version' }) }), ...fails(404, 409) } } }, async (req, reply) => {
    const b = req.body as Static<typeof MemberBody>;
    return reply.status(201).send(await svc.addRotationMember(ctx, requireActor(req), { rotationId: (req.params as { id: string }).id, user: b.user, from: at(b.from, 'from'), shadow: b.shadow }));
  });

  app.post('/api/v1/calendar-feeds', { config: { access: STAFF }, schema: { tags, summary: 'The secret iCalendar address of your shifts (kind user) or of a schedule (SCH-11)', operationId: 'getCalendarFeed', body: FeedBody, response: { 200: CalendarFeed, ...fails(404) } } }, async (req) => getFeed(ctx, requireActor(req), req.body as Static<typeof FeedBody>));
  app.post('/api/v1/calendar-feeds/rotate', { config: { access: STAFF }, schema: { tags, summary: 'A new secret address for a feed; the old one stops working', operationId: 'rotateCalendarFeed', body: FeedBody, response: { 200: CalendarFeed, ...fails(404) } } }, async (req) => rotateFeed(ctx, requireActor(req), req.body as Static<typeof FeedBody>));
  app.get('/cal/:file', { config: { access: 'public' }, schema: { tags, summary: 'An iCalendar feed by its secret address (/cal/<secret>.ics)', operationId: 'getCalendarFeedFile', params: FeedParams, response: { 200: { description: 'The iCalendar file', content: { 'text/calendar': { schema: Type.String() } } }, 404: errors[404] } } }, async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const ics = await renderFeed(ctx, file.endsWith('.ics') ? file.slice(0, -4) : file);
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(ics);
  });
}
